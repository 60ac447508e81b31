import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, firstDayOf, isValidCalendarDate, lastDayOf, precisionOfDate } from '../../src/data/dates.js';

describe('partial dates', () => {
  it('reads the precision from the form', () => {
    expect(precisionOfDate('2019')).toBe('year');
    expect(precisionOfDate('2024-01')).toBe('month');
    expect(precisionOfDate('2024-01-16')).toBe('day');
    expect(precisionOfDate('2024-01-18T06:26:00Z')).toBe('minute');
    expect(precisionOfDate('2024-01-18T06:26Z')).toBe('minute');
    expect(precisionOfDate('2024-01-18T06:26:00+05:00')).toBeUndefined();
    expect(precisionOfDate('18 Jan 2024')).toBeUndefined();
  });

  it('rejects dates that do not exist', () => {
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    // Years before 100 are years, not 1900–1999 (0004 is a leap year, 1904's twin only by accident; 0100 is not).
    expect(isValidCalendarDate('0050-03-01')).toBe(true);
    expect(isValidCalendarDate('0100-02-29')).toBe(false);
    expect(lastDayOf('0004-02')).toBe('0004-02-29');
    expect(isValidCalendarDate('2023-02-29')).toBe(false);
    expect(isValidCalendarDate('2024-13')).toBe(false);
    expect(isValidCalendarDate('2024-01-18T24:00:00Z')).toBe(false);
  });

  it('sorts chronologically, a coarser date after the finer ones inside its period', () => {
    const dates = ['2024-01-18T06:00:00Z', '2024-01-18', '2019', '2024-01', '2024-01-03', '2024-02-01', '2019-12'];
    expect([...dates].sort(compareDates)).toEqual([
      '2019-12',
      '2019',
      '2024-01-03',
      '2024-01-18T06:00:00Z',
      '2024-01-18',
      '2024-01',
      '2024-02-01',
    ]);
  });

  it('gives the first and last day a partial date covers', () => {
    expect([firstDayOf('2019'), lastDayOf('2019')]).toEqual(['2019-01-01', '2019-12-31']);
    expect([firstDayOf('2024-02'), lastDayOf('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([firstDayOf('2024-01-16'), lastDayOf('2024-01-16')]).toEqual(['2024-01-16', '2024-01-16']);
  });

  it('orders exactly as comparing the dates with "~" appended would', () => {
    const byTilde = (a: string, b: string) => Math.sign(`${a}~` < `${b}~` ? -1 : `${a}~` > `${b}~` ? 1 : 0);
    const dateLike = fc.string({ unit: fc.constantFrom(...'0123456789-T:Z.'), maxLength: 24 });
    fc.assert(fc.property(dateLike, dateLike, (a, b) => compareDates(a, b) === byTilde(a, b)));
    fc.assert(fc.property(dateLike, (a) => compareDates(a, `${a}x`) === byTilde(a, `${a}x`)));
  });
});
