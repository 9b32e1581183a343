/**
 * What `start` gives, started once per key and kept in `pending` (a file of words or a program's validators, by
 * name or URL); should it fail, the key is forgotten, so that the next call starts it again.
 */
export function once<K, T>(pending: Map<K, Promise<T>>, key: K, start: () => Promise<T>): Promise<T> {
  let p = pending.get(key);
  if (!p) {
    p = start().catch((cause: unknown) => {
      pending.delete(key);
      throw cause;
    });
    pending.set(key, p);
  }
  return p;
}
