// The JSON answers of civicflow's HTTP API, generated from schemas/api/answers.schema.json (the server's OpenAPI
// document takes its schemas from the same file). Types only: the server's routes are typed against them and the
// elements read them through the runtime entry, so neither writes the shape of an answer by hand.
export type * from './generated/api.js';
