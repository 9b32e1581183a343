import type { CodeKeywordDefinition, KeywordCxt } from 'ajv';
import { _, stringify, type Name } from 'ajv';
import namesModule from 'ajv/dist/compile/names.js';
import { commonJsDefault } from './common-js.js';
import additionalPropertiesModule from 'ajv/dist/vocabularies/applicator/additionalProperties.js';

const ajvAdditionalProperties = commonJsDefault<CodeKeywordDefinition>(additionalPropertiesModule);
const N = commonJsDefault<{ readonly errors: Name }>(namesModule);

/** Up to this many properties Ajv compares each key with every name (`key === "a" || …`), which stays. */
const COMPARED = 8;

/**
 * `additionalProperties: false` with a `Set` of the declared names. For an object of more than eight properties Ajv
 * looks each key of the data up with `hasOwnProperty` in the schema's `properties`, which V8 answers by searching the
 * object's descriptors: about 15 ns a key, two thirds of the time a form of 40 fields took to validate. A `Set` answers
 * in a third of that. The errors are Ajv's own (`params` `{ additionalProperty }`, same place and order); any other
 * use of the keyword (a schema for the extra properties, `patternProperties`, `removeAdditional`) goes Ajv's way.
 */
export const additionalProperties: CodeKeywordDefinition = {
  ...ajvAdditionalProperties,
  code(cxt: KeywordCxt) {
    const { gen, schema, parentSchema, data, errsCount, it } = cxt;
    const properties = parentSchema['properties'] as Record<string, unknown> | undefined;
    const declared = properties ? Object.keys(properties).filter((p) => p !== '__proto__') : [];
    if (schema !== false || declared.length <= COMPARED || parentSchema['patternProperties'] !== undefined || it.opts.removeAdditional || !errsCount) {
      ajvAdditionalProperties.code(cxt);
      return;
    }
    it.props = true;
    // Ajv's lookup also finds a property named `__proto__` that the schema holds as its own (JSON.parse makes one).
    const known = Object.prototype.hasOwnProperty.call(properties, '__proto__') ? [...declared, '__proto__'] : declared;
    const set = gen.scopeValue('obj', { ref: new Set(known), code: _`new Set(${stringify(known)})` });
    gen.forIn('key', data, (key) =>
      gen.if(_`!${set}.has(${key})`, () => {
        cxt.setParams({ additionalProperty: key });
        cxt.error();
        if (!it.allErrors) gen.break();
      }),
    );
    cxt.ok(_`${errsCount} === ${N.errors}`);
  },
};
