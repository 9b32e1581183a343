// Reading and writing form data by JSON Pointer. Writes copy the objects on the way, so every change gives
// a new root and an element (and its drafts) can tell that something changed by identity alone.
import { parsePointer } from './pointer.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a pointer, or undefined. */
export function getAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (isObj(node) && Object.prototype.hasOwnProperty.call(node, t)) node = node[t];
    else return undefined;
  }
  return node;
}

/**
 * A copy of the data with `value` at the pointer; `undefined` removes the property (or the list entry).
 * Missing objects on the way are created; a numeric token under an array indexes it.
 */
export function setAt(data: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  const write = (node: unknown, i: number): unknown => {
    const t = tokens[i]!;
    const last = i === tokens.length - 1;
    if (Array.isArray(node)) {
      const copy = node.slice();
      const index = Number(t);
      if (last) {
        if (value === undefined) copy.splice(index, 1);
        else copy[index] = value;
      } else copy[index] = write(copy[index], i + 1);
      return copy;
    }
    const copy: Obj = isObj(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete copy[t];
      else copy[t] = value;
    } else copy[t] = write(copy[t], i + 1);
    return copy;
  };
  return tokens.length === 0 ? value : write(data, 0);
}
