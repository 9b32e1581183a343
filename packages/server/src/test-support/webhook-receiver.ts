// A real webhook receiver for tests: an HTTP server that verifies each request's Standard Webhooks signature with the
// subscription's secret, records what arrived, and drops repeats of a message id, as an integrator's receiver would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  body: string;
  parsed: { type: string; timestamp: string; data: Record<string, unknown> };
}

export interface WebhookReceiver {
  url: string;
  /** The secrets to verify with (one per subscription sending here); a message that verifies with none is refused with 401. */
  secrets: string[];
  /** Messages verified and taken, each id once. */
  received: ReceivedWebhook[];
  /** Every request that arrived, repeats and refused ones included. */
  requests: number;
  /** Requests refused because the signature did not verify. */
  unverified: number;
  /** The status to answer verified messages with (default 204); a status not in the 200s does not take the message. */
  answer: number;
  /** While true, requests are held without an answer (a receiver in the middle of its work). */
  hold: boolean;
  held: number;
  /** Stops listening (the receiver is down); `start` listens again on the same port. */
  down(): Promise<void>;
  start(): Promise<void>;
  waitFor(count: number, ms?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const heldResponses: ServerResponse[] = [];
  const r = {
    secrets: [] as string[],
    received: [] as ReceivedWebhook[],
    requests: 0,
    unverified: 0,
    answer: 204,
    hold: false,
    held: 0,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    r.requests++;
    const body = await readBody(req);
    if (r.hold) {
      r.held++;
      heldResponses.push(res);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) headers[name] = String(req.headers[name] ?? '');
    const verifies = (secret: string) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    };
    if (!r.secrets.some(verifies)) {
      r.unverified++;
      res.writeHead(401).end();
      return;
    }
    if (r.answer >= 200 && r.answer < 300) {
      const id = headers['webhook-id']!;
      if (!r.received.some((m) => m.id === id)) r.received.push({ id, timestamp: Number(headers['webhook-timestamp']), body, parsed: JSON.parse(body) as ReceivedWebhook['parsed'] });
    }
    res.writeHead(r.answer).end();
  };
  let server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of heldResponses.splice(0)) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}/hooks/civicflow`,
    down: stop,
    async start() {
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async waitFor(count: number, ms = 60_000) {
      for (const end = Date.now() + ms; r.received.length < count; ) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${count} webhooks; ${r.received.length} arrived`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return r.received;
    },
    close: stop,
  });
}
