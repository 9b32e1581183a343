import type { CodeKeywordDefinition, KeywordCxt } from 'ajv';
import { _ } from 'ajv';
import { useFunc } from 'ajv/dist/compile/util.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import limitLengthModule from 'ajv/dist/vocabularies/validation/limitLength.js';
import { commonJsDefault } from './common-js.js';

const ajvLimitLength = commonJsDefault<CodeKeywordDefinition>(limitLengthModule);
const ucs2length = commonJsDefault<{ code: string }>(ucs2lengthModule);

/**
 * `maxLength` and `minLength` as Ajv checks them (characters counted as code points, a pair of surrogates one), with
 * the count skipped where a string's length in UTF-16 units already decides: a string never has more code points than
 * units, nor fewer than half of them. Almost every answer is short of its limit, so the count (a walk over every
 * character, the largest share of validating a valid form) now runs only for a string near or over it. Same errors,
 * in the same place: only the code that decides differs.
 */
export const limitLength: CodeKeywordDefinition = {
  ...ajvLimitLength,
  code(cxt: KeywordCxt) {
    const { keyword, data, schemaCode, it } = cxt;
    if (it.opts.unicode === false) {
      ajvLimitLength.code!(cxt, undefined as never);
      return;
    }
    const count = useFunc(cxt.gen, ucs2length);
    // maxLength fails when the count exceeds the limit, which only a string of more units than that can do; minLength
    // when the count falls short, which a string of at least twice the limit in units cannot do.
    const fails =
      keyword === 'maxLength'
        ? _`${data}.length > ${schemaCode} && ${count}(${data}) > ${schemaCode}`
        : _`${data}.length < 2 * ${schemaCode} && ${count}(${data}) < ${schemaCode}`;
    cxt.fail$data(fails);
  },
};
