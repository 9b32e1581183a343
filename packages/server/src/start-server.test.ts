import { connect } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './http/http-context.js';
import { startServer } from './start-server.js';

/** Opens a connection, sends the start of a request and never the end; resolves with what the server did. */
function slowClient(port: number, waitMs: number): Promise<'closed' | 'still open'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('still open');
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    socket.on('error', () => {});
    socket.resume();
  });
}

// Issue 22, break 10: connections that send their headers slowly stayed open past 30 s and held the server's sockets.
describe('startServer', () => {
  it('cuts off a client whose request headers do not arrive in time, and still answers others', async () => {
    const app = new Hono<AppEnv>().get('/', (c) => c.text('ok'));
    const server = await startServer(app, { headersTimeoutMs: 300 });
    try {
      const slow = slowClient(server.port, 10_000);
      expect(await (await fetch(`${server.url}/`)).text()).toBe('ok');
      expect(await slow).toBe('closed');
    } finally {
      await server.close();
    }
  });
});
