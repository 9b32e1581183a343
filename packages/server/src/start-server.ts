import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { AppEnv } from './http/http-context.js';

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  /**
   * Stops accepting connections and resolves once every connection has ended. Without `graceMs` (or with 0) open
   * connections are cut at once. With it, requests in flight may finish for up to `graceMs` milliseconds: idle
   * keep-alive connections are closed as soon as they have nothing to do, and what is still open after the grace is cut.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface StartServerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long a client may take to send a request's headers, in milliseconds. Default 10,000. */
  headersTimeoutMs?: number;
  /** How long a client may take to send a whole request, in milliseconds. Default 30,000. */
  requestTimeoutMs?: number;
}

/**
 * Serves an app from `createApp` over HTTP with Node. A client that sends its request slowly is cut off after
 * `headersTimeoutMs` / `requestTimeoutMs`, checked every second: Node's own limits are minutes long and are checked
 * every 30 seconds, so a few hundred slow connections could hold the server's sockets that long.
 */
export function startServer(app: Hono<AppEnv>, options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const serverOptions = {
    headersTimeout,
    requestTimeout: Math.max(options.requestTimeoutMs ?? 30_000, headersTimeout),
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    const server: ServerType = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0, serverOptions }, (info: AddressInfo) => {
      server.off('error', onError);
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: ({ graceMs = 0 } = {}) =>
          new Promise<void>((done, fail) => {
            const http = server as ServerType & { closeAllConnections(): void; closeIdleConnections(): void };
            // A connection between two requests counts as idle: it is closed at once, and so is each one whose
            // request finished since. The listening socket closes now, so new connections are refused.
            const idle = graceMs > 0 ? setInterval(() => http.closeIdleConnections(), 50) : undefined;
            const cut = graceMs > 0 ? setTimeout(() => http.closeAllConnections(), graceMs) : undefined;
            server.close((err) => {
              clearInterval(idle);
              clearTimeout(cut);
              return err ? fail(err) : done();
            });
            if (graceMs > 0) http.closeIdleConnections();
            else http.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
