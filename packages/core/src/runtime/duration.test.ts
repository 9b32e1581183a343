import { describe, expect, it } from 'vitest';
import { addDuration, isDuration } from './duration.js';
import { DurationInvalidError } from './errors.js';

describe('addDuration', () => {
  it('adds ISO 8601 durations in UTC', () => {
    expect(addDuration(new Date('2024-02-29T12:00:00Z'), 'P1Y2M3DT4H').toISOString()).toBe('2025-05-02T16:00:00.000Z');
    expect(addDuration(new Date('2024-01-01T00:00:00Z'), 'P2W').toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(addDuration(new Date('2024-01-01T00:00:00Z'), 'PT90M').toISOString()).toBe('2024-01-01T01:30:00.000Z');
    expect(() => addDuration(new Date(), 'three days')).toThrow(RangeError);
  });

  it('refuses with DURATION_INVALID exactly what isDuration refuses', () => {
    for (const bad of ['three days', 'P', 'PT', 'P1DT', '1D', 'P1.5D', 'p1d', '']) {
      expect(isDuration(bad), bad).toBe(false);
      expect(() => addDuration(new Date(), bad), bad).toThrow(expect.objectContaining({ code: 'DURATION_INVALID', duration: bad }) as Error);
      expect(() => addDuration(new Date(), bad)).toThrow(DurationInvalidError);
    }
    for (const good of ['P14D', 'P6M', 'PT48H', 'P1Y2M3DT4H5M6S', 'P0D']) {
      expect(isDuration(good), good).toBe(true);
      expect(() => addDuration(new Date(), good)).not.toThrow();
    }
  });
});
