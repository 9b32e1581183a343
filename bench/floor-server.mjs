// The floor of servers.bench.mjs: what Node's HTTP server and the PostgreSQL driver reach with the submission
// statement alone, in one process, on the same machine. It does the least any server in Node must do for a
// submission: read the body, parse the JSON, run the server's own statement (`SUBMIT_STATEMENT`, prepared on each
// connection, as the server sends it) with the values of a case the servers stored and a new case id, key, time and
// reference, and answer 201 with the case's id and reference. No checks, no workflow, no receipt: the gap between
// this and `civicflow-server` is what civicflow does, the gap between this and pgbench what Node and the driver cost.
//
// Started by the bench with CIVICFLOW_FLOOR (JSON: url, schema, values by parameter number); prints the line
// `listening on <url>` once it listens, and stops on SIGTERM.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { SUBMIT_STATEMENT } = await import(path.join(root, 'packages/server/dist/index.js'));
const { url, schema, values } = JSON.parse(process.env.CIVICFLOW_FLOOR ?? '{}');
const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });

/** The statement's 18 parameters: the stored case's, with what must be new each time made here. */
function parameters(key) {
  const fresh = { 2: key, 5: randomUUID(), 6: new Date().toISOString(), 7: `FLR-${randomUUID()}` };
  return { reference: fresh[7], list: Array.from({ length: 18 }, (_, i) => fresh[i + 1] ?? values[i + 1]) };
}

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'not JSON' });
    }
    if (typeof body?.firstContact !== 'object') return answer(res, 422, { error: 'no first contact' });
    const { reference, list } = parameters(req.headers['idempotency-key'] ?? randomUUID());
    pool.query({ name: 'submit', text: SUBMIT_STATEMENT, values: list }).then(
      // No case id: the key was used before, or the published versions changed; the bench counts either as a failure.
      ({ rows }) => (rows[0]?.case_id ? answer(res, 201, { id: rows[0].case_id, reference }) : answer(res, 409, { error: 'not stored' })),
      (err) => answer(res, 500, { error: err.message }),
    );
  });
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
