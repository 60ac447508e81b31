import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/briefing/reply/reply.js';
import { componentCodec } from '../../src/commands/codec.js';
import { previewButtonId, reviseFormId } from '../../src/commands/pending.js';

const timelinePage = componentCodec('timeline', ['page', 'story', 'side', 'actor', 'from', 'to', 'order']);

describe('component codecs', () => {
  it('encode in the wire format the buttons already in Discord carry: <command>:<part>:<part>…, an absent part empty', () => {
    expect(timelinePage.encode({ page: 2, story: 'k1', side: 'ir', actor: undefined, from: '2024-01', to: undefined, order: 'n' })).toBe('timeline:2:k1:ir::2024-01::n');
    expect(previewButtonId('statement').encode({ action: 'confirm', preview: 'abc123' })).toBe('statement:confirm:abc123');
    expect(reviseFormId('claim').encode({ preview: 'abc123' })).toBe('claim:revise:abc123');
    expect(componentCodec('story', [], { tag: 'create' }).encode({})).toBe('story:create');
  });

  it('decode what encode made (after the dispatch strips the command name), and an older, shorter id with empty parts', () => {
    const id = timelinePage.encode({ page: 3, story: 'k1', side: undefined, actor: 'a9', from: undefined, to: '2024', order: 'o' });
    expect(timelinePage.decode(id.split(':').slice(1))).toEqual({ page: '3', story: 'k1', side: '', actor: 'a9', from: '', to: '2024', order: 'o' });
    const history = componentCodec('update', ['page', 'story', 'record', 'kind'], { tag: 'history' });
    expect(history.decode(['history', '2', 'k1', 'e1'])).toEqual({ page: '2', story: 'k1', record: 'e1', kind: '' });
  });

  it('a rest field takes every remaining part, ":" included', () => {
    const search = componentCodec('search', ['page', 'story', 'query'], { rest: true });
    const id = search.encode({ page: 2, story: 'k1', query: 'kerman: bombing' });
    expect(id).toBe('search:2:k1:kerman: bombing');
    expect(search.decode(id.split(':').slice(1))).toEqual({ page: '2', story: 'k1', query: 'kerman: bombing' });
  });

  it('an id of another shape is refused politely: another tag, or more parts than declared', () => {
    expect(() => reviseFormId('claim').decode(['add', 'x'])).toThrow(UserError);
    expect(() => reviseFormId('claim').decode(['add', 'x'])).toThrow('This form no longer works');
    expect(() => previewButtonId('claim').decode(['confirm', 'abc', 'extra'])).toThrow('This button no longer works');
    expect(reviseFormId('claim').matches(['revise', 'p'])).toBe(true);
    expect(reviseFormId('claim').matches(['confirm', 'p'])).toBe(false);
  });

  it('building a custom_id with a missing, misnamed or extra field does not compile', () => {
    // @ts-expect-error — `preview` is missing
    expect(previewButtonId('source').encode({ action: 'confirm' })).toBe('source:confirm:');
    // @ts-expect-error — `previewId` is not a field (it is `preview`)
    expect(previewButtonId('source').encode({ action: 'cancel', previewId: 'p' })).toBe('source:cancel:');
    // @ts-expect-error — `speaker` is not a field of the timeline's page button
    timelinePage.encode({ page: 1, story: 'k', side: undefined, actor: undefined, from: undefined, to: undefined, order: 'o', speaker: 'x' });
    // @ts-expect-error — a decoded button has no `preview` field
    expect(timelinePage.decode(['1', 'k']).preview).toBeUndefined();
  });
});
