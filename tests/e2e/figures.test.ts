import { beforeAll, describe, expect, it } from 'vitest';
import { moderatorSession } from '../fixtures/moderator-session.js';
import { stateOnDisk } from '../fixtures/temp-store.js';
import { PERMISSIONS, type Invoker } from '../discord/interactions.js';

/** Issue 15, item 2's figures per claimant: the ledger on /claims and /event, and a figure entered by hand, through the real discord.js client. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.figures.secret`;
const MODERATOR: Invoker = { id: '600000000000000031', username: 'mod' };

const session = moderatorSession({ token: TOKEN, moderator: MODERATOR, memberPermissions: PERMISSIONS.manageMessages });
const { slash, submit, press, expectSafe } = session;
let dataFile: string;
beforeAll(() => void ({ dataFile } = session));

async function allPages(name: string, options: Record<string, string | number | boolean>, extra: Record<string, unknown> = {}): Promise<string> {
  const texts: string[] = [];
  for (let page = 1; page <= 4; page++) {
    const reply = await slash(name, undefined, { ...options, page }, extra);
    expectSafe(reply);
    texts.push(reply.body.data.embeds[0].description);
  }
  return texts.join('\n');
}

const KILLED = '**Killed:** 2 children — Pakistan, via Middle East Monitor · 2 people — World News DESK';
const INJURED = '**Injured:** 3 others — Pakistan, via Middle East Monitor · several others — World News DESK';

describe('figures per claimant, through Discord', () => {
  it('/claims and /event show the bundled story’s ledger per claimant', async () => {
    const claims = await allPages('claims', {});
    expect(claims).toContain(KILLED);
    expect(claims).toContain(INJURED);
    expect(claims).toContain('**Killed:** at least 9 people — Middle East Monitor');
    expect(claims).toContain('**Casualties:** heavy — Iran, via World News DESK');
    const event = await slash('event', undefined, { id: 'iran-strikes-balochistan' });
    expectSafe(event);
    const page = event.body.data.embeds.map((embed: { description: string }) => embed.description).join('\n');
    const all = page.includes(KILLED) ? page : await allPages('event', { id: 'iran-strikes-balochistan' });
    expect(all).toContain(KILLED);
    expect(all).toContain(INJURED);
  });

  it('the ledger in Persian: translated outcome and "via", the stored words isolated', async () => {
    const claims = await allPages('claims', {}, { locale: 'fa', user: MODERATOR });
    expect(claims).toContain('**کشته:** \u20682 children\u2069 — \u2068Pakistan\u2069، به نقل از \u2068Middle East Monitor\u2069');
  });

  it('a figure typed into /claim account shows in the preview, a bad line is refused naming it, and Confirm saves once', async () => {
    const refusedForm = await slash('claim', 'account', { claim: 'pakistan-strike-casualties', source: 'world-news-desk', side: 'pakistan' });
    const before = await stateOnDisk(dataFile);
    const refused = await submit(refusedForm.body.data.custom_id, { position: 'militants killed', account: 'Pakistan said militants were killed.', via: '', figures: 'killed: a number of militants\nwounded: lots' });
    expectSafe(refused);
    expect(refused.body.data.content).toContain('**Figures**, line 2 (“wounded: lots”)');
    expect((await stateOnDisk(dataFile)).previews).toHaveLength(before.previews.length);

    const loadedForm = await slash('claim', 'account', { claim: 'pakistan-strike-casualties', source: 'world-news-desk', side: 'pakistan' });
    const loaded = await submit(loadedForm.body.data.custom_id, { position: 'militants killed', account: 'Pakistan said militants were killed.', via: '', figures: 'killed: 3 terrorists' });
    expectSafe(loaded);
    expect(loaded.body.data.content).toContain('Loaded term “terrorists” in **who**');

    const opened = await slash('claim', 'account', { claim: 'pakistan-strike-casualties', source: 'world-news-desk', side: 'pakistan' });
    expect(opened.body.type).toBe(9);
    const preview = await submit(opened.body.data.custom_id, {
      position: 'militants killed',
      account: 'Pakistan’s foreign ministry said a number of militants were killed.',
      via: '',
      figures: 'killed: a number of militants\ndetained: 3-5 suspects',
    });
    expectSafe(preview);
    const description = preview.body.data.embeds[0].description;
    expect(description).toContain('**Killed:** at least 9 people — Middle East Monitor · a number of militants — Pakistan, via World News DESK');
    expect(description).toContain('**Detained:** 3-5 suspects — Pakistan, via World News DESK');
    const saved = await press(preview, 'Confirm');
    expect(saved.body.type).toBe(7);
    await press(preview, 'Confirm');
    const state = await stateOnDisk(dataFile);
    const claim = state.claims.find((c) => c.id === 'pakistan-strike-casualties')!;
    const added = claim.accounts.filter((account) => account.text.startsWith('Pakistan’s foreign ministry said a number'));
    expect(added).toHaveLength(1);
    expect(added[0]!.figures).toEqual([
      { outcome: 'killed', low: null, qualifier: 'a number of', who: 'militants' },
      { outcome: 'detained', low: 3, high: 5, who: 'suspects' },
    ]);
  });

  it('/claim account-edit opens with the account’s figures as lines; a changed figure is previewed and saved, an unchanged form changes nothing', async () => {
    const opened = await slash('claim', 'account-edit', { claim: 'iran-strike-casualties', account: 2 });
    expect(opened.body.type).toBe(9);
    const fields = opened.body.data.components.map((label: { component: { custom_id: string; value?: string } }) => label.component);
    const figures = fields.find((field: { custom_id: string }) => field.custom_id === 'figures');
    expect(figures.value).toBe('killed: 2 people\ninjured: several others');
    const values = Object.fromEntries(fields.map((field: { custom_id: string; value?: string }) => [field.custom_id, field.value ?? '']));
    const unchanged = await submit(opened.body.data.custom_id, values);
    expect(unchanged.body.data.content).toContain('Nothing changed');
    const preview = await submit(opened.body.data.custom_id, { ...values, figures: 'killed: 2 people\ninjured: at least 4 others' });
    expectSafe(preview);
    expect(JSON.stringify(preview.body.data)).toContain('at least 4 others — World News DESK');
    const saved = await press(preview, 'Confirm');
    expect(saved.body.type).toBe(7);
    const state = await stateOnDisk(dataFile);
    expect(state.claims.find((c) => c.id === 'iran-strike-casualties')!.accounts[1]!.figures).toEqual([
      { outcome: 'killed', low: 2, who: 'people' },
      { outcome: 'injured', low: 4, qualifier: 'at least', who: 'others' },
    ]);
    expect(state.audit.at(-1)).toMatchObject({ entity: 'claim', entityId: 'iran-strike-casualties', action: 'update' });
  });
});
