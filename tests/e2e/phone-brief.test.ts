import { describe, expect, it } from 'vitest';
import { visibleLength } from '../../src/briefing/reply/visible.js';
import { moderatorSession } from '../fixtures/moderator-session.js';
import { stateOnDisk } from '../fixtures/temp-store.js';
import { buttonInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import type { RecordedRequest } from '../discord/stand-in.js';

/** Issue 16, items 1–3 through the real discord.js client: /brief's first message, its sections, and moderators' positions. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.phone.secret`;
const MODERATOR: Invoker = { id: '600000000000000061', username: 'mod' };

const session = moderatorSession({ token: TOKEN, moderator: MODERATOR, memberPermissions: PERMISSIONS.manageMessages });
const { slash, submit, press, expectSafe } = session;

type Button = { label: string; custom_id: string; disabled?: boolean };
const buttonsOf = (reply: RecordedRequest): Button[] => (reply.body.data.components ?? []).flatMap((row: { components: Button[] }) => row.components);

/** Presses a button of a reply the moderator asked for (their own message: it is updated in place). */
const tap = (reply: RecordedRequest, label: string) => {
  const button = buttonsOf(reply).find((candidate) => candidate.label === label);
  if (!button) throw new Error(`no button “${label}” in ${buttonsOf(reply).map((b) => b.label).join(', ')}`);
  return session.standIn.interact(
    buttonInteraction({ applicationId: session.standIn.applicationId, user: MODERATOR, invoker: MODERATOR, customId: button.custom_id, message: reply.body.data }),
  );
};

describe('/brief on a phone, through Discord', () => {
  it('leads with at most five bullets and one line per side, within 1,200 visible characters; each section button opens its section and comes back', async () => {
    const brief = await slash('brief', undefined, {});
    expectSafe(brief);
    expect(visibleLength(brief.body.data)).toBeLessThanOrEqual(1200);
    const description: string = brief.body.data.embeds[0].description;
    expect(description.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(5);
    expect(description).toContain('__**Where each side stands**__');
    expect(description).toContain("**Iran**: Iran says Pakistan's strikes hit civilian areas and violated international law. [2]");
    expect(buttonsOf(brief).map((button) => button.label)).toEqual(['Developments', 'Disputes', 'Timeline', 'Sources', 'Pakistan', 'Iran', 'Baloch separatist groups', 'Independent analysts']);

    const sections: Record<string, RegExp | string> = {
      Developments: 'In January 2024 Iran and Pakistan carried out strikes',
      Disputes: "**Whom did Iran summon after Pakistan's strikes?** Pakistani chargé d'affaires — PressTV, via Middle East Monitor · Pakistani ambassador — World News DESK (⚠️ accounts conflict)",
      Timeline: '**1.** 2019 — IRGC commander warns Pakistan to act against Jaish al-Adl',
      Sources: '[2] World News DESK, undated',
      Pakistan: '**Supporting quote**',
    };
    for (const [label, expected] of Object.entries(sections)) {
      const opened = await tap(brief, label);
      expectSafe(opened);
      expect(opened.body.type).toBe(7);
      expect(opened.body.data.embeds[0].description).toContain(expected);
      const back = await tap(opened, '◂ Briefing');
      expect(back.body.data.embeds[0].description).toBe(description);
    }
    // An event is two taps away from the briefing: Timeline, then its number.
    const timeline = await tap(brief, 'Timeline');
    const event = await tap(timeline, '3');
    expectSafe(event);
    expect(event.body.data.embeds[0].title).toBe('Iran strikes Jaish al-Adl in Pakistan\'s Balochistan province');
  });

  it('a button on someone else’s briefing gets the clicker a private copy of the section', async () => {
    const brief = await slash('brief', undefined, {});
    const button = buttonsOf(brief).find((candidate) => candidate.label === 'Disputes')!;
    const other: Invoker = { id: '600000000000000062', username: 'reader' };
    const copy = await session.standIn.interact(
      buttonInteraction({ applicationId: session.standIn.applicationId, user: other, invoker: MODERATOR, customId: button.custom_id, message: brief.body.data }),
    );
    expect(copy.body.type).toBe(4);
    expect(copy.body.data.flags).toBe(64);
    expect(copy.body.data.embeds[0].title).toMatch(/^Disputes — /);
  });

  it('/position: set → preview → Confirm shows on /brief; edit → corrected mark; retract with a reason; the history has all of it', async () => {
    // The bundled story's Jaish al-Adl side has no statement: a side is supported by its own words only.
    const wrongSide = await slash('position', 'set', { side: 'us', statement: 'iran-heavy-casualties' });
    expectSafe(wrongSide);
    expect(wrongSide.body.data.content).toContain('is not one of this side’s');
    // Setting a side that has a position corrects that one: its form opens pre-filled.
    const taken = await slash('position', 'set', { side: 'iran', statement: 'iran-heavy-casualties' });
    expect(taken.body.type).toBe(9);
    expect(JSON.stringify(taken.body.data)).toContain("Iran says Pakistan's strikes hit civilian areas and violated international law.");

    // Retract Iran's bundled position (a reason is required), then write a new one.
    const retract = await slash('position', 'retract', { id: 'iran-position', reason: 'Replaced by a fuller line' });
    expectSafe(retract);
    await press(retract, 'Confirm');
    const afterRetraction = await slash('brief', undefined, {});
    expect(afterRetraction.body.data.embeds[0].description).toContain('**Iran**: *latest statement* — “heavy casualties and damages” — Iran [2]');

    const form = await slash('position', 'set', { side: 'iran', statement: 'amir-abdollahian-no-nationals' });
    expect(form.body.type).toBe(9);
    const preview = await submit(form.body.data.custom_id, { text: 'Iran says its 16 January strike targeted Iranian militants, not Pakistani nationals.' });
    expectSafe(preview);
    expect(preview.body.data.embeds[0].description).toContain('**Iran**: Iran says its 16 January strike targeted Iranian militants, not Pakistani nationals. [1]');
    expect(preview.body.data.embeds[0].description).toContain('none of the nationals of the friendly country of Pakistan');
    await press(preview, 'Confirm');
    await press(preview, 'Confirm');
    let state = await stateOnDisk(session.dataFile);
    const live = state.positions.filter((position) => position.sideId === 'iran' && !position.retraction);
    expect(live).toHaveLength(1);
    const brief = await slash('brief', undefined, {});
    expect(brief.body.data.embeds[0].description).toContain('**Iran**: Iran says its 16 January strike targeted Iranian militants, not Pakistani nationals. [1]');

    // A loaded word in the moderator's own words is flagged.
    const edit = await slash('position', 'edit', { id: live[0]!.id, reason: 'Said more exactly' });
    expect(edit.body.type).toBe(9);
    const flagged = await submit(edit.body.data.custom_id, { text: 'Iran says its strike hit terrorists only.' });
    expect(flagged.body.data.content).toContain('Loaded term “terrorists”');
    const edit2 = await slash('position', 'edit', { id: live[0]!.id, reason: 'Said more exactly' });
    const edited = await submit(edit2.body.data.custom_id, { text: 'Iran says its 16 January strike targeted only Iranian militants, no Pakistani nationals.' });
    expectSafe(edited);
    await press(edited, 'Confirm');
    const corrected = await slash('brief', undefined, {});
    expect(corrected.body.data.embeds[0].description).toMatch(/\*\*Iran\*\*: Iran says its 16 January strike targeted only Iranian militants, no Pakistani nationals\. \[1\] · ✏️ corrected <t:\d+:d>/);

    state = await stateOnDisk(session.dataFile);
    expect(state.positions.find((position) => position.id === live[0]!.id)!.revision).toBe(2);
    const history = await slash('update', 'history', { id: `position:${live[0]!.id}` });
    expectSafe(history);
    expect(JSON.stringify(history.body.data.embeds)).toContain('Said more exactly');
    const retracted = await slash('update', 'history', { id: 'position:iran-position' });
    expect(JSON.stringify(retracted.body.data.embeds)).toContain('Replaced by a fuller line');
  });
});
