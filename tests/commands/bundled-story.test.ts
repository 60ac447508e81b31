import { ComponentType } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortKey } from '../../src/commands/short-key.js';
import { limitViolations } from '../../src/briefing/reply/limits.js';
import type { Store } from '../../src/data/store.js';
import { allPages, ask, textOf } from '../fixtures/ask.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';
import { commands } from '../../src/commands/index.js';
import { isModal } from '../../src/commands/types.js';

let store: Store;
beforeAll(async () => {
  store = await tempStore();
});

const everything = async (line: string) => {
  const pages = await allPages(line, testContext(store));
  for (const page of pages) expect(limitViolations(page)).toEqual([]);
  return pages.map(textOf).join('\n');
};

describe('the reader commands on the bundled story', () => {
  it('/brief names both strikes and each side’s written position; its sections hold the statements verbatim, the disputed points and the sources', async () => {
    const context = testContext(store);
    const first = await ask('/brief', context);
    expect(limitViolations(first)).toEqual([]);
    const text = textOf(first);
    expect(text).toContain('**16 Jan 2024** — Iran strikes Jaish al-Adl in Pakistan');
    expect(text).toContain('**18 Jan 2024** — Pakistan strikes targets in Iran');
    expect(text).toMatch(/Where each side stands/);
    expect(text).toContain('**Pakistan**: Pakistan says its strikes targeted Baloch separatist hideouts in Iran');
    // Nothing is lost: each button opens a section, and every page of it is within the limits.
    const sections: string[] = [];
    for (const button of first.components!.flatMap((row) => row.components)) {
      if (!('custom_id' in button)) continue;
      const [name = '', ...args] = button.custom_id.split(':');
      const answer = await commands.find((candidate) => candidate.data.name === name)!.component!(args, context);
      if (isModal(answer)) throw new Error('a section button opened a form');
      expect(limitViolations(answer)).toEqual([]);
      sections.push(textOf(answer));
    }
    const all = sections.join('\n');
    expect(all).toMatch(/> “unilateral action”\n— \*\*Pakistan's foreign ministry\*\*/);
    expect(all).toContain('> “heavy casualties and damages”\n— **Iran** · 18 Jan 2024 [2]');
    expect(all).toContain("**Whom did Iran summon after Pakistan's strikes?** Pakistani chargé d'affaires — PressTV, via Middle East Monitor · Pakistani ambassador — World News DESK (⚠️ accounts conflict)");
    expect(all).toContain('[1] Middle East Monitor, 18 Jan 2024');
  });

  it('/brief since: keeps only what happened since, and says so when nothing did', async () => {
    const text = await everything('/brief since:2024-01-18');
    expect(text).toContain('(new since 2024-01-18)');
    expect(text).not.toContain('Bomb attack in Kerman');
    const none = await ask('/brief since:24h', testContext(store, { now: new Date('2026-11-21T00:00:00Z') }));
    expect(none).toMatchObject({ ephemeral: true, content: expect.stringContaining('Nothing new in') });
    const bad = await ask('/brief since:lately', testContext(store)).catch((error: Error) => error.message);
    expect(bad).toMatch(/can't read `lately` as a time/);
  });

  it('/claims shows both reports’ accounts of whom Iran summoned and of what the BLF said', async () => {
    const text = await everything('/claims');
    expect(text).toMatch(/\*Pakistani chargé d'affaires\*.*\[1\] · PressTV, via Middle East Monitor/);
    expect(text).toMatch(/\*Pakistani ambassador\*.*\[2\]/);
    expect(text).toContain('**What did the BLF say about the strikes?**');
    expect(text).toMatch(/none of its fighters was “martyred”.*\[1\]/);
    expect(text).toMatch(/confirmed they were attacked.*\[2\]/);
    expect(text).toContain('[1][2] give the same account: Baloch separatist groups');
    expect(text).toContain('[1][2] give the same account: Jaish al-Adl');
  });

  it('/statements side:pakistan includes the airspace statement, verbatim, with speaker, date and source', async () => {
    const text = await everything('/statements side:pakistan');
    expect(text).toContain('> “unprovoked violation of its airspace by Iran”');
    expect(text).toContain('Statements — Pakistan, newest first');
    const compared = await everything('/statements side:pakistan compare:iran');
    expect(compared).toContain('Pakistan and Iran, by event');
    // Side by side: the event's heading (its title, the date under it), then each side's field.
    expect(compared).toContain("Iran condemns Pakistan's strikes and summons a Pakistani diplomat\n18 Jan 2024 · ⚠️ disputed\nPakistan\n");
  });

  it('dates bounded by the reports read as ranges: /timeline, /event and /statements; /brief lists only conflicting accounts as disputed', async () => {
    const timeline = await everything('/timeline');
    expect(timeline).toContain('**16–18 Jan 2024** — Pakistan condemns Iran');
    expect(timeline.indexOf('Pakistan condemns Iran')).toBeLessThan(timeline.indexOf('Pakistan recalls its ambassador'));
    expect(timeline).not.toContain('weekly briefing');
    const event = await everything('/event id:pakistan-condemns-iran-strike');
    expect(event).toMatch(/\*\*When:\*\* 16–18 Jan 2024 \(known to the day\) — .*range 16–18 January 2024/);
    const brief = await everything('/brief');
    const disputed = brief.slice(brief.indexOf('What is disputed'));
    expect(disputed).not.toContain('differ in detail');
    expect(disputed).not.toContain('killed and wounded in Iran');
    const claims = await everything('/claims');
    expect(claims).toContain("**How many were killed and wounded in Iran's strike?** · accounts differ in detail");
    expect(claims).toContain('in conflict of 7 questions');
  });

  it('/search query:kerman finds the Kerman bombing, and forgives a typo', async () => {
    expect(await everything('/search query:kerman')).toContain('📅 Event: **Bomb attack in Kerman, Iran**');
    // The hit opens from the select menu under the results, not by a typed command.
    const typo = await ask('/search query:kermann', testContext(store));
    expect(textOf(typo)).toContain('📅 Event: **Bomb attack in Kerman, Iran**');
    expect(textOf(typo)).not.toContain('open with');
    const menu = typo.components!.at(-1)!.components[0]!;
    expect(menu).toMatchObject({ type: ComponentType.StringSelect, custom_id: expect.stringMatching(/^event:open:/) });
    expect('options' in menu && menu.options[0]).toMatchObject({ label: '📅 Event: Bomb attack in Kerman, Iran', value: `e:${shortKey('kerman-bombing')}` });
  });

  it('/event shows the date at its precision, how it was worked out, and the claims about it', async () => {
    const text = await everything('/event id:iran-strikes-balochistan');
    expect(text).toMatch(/\*\*When:\*\* 16 Jan 2024 \(known to the day\) — .*Tuesday/);
    expect(text).toContain('Where accounts differ');
  });

  it('/timeline filters by side, actor and dates, and orders newest first', async () => {
    const byDate = await everything('/timeline from:2024-01-17 to:2024-01-17');
    expect(byDate).toContain('17 Jan 2024** — Pakistan recalls its ambassador');
    expect(byDate).not.toContain('Kerman');
    expect(byDate).not.toContain('**18 Jan 2024**');
    const newest = await everything('/timeline order:newest');
    expect(newest.indexOf('**2019**')).toBeGreaterThan(newest.indexOf('**18 Jan 2024**'));
    expect(newest).toContain('newest first');
    expect(await everything('/timeline side:jaish-al-adl')).toContain('Iran strikes Jaish al-Adl');
  });

  it('answers unknown names with what exists, privately', async () => {
    await expect(ask('/timeline side:narnia', testContext(store))).rejects.toThrow(/no side `narnia`.*`pakistan`, `iran`/);
    await expect(ask('/event id:nope', testContext(store))).rejects.toThrow(/no event `nope`/);
    await expect(ask('/timeline from:yesterday', testContext(store))).rejects.toThrow(/`from` must be a date/);
    await expect(ask('/brief story:other', testContext(store))).rejects.toThrow(/no story `other`. Stories: `iran-pakistan-2024`/);
  });

  it('private:true makes any answer ephemeral', async () => {
    expect((await ask('/sources private:true', testContext(store))).ephemeral).toBe(true);
    expect((await ask('/sources', testContext(store))).ephemeral).toBeUndefined();
  });
});
