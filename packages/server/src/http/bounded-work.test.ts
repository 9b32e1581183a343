import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxErrors } from '@civicflow/core';
import { repoRoot } from '@civicflow/test-support';
import { removeServerEntry, startServerProcess, type ServerProcess } from '../test-support/server-process.js';
import { defaultBodyLimits } from './read-json-body.js';
import { worstBodies } from '../../../../bench/worst-bodies.mjs';

// Issue 22, break 1 and deliverable 2: one anonymous body with many errors held every other request for half a
// minute. Here a real server process gets the worst bodies its limits let through and must answer them with a
// bounded list of errors. How fast small requests are answered beside them is measured in bench/server.bench.mjs
// (the row "validate first contact beside … worst-case bodies"), not here.

const PROGRAM = path.join(repoRoot, 'examples/zweite-chance/program.json');

/**
 * Bodies that reach the limits: as many values as allowed, as many bytes as allowed, each one wrong (made as the
 * benches make them).
 */
function worstBodyTexts(): string[] {
  const bodies = Object.values(worstBodies(defaultBodyLimits));
  const needs = (bodies[1]!['health'] as { needs: string[] }).needs;
  expect(new Set(needs).size).toBe(needs.length);
  const texts = bodies.map((body) => JSON.stringify(body));
  for (const body of texts) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(defaultBodyLimits.maxBytes);
  return texts;
}

// A connection per request: on a busy machine the time between two requests can outlast the server's keep-alive, and a
// reused socket the server closes at that moment fails the request ("fetch failed").
async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { connection: 'close', 'content-type': 'application/json', 'accept-language': 'en', ...headers }, body });
}

describe('bounded work per request', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(['--programs', PROGRAM, '--memory', '--quiet', '--no-scheduler']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await removeServerEntry();
  });

  it('answers the worst bodies under the limits with at most maxErrors errors and the count of the rest', async () => {
    const base = `${server.url}/v1/programs/zweite-chance`;
    for (const body of worstBodyTexts()) {
      const checked = await post(`${base}/validate?form=intake`, body);
      expect(checked.status, await checked.clone().text()).toBe(200);
      const result = (await checked.json()) as { errors: unknown[]; moreErrors?: number; maxErrors?: number };
      expect(result.errors).toHaveLength(maxErrors);
      expect(result.moreErrors).toBeGreaterThan(0);
      expect(result.maxErrors).toBe(maxErrors);
      const sent = await post(`${base}/submissions?form=intake`, body);
      expect(sent.status).toBe(422);
      const refused = (await sent.json()) as { message: string; errors: unknown[]; moreErrors?: number; details: { count: number; maxErrors: number } };
      expect(refused.errors).toHaveLength(maxErrors);
      expect(refused.details).toEqual({ count: maxErrors + result.moreErrors!, maxErrors });
      expect(refused.moreErrors).toBe(result.moreErrors);
      expect(refused.message).toBe(`The form is incomplete or has errors: ${maxErrors + result.moreErrors!} problem(s). Only the first ${maxErrors} are listed.`);
    }
  }, 120_000);
});
