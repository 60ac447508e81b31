import { describe, expect, it } from 'vitest';
import { LIMITS, limitViolations } from '../../src/briefing/reply/limits.js';
import { layoutColumns, layoutDocument, MAX_OPENABLE, PAGE_BUDGET, renderLayout, type Block } from '../../src/briefing/render/document.js';
import { openMenu, type OpenItem } from '../../src/briefing/render/components.js';
import { formatPartialDate } from '../../src/briefing/render/format.js';
import { formatDateBounds } from '../../src/briefing/render/date-range-format.js';
import { messagesFor } from '../../src/i18n/index.js';

const customIdFor = (page: number) => `list:${page}`;
const words = (count: number, label = 'word') => Array.from({ length: count }, (_, i) => `${label}${i}`).join(' ');
const document = (blocks: Block[]) => ({ title: 'A list', blocks, sourceLines: new Map(), countLabel: `${blocks.length} items` });
const pagesOf = (layout: ReturnType<typeof layoutDocument>) => Array.from({ length: layout.pages.count }, (_, i) => layout.pages.text(i));

describe('pages by length, not count', () => {
  it('a page fills with short blocks up to the reading budget (far more than ten), never past it', () => {
    const layout = layoutDocument(document(Array.from({ length: 200 }, (_, i) => ({ text: `Entry ${i}: ${words(12)}`, sourceIds: [] }))));
    const pages = pagesOf(layout);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(PAGE_BUDGET);
    expect(pages[0]!.split('\n').length).toBeGreaterThan(10);
    // Full: the next block would not have fitted.
    expect(pages[0]!.length + 1 + pages[1]!.split('\n')[0]!.length).toBeGreaterThan(PAGE_BUDGET);
    expect(pages.join('\n').split('\n')).toHaveLength(200);
  });

  it('a page lists at most 25 items that open (one select option each), however short they are', () => {
    const blocks = Array.from({ length: 60 }, (_, i): Block => ({ text: `E${i}`, sourceIds: [], open: { kind: 'event', id: `event-${i}`, label: `Event ${i}` } }));
    const layout = layoutDocument(document(blocks));
    expect(layout.pages.count).toBe(3);
    expect(layout.pages.items(0)).toHaveLength(MAX_OPENABLE);
    expect(layout.pages.items(2).map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `event-${50 + i}`));
  });

  it('a block longer than a page is split between words with a continuation mark, never cut; each piece opens the same item', () => {
    const huge: Block = { text: words(2500, 'w'), sourceIds: [], open: { kind: 'claim', id: 'claim-1', label: 'A long claim' } };
    const layout = layoutDocument(document([huge]));
    const pages = pagesOf(layout);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((page, index) => {
      expect(page.length).toBeLessThanOrEqual(PAGE_BUDGET);
      if (index < pages.length - 1) expect(page).toMatch(/…$/);
      if (index > 0) expect(page).toMatch(/^…/);
      expect(layout.pages.items(index)).toEqual([huge.open]);
    });
    expect(pages.map((page) => page.replace(/^…|…$/g, '')).join(' ').split(/\s+/)).toEqual(huge.text.split(' '));
  });
});

describe('instants show how long ago; calendar dates never become timestamps', () => {
  it('<t:…:R> only for an instant', () => {
    expect(formatPartialDate('2024-01-18T06:26:00Z', 'minute')).toBe('<t:1705559160:f> (<t:1705559160:R>)');
    for (const [value, precision] of [['2024-01-18', 'day'], ['2024-01', 'month'], ['2024', 'year']] as const) {
      for (const language of ['en', 'ur', 'fa'] as const) expect(formatPartialDate(value, precision, language)).not.toContain('<t:');
    }
    expect(formatDateBounds({ start: '2024-01-16', startPrecision: 'day', end: '2024-01-18', endPrecision: 'day' })).toBe('16–18 Jan 2024');
    // A range of instants says how long ago once, after its start.
    expect(formatDateBounds({ start: '2024-01-18T06:26:00Z', startPrecision: 'minute', end: '2024-01-18T08:00:00Z', endPrecision: 'minute' })).toBe(
      '<t:1705559160:f> (<t:1705559160:R>) – <t:1705564800:f>',
    );
  });
});

describe('side by side (/statements compare)', () => {
  const m = messagesFor('en');
  it('every page within Discord’s field limits; a long cell continues in the next row under its heading, marked, nothing lost', () => {
    const groups = Array.from({ length: 12 }, (_, i) => ({
      heading: { name: `Event ${i} ${'t'.repeat(300)}`, value: '18 Jan 2024' },
      cells: [
        { name: 'North', text: i % 3 === 0 ? words(900, `n${i}-`) : `> “short ${i}”`, sourceIds: [] },
        { name: 'South', text: `> “south ${i}”`, sourceIds: [] },
      ],
    }));
    const layout = layoutColumns({ title: 'North and South, by event', groups, sourceLines: new Map(), countLabel: '24 statements', sourcesHeading: 'Sources', continued: m.continued, empty: '—' });
    const replies = Array.from({ length: layout.pages.count }, (_, i) => renderLayout(layout, { page: i + 1, customIdFor }));
    const fields = replies.flatMap((reply) => reply.embeds![0]!.fields!);
    for (const reply of replies) {
      expect(limitViolations(reply)).toEqual([]);
      const embedFields = reply.embeds![0]!.fields!;
      expect(embedFields.length).toBeLessThanOrEqual(LIMITS.embedFields);
      expect(embedFields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)).toBeLessThanOrEqual(PAGE_BUDGET + LIMITS.fieldValue * 2);
      // A page starts with a heading (a full-width field), never with a side's half of a row.
      expect(embedFields[0]!.inline).toBeUndefined();
    }
    for (const field of fields) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(fields.filter((field) => field.name.endsWith('(continued)')).length).toBeGreaterThan(0);
    const north0 = fields.filter((field) => field.name === 'North' && field.value.includes('n0-')).map((field) => field.value.replace(/^…|…$/g, ''));
    expect(north0.join(' ').split(/\s+/)).toEqual(words(900, 'n0-').split(' '));
    // Where one side has nothing more in a continuing row, its cell says so.
    expect(fields.some((field) => field.name === 'South' && field.value === '—')).toBe(true);
  });
});

describe('the select menu under a list', () => {
  it('at most 25 options, labels and descriptions within 100 characters, values distinct, a custom_id within 100', () => {
    const items: OpenItem[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'statement', id: `s-${i}`, label: `${'Label '.repeat(40)}${i}`, description: 'd'.repeat(300) }));
    items.push({ ...items[0]! });
    const row = openMenu(items, { customId: 'event:open:abc', valueOf: (item) => `s:${item.id}` }, 'Open one of these…');
    const select = row.components[0]!;
    expect(select.options.length).toBe(25);
    for (const option of select.options) {
      expect(option.label.length).toBeLessThanOrEqual(100);
      expect(option.description!.length).toBeLessThanOrEqual(100);
    }
    expect(new Set(select.options.map((option) => option.value)).size).toBe(25);
    expect(limitViolations({ components: [row] })).toEqual([]);
    // A stored title that opens a directional override and never closes it is closed in its label.
    const rtl = openMenu([{ kind: 'event', id: 'e', label: '\u202Eevil' }], { customId: 'event:open:abc', valueOf: () => 'e:x' }, 'Open').components[0]!;
    expect(rtl.options[0]!.label).toBe('\u202Eevil\u202C');
  });

  it('a page’s reply carries Previous / Next and the menu of that page’s items: two action rows', () => {
    const blocks = Array.from({ length: 40 }, (_, i): Block => ({ text: `Entry ${i}`, sourceIds: [], open: { kind: 'event', id: `e-${i}`, label: `Entry ${i}` } }));
    const layout = layoutDocument({ ...document(blocks), openPlaceholder: 'Open an event…' });
    const reply = renderLayout(layout, { page: 2, customIdFor, open: { customId: 'event:open:x', valueOf: (item) => `e:${item.id}` } });
    expect(reply.components).toHaveLength(2);
    const select = reply.components![1]!.components[0]!;
    expect(select).toMatchObject({ type: 3, custom_id: 'event:open:x', placeholder: 'Open an event…' });
    expect('options' in select && select.options.map((option) => option.value)).toEqual(Array.from({ length: 15 }, (_, i) => `e:e-${25 + i}`));
    expect(limitViolations(reply)).toEqual([]);
    // Without `open` (a list posted where nothing opens it), no menu.
    expect(renderLayout(layout, { page: 1, customIdFor }).components).toHaveLength(1);
  });
});
