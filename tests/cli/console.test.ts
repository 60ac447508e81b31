import { describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../src/cli/console-session.js';
import { parseCommandLine } from '../../src/cli/parse-command-line.js';
import { renderText } from '../../src/cli/render-text.js';
import { commands } from '../../src/commands/index.js';
import { testStoreData } from '../fixtures/story.js';
import { tempStore } from '../fixtures/temp-store.js';

describe('parseCommandLine', () => {
  it('reads options as Discord would send them, typed by the command definition', () => {
    const { command, input } = parseCommandLine('/timeline side:north page:2 story:"test-story"', commands);
    expect(command.data.name).toBe('timeline');
    expect(input).toEqual({ options: { side: 'north', page: 2, story: 'test-story' } });
  });

  it('refuses what Discord would refuse, saying what exists', () => {
    expect(() => parseCommandLine('/nope', commands)).toThrow(/Unknown command `\/nope`\. Commands: \/brief, \/timeline, \/statements/);
    expect(() => parseCommandLine('/timeline colour:red', commands)).toThrow(/no option `colour`\. Options: side, actor, from, to, order, story, page, image, theme, private/);
    expect(() => parseCommandLine('/timeline page:two', commands)).toThrow(/`page` must be a whole number/);
    expect(() => parseCommandLine('/timeline page:0', commands)).toThrow(/at least 1/);
    expect(() => parseCommandLine('/timeline extra', commands)).toThrow(/no subcommand `extra`/);
  });
});

describe('renderText', () => {
  it('shows Discord timestamps in the configured zone and drops markdown markers', () => {
    const text = renderText({ content: '**Strike** at <t:1705559160:f> on 1\\. day' }, 'Asia/Karachi');
    expect(text).toBe('Strike at 18 Jan 2024 11:26 (GMT+5) on 1. day');
    // A record's instant with how long ago: the terminal shows the date once.
    expect(renderText({ content: '<t:1705559160:f> (<t:1705559160:R>) — x' }, 'UTC')).toBe('18 Jan 2024 06:26 (GMT+0) — x');
  });
});

describe('console session', () => {
  it('runs the same handlers as the bot and pages with next/previous (a page lists at most 25 events that open)', async () => {
    const store = await tempStore(() => testStoreData({ events: 30 }));
    const run = createConsoleSession({ commands, store, guildId: null, timeZone: 'UTC', json: false });
    const first = await run('/timeline');
    expect(first.ok).toBe(true);
    expect(first.output).toContain('== Timeline — A test story ==');
    expect(first.output).toContain('(Page 1 of 2 · 30 events)');
    expect((await run('next')).output).toContain('(Page 2 of 2 · 30 events)');
    expect((await run('previous')).output).toContain('(Page 1 of 2 · 30 events)');

    const bad = await run('/timeline side:west');
    expect(bad).toEqual({ ok: false, output: expect.stringContaining('There is no side `west` in this story. Sides: `north`, `south`.') });

    const whole = await run('/timeline', { allPages: true });
    expect(whole.output).toContain('(Page 1 of 2 · 30 events)');
    expect(whole.output).toContain('(Page 2 of 2 · 30 events)');
    expect(whole.output.match(/— Event \d+ happens/g)).toHaveLength(30);

    // The list's select menu: listed by number, `open <n>` opens that event.
    expect(whole.output).toContain('Open an event… (type open <n>)\n  1. Event 28 happens\n  2. Event 1 happens');
    await run('/timeline');
    const opened = await run('open 2');
    expect(opened.output).toMatch(/^\(only you can see this\)\n\n== Event 1 happens/);
    expect((await run('open 99')).ok).toBe(false);

    const json = createConsoleSession({ commands, store, guildId: null, timeZone: 'UTC', json: true });
    const payload = JSON.parse((await json('/sources')).output);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(payload.embeds[0].title).toBe('Sources — A test story');
  });
});
