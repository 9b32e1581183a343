import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { AppEnv } from './http/http-context.js';

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  port: number;
  close(): Promise<void>;
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
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
