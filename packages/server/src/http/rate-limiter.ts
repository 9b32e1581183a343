export interface RateLimitOptions {
  /** Most requests a client may send at once (the bucket's size). */
  burst: number;
  /** Requests per second a client gets back. */
  perSecond: number;
  /** Most clients remembered; the idlest are forgotten first. Default 10,000. */
  maxClients?: number;
}

/** The answer for one request: allowed, or how many seconds until it would be. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

export interface RateLimiter {
  take(client: string, now?: number): RateDecision;
}

/**
 * A token bucket per client, in memory: each client holds up to `burst` tokens, a request takes one, and tokens come
 * back at `perSecond`. Per process: with several server processes a client gets each process's allowance.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const max = options.maxClients ?? 10_000;
  // A Map keeps insertion order; re-inserting on use makes the first entry the idlest.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(client, now = Date.now()) {
      const b = buckets.get(client) ?? { tokens: options.burst, at: now };
      buckets.delete(client);
      b.tokens = Math.min(options.burst, b.tokens + ((now - b.at) / 1000) * options.perSecond);
      b.at = now;
      buckets.set(client, b);
      if (buckets.size > max) buckets.delete(buckets.keys().next().value!);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond)) };
    },
  };
}
