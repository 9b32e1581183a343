// The demo (`npm start`, scripts/start.mjs) as a browser meets it: every HTML page it links to, reached from its
// index, says it must not be framed, sends no Referer and must not be sniffed; a client that sends its request
// headers too slowly is cut off within seconds, not the minutes Node allows. Needs `npm run build` (npm test does it).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './demo-run.mjs';


/** Opens a connection that sends the start of a request and never its end; resolves with the seconds until the demo closed it. */
function slowClient(port: number, giveUpMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve((Date.now() - started) / 1000);
    });
    socket.on('error', () => {});
    socket.resume();
  });
}

describe('the demo', () => {
  let demo: { base: string; port: number; stop: () => Promise<void> } | undefined;
  let dataDir: string;
  let base: string;
  let port: number;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'civicflow-demo-test-'));
    // It builds the examples' validators before it listens.
    demo = await startDemo(dataDir);
    ({ base, port } = demo);
  }, 90_000);
  afterAll(async () => {
    await demo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('sends a CSP with frame-ancestors, Referrer-Policy and nosniff with every HTML page it links to', async () => {
    const seen = new Set<string>();
    const queue = ['/'];
    const pages: string[] = [];
    while (queue.length > 0 && seen.size < 80) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const res = await fetch(new URL(at, base), { signal: AbortSignal.timeout(10_000) });
      const type = res.headers.get('content-type') ?? '';
      const body = await res.text();
      if (!type.startsWith('text/html')) continue;
      pages.push(at);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, at).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('referrer-policy'), at).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), at).toBe('nosniff');
      for (const [, href] of body.matchAll(/href="([^"]+)"/g)) {
        const url = new URL(href!.replaceAll('&amp;', '&'), new URL(at, base));
        if (url.origin === base && !url.pathname.endsWith('.css')) queue.push(url.pathname + url.search);
      }
    }
    // The index, a page per program, the municipal site, the status page, the inbox, the reports.
    for (const page of ['/', '/programs/zweite-chance', '/site/', '/status/', '/caseworker/', '/reports/']) expect(pages).toContain(page);
  }, 60_000);

  it('serves the municipal site every file beside the embed that its form imports', async () => {
    const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '../packages/elements/dist');
    const files = (await readdir(dist)).filter((f) => /^cf-form\.[a-z-]+\.js$/.test(f) && f !== 'cf-form.embed.js');
    // The site's intake keeps drafts.
    expect(files).toEqual(expect.arrayContaining(['cf-form.drafts.js', 'cf-form.sending.js', 'cf-form.validation.js']));
    for (const file of files) {
      const res = await fetch(new URL(`/elements/${file}`, base), { signal: AbortSignal.timeout(10_000) });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(/^text\/javascript/);
      expect(await res.text(), file).toBe(await readFile(path.join(dist, file), 'utf8'));
    }
    expect((await fetch(new URL('/elements/cf-form.nothing.js', base))).status).toBe(404);
  }, 60_000);

  it('cuts off clients that send their request headers slowly, and still answers others', async () => {
    // Node's own limits would keep them a minute or more; the demo allows 10 s, checked every second.
    const slow = Array.from({ length: 20 }, () => slowClient(port, 30_000));
    expect((await fetch(base, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    const seconds = await Promise.all(slow);
    expect(Math.max(...seconds)).toBeLessThan(15);
  }, 60_000);
});
