import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { toMessageBody, toReplyOptions } from '../../src/bot/reply-options.js';
import { safe } from '../../src/briefing/render/format.js';
import { form, selectField, textField } from '../../src/briefing/render/forms.js';
import { previewButtons } from '../../src/briefing/render/preview.js';
import type { Reply } from '../../src/briefing/reply/reply.js';
import {
  assertFitsDiscord,
  assertNoPings,
  autocompleteWire,
  discordProblems,
  messageWire,
  modalWire,
  pingProblems,
  rawMessageWire,
  SHORTEN_CUT,
} from './discord-limits.js';
import { display, expectInert } from './inert.js';

/** The checkers the fuzz properties rely on: each limit just inside passes, just outside fails. */

const reply = (overrides: Reply) => messageWire(toReplyOptions({ content: 'ok', ...overrides }));
const embed = (overrides: APIEmbed): Reply => ({ embeds: [{ description: 'd', ...overrides }] });
const x = (n: number) => 'x'.repeat(n);
const button = (custom_id: string, label = 'Go') => ({ type: 2, style: 2, label, custom_id });

describe('assertFitsDiscord on messages', () => {
  it('passes replies, channel posts and API bodies that fit', () => {
    const fitting: Reply = { content: x(2000), embeds: [{ title: x(256), description: x(4096), footer: { text: x(100) } }], components: previewButtons((a) => `update:${a}:abc`) };
    for (const payload of [reply(fitting), rawMessageWire(toMessageBody(fitting))]) {
      expect(discordProblems(payload)).toEqual([]);
      expect(() => assertFitsDiscord(payload)).not.toThrow();
    }
  });

  it.each([
    ['content', { content: x(2001) }, /content is 2001/],
    ['embed title', embed({ title: x(257) }), /title is 257/],
    ['embed description', embed({ description: x(4097) }), /description is 4097/],
    ['field count', embed({ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }), /fields is 26/],
    ['field name', embed({ fields: [{ name: x(257), value: 'v' }] }), /name is 257/],
    ['field value', embed({ fields: [{ name: 'n', value: x(1025) }] }), /value is 1025/],
    ['empty field value', embed({ fields: [{ name: 'n', value: '' }] }), /value is 0/],
    ['footer', embed({ footer: { text: x(2049) } }), /footer.text is 2049/],
    ['author', embed({ author: { name: x(257) } }), /author.name is 257/],
    ['embed count', { embeds: Array.from({ length: 11 }, () => ({ description: 'd' })) }, /embeds is 11/],
    ['embed total', { embeds: [{ description: x(3001) }, { description: x(3000) }] }, /total 6001/],
    ['empty embed', { embeds: [{}] }, /embeds\[0\] is empty/],
    ['empty message', { content: '  ', embeds: [] }, /empty/],
    ['action rows', { components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`b${i}`)] })) }, /action rows is 6/],
    ['buttons in a row', { components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => button(`b${i}`)) }] }, /buttons is 6/],
    ['custom_id', { components: [{ type: 1, components: [button(x(101))] }] }, /custom_id is 101/],
    ['button label', { components: [{ type: 1, components: [button('b', x(81))] }] }, /label is 81/],
    ['duplicate custom_ids', { components: [{ type: 1, components: [button('same'), button('same')] }] }, /duplicate custom_ids/],
    ['half an emoji', { content: '😀'.slice(0, 1) }, /lone surrogate/],
  ] as Array<[string, Reply, RegExp]>)('refuses a message over the limit: %s', (_what, overrides, problem) => {
    const payload = reply({ content: undefined, ...overrides } as Reply);
    expect(discordProblems(payload).join('\n')).toMatch(problem);
    expect(() => assertFitsDiscord(payload)).toThrow(problem);
  });

  it('names the one known cause of half an emoji apart: shorten() cutting before its "…"', () => {
    expect(discordProblems(reply({ content: `abc${'😀'.slice(0, 1)}…` }))).toEqual([`content contains ${SHORTEN_CUT}`]);
    expect(discordProblems(reply({ content: `${'😀'.slice(0, 1)}…${'😀'.slice(1)}` })).join()).toMatch(/lone surrogate/);
  });
});

describe('assertFitsDiscord on modals and autocomplete', () => {
  const fields = [textField({ id: 'a', label: 'A', maxLength: 10 }), selectField({ id: 's', label: 'S', options: [{ value: 'v', label: 'V' }] })];
  const modal = (overrides: Partial<APIModalInteractionResponseCallbackData>) => modalWire({ ...form('c:1', 'Title', fields), ...overrides });

  it('passes the forms the bot builds', () => {
    expect(discordProblems(modal({}))).toEqual([]);
  });

  it.each([
    ['title', { title: x(46) }, /modal title is 46/],
    ['components', { components: Array.from({ length: 6 }, (_, i) => textField({ id: `f${i}`, label: 'L', maxLength: 5 })) }, /modal components is 6/],
    ['label', { components: [{ ...textField({ id: 'f', label: 'L', maxLength: 5 }), label: x(46) }] }, /label is 46/],
    ['value over max_length', { components: [textField({ id: 'f', label: 'L', maxLength: 5, value: 'abc' })].map((c) => ({ ...c, component: { ...c.component, value: x(6) } })) }, /value is 6/],
    ['custom_id', { custom_id: x(101) }, /modal custom_id is 101/],
  ] as Array<[string, Partial<APIModalInteractionResponseCallbackData>, RegExp]>)('refuses a modal over the limit: %s', (_what, overrides, problem) => {
    expect(discordProblems(modal(overrides)).join('\n')).toMatch(problem);
  });

  it('refuses a select with more than 25 options', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ value: `v${i}`, label: `V${i}` }));
    const select = selectField({ id: 's', label: 'S', options });
    const raw = { ...select, component: { ...select.component, options: options.map((o) => ({ ...o, default: false })) } };
    expect(discordProblems(modal({ components: [raw] })).join('\n')).toMatch(/options is 26/);
  });

  it('checks autocomplete answers: at most 25 choices, names and values 1–100 characters', () => {
    const choice = (name: string, value = 'v') => ({ name, value });
    expect(discordProblems(autocompleteWire([choice('a')]))).toEqual([]);
    expect(discordProblems(autocompleteWire(Array.from({ length: 26 }, () => choice('a')))).join()).toMatch(/choices is 26/);
    expect(discordProblems(autocompleteWire([choice(x(101))])).join()).toMatch(/name is 101/);
    expect(discordProblems(autocompleteWire([choice('a', x(101))])).join()).toMatch(/value is 101/);
    expect(discordProblems(autocompleteWire([choice('')])).join()).toMatch(/name is 0/);
  });
});

describe('assertNoPings', () => {
  it('passes every message helper of the bot', () => {
    const anything: Reply = { content: '@everyone <@1> <@&2>' };
    for (const payload of [reply(anything), rawMessageWire(toMessageBody(anything))]) {
      expect(pingProblems(payload)).toEqual([]);
      expect(() => assertNoPings(payload)).not.toThrow();
    }
  });

  it.each([
    ['no allowed_mentions', {}, /no allowed_mentions/],
    ['parse everyone', { allowedMentions: { parse: ['everyone'] } }, /parse is \["everyone"\]/],
    ['listed users', { allowedMentions: { parse: [], users: ['1'] } }, /users lists users/],
    ['listed roles', { allowedMentions: { parse: [], roles: ['2'] } }, /roles lists roles/],
    ['replied user', { allowedMentions: { parse: [], repliedUser: true } }, /replied_user is true/],
  ])('refuses a message that could ping: %s', (_what, options, problem) => {
    expect(() => assertNoPings(messageWire({ content: '@everyone', ...options }))).toThrow(problem);
  });
});

describe('the inertness oracle', () => {
  it('accepts text escaped for Discord, wherever it sits', () => {
    for (const typed of ['**bold** __u__ ||s|| `c` ~~x~~', '[a](https://x) <@123> <#7> <t:0:R>', '# heading\n> quote\n- item\n-# small\n1. one', 'a\\*b \\ end\\']) {
      expectInert(`**${safe(typed)}** [1]`, typed, 'test');
    }
    expectInert(`> “${safe('line\n# two').replace(/\n/g, '\n> ')}”`, 'line\n# two', 'test', { lineBreak: '\n> ' });
  });

  it('finds live markup and text that is not shown', () => {
    expect(display('**x** and ||y||', '||y||').live.length).toBeGreaterThan(0);
    expect(display('see <@123>', '<@123>').live).toEqual(['“<” at 4']);
    expect(display('a\n# b', '# b').live).toEqual(['“#” starting the line at 2']);
    expect(display('a\n1. b', '1. b').live[0]).toMatch(/numbered list/);
    expect(display('text', 'other').found).toBe(false);
    expect(() => expectInert('Saved **x**y**.', 'x**y', 'test')).toThrow(/live markup/);
  });
});
