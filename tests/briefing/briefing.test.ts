import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mostRecent, mostSignificant } from '../../src/briefing/query/briefing.js';
import { compareDates } from '../../src/data/dates.js';
import { testEvent } from '../fixtures/story.js';

describe('briefing selections', () => {
  it('picks the most significant developments exactly as sorting the whole story would', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-01-${String(d).padStart(2, '0')}`);
    const events = fc.array(fc.record({ significance: fc.integer({ min: 1, max: 5 }), occurredAt: day }), { maxLength: 60 });
    fc.assert(
      fc.property(events, fc.integer({ min: 1, max: 8 }), (fields, count) => {
        const story = fields.map((field, i) => ({ ...testEvent(i), ...field, precision: 'day' as const }));
        const sorted = [...story].sort((a, b) => b.significance - a.significance || compareDates(b.occurredAt, a.occurredAt)).slice(0, count);
        expect(mostSignificant(story, count).map((event) => event.id)).toEqual(sorted.map((event) => event.id));
      }),
    );
  });

  it('takes the latest item dated to the day or minute, else the last one', () => {
    expect(mostRecent([{ precision: 'day', n: 1 }, { precision: 'month', n: 2 }])).toEqual({ precision: 'day', n: 1 });
    expect(mostRecent([{ precision: 'year', n: 1 }, { precision: 'month', n: 2 }])).toEqual({ precision: 'month', n: 2 });
    expect(mostRecent([])).toBeUndefined();
  });
});
