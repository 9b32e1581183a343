import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the given rate, per client', () => {
    const limiter = createRateLimiter({ burst: 2, perSecond: 1 });
    expect(limiter.take('a', 0)).toEqual({ allowed: true });
    expect(limiter.take('a', 0)).toEqual({ allowed: true });
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfter: 1 });
    expect(limiter.take('b', 0)).toEqual({ allowed: true });
    expect(limiter.take('a', 999)).toEqual({ allowed: false, retryAfter: 1 });
    expect(limiter.take('a', 1000)).toEqual({ allowed: true });
    expect(limiter.take('a', 60_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 60_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 60_000).allowed).toBe(false);
  });

  it('forgets the idlest clients beyond its size, so memory stays bounded', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0)).toEqual({ allowed: true });
    expect(limiter.take('c', 0).allowed).toBe(false);
  });
});
