// A global that browsers and Node (17 and later) both have, but that no ECMAScript lib declares: this package
// is typechecked without the DOM lib and without Node's types, so that neither's other globals slip in.
declare function structuredClone<T>(value: T): T;
