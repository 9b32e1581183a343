import type { AnySchemaObject, CodeKeywordDefinition, KeywordCxt } from 'ajv';
import { _ } from 'ajv';
import { _Code } from 'ajv/dist/compile/codegen/code.js';
import { useFunc } from 'ajv/dist/compile/util.js';
import { getSchemaTypes } from 'ajv/dist/compile/validate/dataType.js';
import equalModule from 'ajv/dist/runtime/equal.js';
import uniqueItemsModule from 'ajv/dist/vocabularies/validation/uniqueItems.js';
import { commonJsDefault } from './common-js.js';

const ajvUniqueItems = commonJsDefault<CodeKeywordDefinition>(uniqueItemsModule);
const equal = commonJsDefault<{ code: string }>(equalModule);

/**
 * Where a list first repeats itself, as Ajv's own check reports it (`i` the last item equal to an earlier one,
 * `j` the latest such earlier item): `null` when every item is unique, `undefined` when an item is not plain JSON
 * data (then Ajv's pairwise check decides). One pass, each item turned into a key whose equality is Ajv's deep
 * equality: object keys sorted, `-0` as `0`. An object with its own `constructor`, `valueOf` or `toString` is
 * not plain here, because Ajv's equality reads those from the item itself.
 *
 * Precompiled modules carry this function's source text, so it must not refer to anything outside itself.
 */
export function repeatedItem(items: readonly unknown[]): [number, number] | null | undefined {
  const keyOf = (value: unknown): string | undefined => {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'boolean':
        return value ? 't' : 'f';
      case 'number':
        return Number.isFinite(value) ? 'n' + String(value) : undefined;
      case 'object':
        break;
      default:
        return undefined;
    }
    if (value === null) return 'z';
    if (Array.isArray(value)) {
      let key = '[';
      for (let i = 0; i < value.length; i++) {
        const k = keyOf(value[i]);
        if (k === undefined) return undefined;
        key += (i > 0 ? ',' : '') + k;
      }
      return key + ']';
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const names = Object.keys(value).sort();
    let key = '{';
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (name === 'constructor' || name === 'valueOf' || name === 'toString') return undefined;
      const k = keyOf((value as Record<string, unknown>)[name]);
      if (k === undefined) return undefined;
      key += (i > 0 ? ',' : '') + JSON.stringify(name) + ':' + k;
    }
    return key + '}';
  };
  // Strings and numbers in the list are their own keys (a Map tells 0 from '0' and takes -0 for 0), with no copy
  // made; everything else goes by its key, in a map of its own.
  const scalars = new Map<string | number, number>();
  const others = new Map<string, number>();
  let found: [number, number] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let j: number | undefined;
    if (typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))) {
      j = scalars.get(item);
      scalars.set(item, i);
    } else {
      const key = keyOf(item);
      if (key === undefined) return undefined;
      j = others.get(key);
      others.set(key, i);
    }
    if (j !== undefined) found = [i, j];
  }
  return found;
}

/** Lists up to this long are checked pair by pair (at most 120 comparisons). */
const SHORT = 16;

/** Whether Ajv checks a list's items through a lookup already (scalar item types): then its own code stays. */
function isLinearInAjv(parentSchema: AnySchemaObject): boolean {
  const itemTypes = parentSchema['items'] ? getSchemaTypes(parentSchema['items'] as AnySchemaObject) : [];
  return itemTypes.length > 0 && !itemTypes.some((t) => t === 'object' || t === 'array');
}

/**
 * `uniqueItems` in time linear in the list. Ajv compares every pair of items unless the schema types them as
 * scalars, so a list of 90,000 distinct strings under an `enum` took half a minute; this keyword finds the same
 * pair (`params` `{ i, j }` as Ajv's) with one key per item. Short lists, and lists holding what is not plain
 * JSON data, go Ajv's pairwise way, as before.
 */
export const uniqueItems: CodeKeywordDefinition = {
  ...ajvUniqueItems,
  code(cxt: KeywordCxt) {
    const { gen, data, $data, schema, parentSchema } = cxt;
    if ($data || schema !== true || isLinearInAjv(parentSchema)) {
      ajvUniqueItems.code(cxt);
      return;
    }
    const repeated = gen.scopeValue('func', { ref: repeatedItem, code: new _Code(repeatedItem.toString()) });
    const valid = gen.let('valid', true);
    const i = gen.let('i', _`${data}.length`);
    const j = gen.let('j');
    cxt.setParams({ i, j });
    gen.if(_`${i} > 1`, () => {
      // A short list is compared pair by pair, as Ajv does: cheaper than keys, and bounded.
      const found = gen.const('found', _`${i} > ${SHORT} ? ${repeated}(${data}) : undefined`);
      gen.if(
        _`${found} === undefined`,
        () => {
          const eql = useFunc(gen, equal);
          const outer = gen.name('outer');
          gen.label(outer).for(_`;${i}--;`, () =>
            gen.for(_`${j} = ${i}; ${j}--;`, () =>
              gen.if(_`${eql}(${data}[${i}], ${data}[${j}])`, () => {
                cxt.error();
                gen.assign(valid, false).break(outer);
              }),
            ),
          );
        },
        () =>
          gen.if(_`${found} !== null`, () => {
            gen.assign(i, _`${found}[0]`);
            gen.assign(j, _`${found}[1]`);
            cxt.error();
            gen.assign(valid, false);
          }),
      );
    });
    cxt.ok(valid);
  },
};
