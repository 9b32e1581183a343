import { describe, expect, it } from 'vitest';
import { migrateData } from './migrate-case.js';

describe('migrateData', () => {
  it('moves, removes and fills in defaults in order, naming each pointer it changed once', () => {
    const data = Object.freeze({ phone: '0151', town: 'Hagen', old: { note: 'x', keep: 1 }, hours: 3 });
    const { data: out, changed } = migrateData(
      {
        from: '1.0.0',
        data: [
          { op: 'move', from: 'phone', path: 'contact.phone' },
          { op: 'move', from: 'missing', path: 'contact.email' },
          { op: 'remove', path: 'old.note' },
          { op: 'remove', path: 'gone' },
          { op: 'default', path: 'hours', value: 0 },
          { op: 'default', path: 'contact.channels', value: ['mail'] },
        ],
      },
      data,
    );
    expect(out).toEqual({ town: 'Hagen', old: { keep: 1 }, hours: 3, contact: { phone: '0151', channels: ['mail'] } });
    expect(changed).toEqual(['/phone', '/contact/phone', '/old/note', '/contact/channels']);
    expect(data).toEqual({ phone: '0151', town: 'Hagen', old: { note: 'x', keep: 1 }, hours: 3 });
  });

  it('leaves data without anything to change as it is', () => {
    const data = { name: 'Al' };
    const result = migrateData({ from: '1.0.0', data: [{ op: 'remove', path: 'phone' }] }, data);
    expect(result).toEqual({ data, changed: [] });
    expect(result.data).toBe(data);
  });
});
