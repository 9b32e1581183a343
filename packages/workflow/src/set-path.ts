import type { CaseData } from './case.js';

/** The data with the value at a dotted path replaced (objects on the way are copied, or made where missing). */
export function setPath(data: CaseData, path: string, value: unknown): CaseData {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const inner = data[head];
  const child = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as CaseData) : {};
  return { ...data, [head]: rest.length === 0 ? value : setPath(child, rest.join('.'), value) };
}
