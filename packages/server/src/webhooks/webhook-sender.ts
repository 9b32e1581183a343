import { Webhook } from 'standardwebhooks';
import type { Deliver } from '../outbox/outbox-worker.js';
import type { ClaimedMessage } from '../outbox/outbox-store.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookSenderOptions {
  webhooks: WebhookStore;
  /** Milliseconds to wait for the receiver's answer. Default 15,000 (below the outbox's lease). */
  timeoutMs?: number;
  /** The time an attempt is signed with; default now. */
  clock?: () => Date;
}

/** A failed attempt, as the outbox worker records it (`lastError`): tried again, or, when `permanent`, dead at once. Never shown to a user. */
const failure = (message: string, permanent = false) => Object.assign(new Error(message), { permanent });
const permanent = (message: string) => failure(message, true);

/**
 * Sends outbox webhook messages: a POST of the body to the subscription's URL, signed as Standard Webhooks describes
 * (`webhook-id` is the message id, the same in every attempt; `webhook-timestamp` the attempt's time in seconds;
 * `webhook-signature` `v1,` and the HMAC-SHA256 of `id.timestamp.body` under the subscription's secret). An answer in
 * the 200s delivers it; any other answer, a redirect or no answer is a failed attempt, tried again with the outbox's
 * backoff, except 410 Gone, with which the receiver says it wants no more. A message whose subscription was removed is
 * dead at once.
 */
export function createWebhookSender(options: WebhookSenderOptions): Deliver {
  const timeout = options.timeoutMs ?? 15_000;
  const clock = options.clock ?? (() => new Date());
  return async (m: ClaimedMessage) => {
    const body = m.payload['body'];
    if (typeof body !== 'string' || m.webhookId === null) throw permanent('the message holds no webhook body');
    const target = await options.webhooks.target(m.webhookId);
    if (!target) throw permanent('the webhook subscription was removed');
    const now = clock();
    const signature = new Webhook(target.secret).sign(m.id, now, body);
    let res: Response;
    try {
      res = await fetch(target.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeout),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'civicflow-webhooks',
          'webhook-id': m.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: unknown } }).cause?.code;
      throw failure(`no answer from the receiver${typeof cause === 'string' ? ` (${cause})` : (err as Error).name === 'TimeoutError' ? ' (timed out)' : ''}`);
    }
    // The answer's body is not needed; reading it frees the connection.
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return;
    if (res.status === 410) throw permanent('the receiver answered 410 Gone');
    throw failure(`the receiver answered ${res.status}`);
  };
}
