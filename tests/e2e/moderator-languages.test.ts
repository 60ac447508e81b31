import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, type Language } from '../../src/i18n/index.js';
import { moderatorSession } from '../fixtures/moderator-session.js';
import { stateOnDisk } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, type DiscordStandIn } from '../discord/stand-in.js';

/** Issue 14 item 7: moderator forms, previews, confirmations and refusals in the server's language, through the real discord.js client. */
const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.languages.secret`;
const MODERATOR: Invoker = { id: '600000000000000031', username: 'mod' };

const session = moderatorSession({ token: TOKEN, moderator: MODERATOR, memberPermissions: String(BigInt(PERMISSIONS.manageMessages) | BigInt(PERMISSIONS.manageServer)) });
const { slash, submit, press, expectSafe } = session;
let standIn: DiscordStandIn;
let dataFile: string;
beforeAll(() => void ({ standIn, dataFile } = session));
const app = () => ({ applicationId: standIn.applicationId });
const labelsOf = (modal: { components: Array<{ label: string }> }) => modal.components.map((component) => component.label);

describe.each(['ur', 'fa'] as const)('a moderator in a server set to %s', (language: Language) => {
  const m = MESSAGES[language].moderation;

  it('/statement add: the form, the preview, its buttons and Confirm’s “Saved” are in the server’s language; stored text stays as typed', async () => {
    // The confirmation is already in the language just chosen.
    expect((await slash('settings', 'language', { language })).body.data.content).toBe(m.languageSet(MESSAGES[language].name));
    const opened = await slash('statement', 'add', { side: 'iran', source: 'memo-2024-01-18' });
    expect(opened.body.type).toBe(9);
    expect(opened.body.data.title).toBe(m.addStatementTitle);
    expect(labelsOf(opened.body.data)).toEqual([m.speakerLabel, m.quoteLabel, m.whenSaidLabel, m.contextLabel, m.viaLabel]);

    const preview = await submit(opened.body.data.custom_id, { speaker: `Spokesperson ${language}`, quote: 'We regret the incident.', when: 'on Tuesday', context: 'The terrorists were named.', via: '' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain(m.previewHeading(m.newStatementPreview));
    expect(preview.body.data.content).not.toContain('nothing is saved until');
    // How the date was worked out: the label translated, the stored basis (English) kept inside an isolate.
    expect(preview.body.data.content).toContain(m.dateBasis('\u2068'));
    expect(preview.body.data.content).toContain("'on Tuesday' in the Middle East Monitor report");
    // The neutrality flag is translated too.
    expect(preview.body.data.content).toContain(m.loadedTerm('terrorists', '\u2068context\u2069'));
    expect(preview.body.data.components[0].components.map((button: { label: string }) => button.label)).toEqual([m.confirm, m.edit, m.cancel]);

    const saved = await press(preview, m.confirm);
    expectSafe(saved);
    expect(saved.body.data.content).toBe(m.savedStatement(`\u2068Spokesperson ${language}\u2069`));
    const state = await stateOnDisk(dataFile);
    expect(state.statements.find((statement) => statement.speaker === `Spokesperson ${language}`)).toMatchObject({ quote: 'We regret the incident.', saidAt: '2024-01-16' });

    // A second click on the same Confirm: "already saved", in the language, nothing more saved.
    const again = await press(preview, m.confirm);
    expect(again.body.data.content).toContain(m.alreadySaved('').trim().split(':')[0]!);
    expect((await stateOnDisk(dataFile)).statements).toHaveLength(state.statements.length);
  });

  it('a bad date is refused in the server’s language, naming the translated field; nothing is kept', async () => {
    const before = await stateOnDisk(dataFile);
    const opened = await slash('statement', 'add', { side: 'iran', source: 'memo-2024-01-18' });
    const refused = await submit(opened.body.data.custom_id, { speaker: 'Someone', quote: 'Words.', when: 'the day after never', context: '', via: '' });
    expectSafe(refused);
    expect(refused.body.data.content).toContain(`**${m.whenSaidLabel}**: \`the day after never\``);
    expect(refused.body.data.content).not.toContain("I can't read");
    const future = await submit(opened.body.data.custom_id, { speaker: 'Someone', quote: 'Words.', when: '2099', context: '', via: '' });
    expect(future.body.data.content).toBe(m.futureDate(m.whenSaidLabel, '2099'));
    const after = await stateOnDisk(dataFile);
    expect(after.previews).toHaveLength(before.previews.length);
    expect(after.statements).toHaveLength(before.statements.length);
  });

  it('Cancel, and the refusal of a member who is not a moderator, are in the server’s language', async () => {
    const opened = await slash('statement', 'add', { side: 'iran', source: 'memo-2024-01-18' });
    const preview = await submit(opened.body.data.custom_id, { speaker: 'Someone else', quote: 'Words.', when: '16 Jan 2024', context: '', via: '' });
    const cancelled = await press(preview, m.cancel);
    expect(cancelled.body.data.content).toBe(m.cancelled);
    const refused = await standIn.interact(
      chatInputInteraction({ ...app(), user: { id: '600000000000000032', username: 'reader' }, memberPermissions: PERMISSIONS.none, name: 'statement', subcommand: 'add', options: { side: 'iran', source: 'memo-2024-01-18' } }),
    );
    expect(refused.body.data.content).toBe(m.moderatorsOnly);
  });

  it('the source, claim and story forms are translated; so are a retraction’s preview and its confirmation', async () => {
    const source = await slash('source', 'add', {});
    expect(source.body.data.title).toBe(m.addSourceTitle);
    expect(labelsOf(source.body.data)).toEqual([m.outletLabel, m.headlineLabel, m.linkLabel, m.publishedLabel, m.sourceNoteLabel]);
    const claim = await slash('claim', 'add', { source: 'memo-2024-01-18' });
    expect(claim.body.data.title).toBe(m.addClaimTitle);
    expect(labelsOf(claim.body.data)).toEqual([m.questionLabel, m.positionLabel, m.accountLabel, m.accountViaLabel, m.figuresLabel]);
    const story = await slash('story', 'create', {});
    expect(story.body.data.title).toBe(m.startStoryTitle);
    expect(labelsOf(story.body.data).slice(0, 2)).toEqual([m.titleLabel, m.leadLabel]);

    const state = await stateOnDisk(dataFile);
    const statement = state.statements.find((candidate) => candidate.speaker === `Spokesperson ${language}`)!;
    const preview = await slash('statement', 'retract', { id: statement.id, reason: 'Misattributed quote' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain(m.reasonShown('Misattributed quote'));
    expect(preview.body.data.content).toContain(m.leavesLists);
    const retracted = await press(preview, m.confirm);
    // The translated words around the record's (English, isolated) label.
    for (const part of m.retractedRecord('@@').split('@@').filter((text) => text.trim())) expect(retracted.body.data.content).toContain(part);
    expect(retracted.body.data.content).toContain(`\u2068the statement by “Spokesperson ${language}”`);
    expect(retracted.body.data.content).toContain(statement.id);
    expect((await stateOnDisk(dataFile)).statements.find((candidate) => candidate.id === statement.id)?.retraction?.reason).toBe('Misattributed quote');
  });

  it('a store refusal carrying its reason as data is written in the server’s language: retracting a source still cited', async () => {
    const before = await stateOnDisk(dataFile);
    const refused = await slash('source', 'retract', { id: 'memo-2024-01-18', reason: 'Wrong outlet' });
    expectSafe(refused);
    expect(refused.body.data.content).toContain({ ur: 'کا حوالہ ابھی', fa: 'هنوز در', en: '' }[language]);
    expect(refused.body.data.content).toContain('\u2068source `memo-2024-01-18`');
    expect(refused.body.data.content).toContain(m.nothingChanged);
    expect(refused.body.data.content).not.toContain('is still cited by');
    expect((await stateOnDisk(dataFile)).previews).toHaveLength(before.previews.length);
  });

  it('/subscribe and /story archive|unarchive confirm in the server’s language', async () => {
    const subscribed = await slash('subscribe', undefined, { channel: DEFAULT_CHANNEL_ID });
    expectSafe(subscribed);
    expect(subscribed.body.data.content).toContain(m.subscribed(`<#${DEFAULT_CHANNEL_ID}>`, '@@').split('@@')[0]!);
    const again = await slash('subscribe', undefined, { channel: DEFAULT_CHANNEL_ID });
    expect(again.body.data.content).toContain(m.alreadySubscribed(`<#${DEFAULT_CHANNEL_ID}>`, '@@').split('@@')[0]!);
    expect((await slash('subscribe', undefined, { channel: DEFAULT_CHANNEL_ID, stop: true })).body.data.content).toContain(m.unsubscribed(`<#${DEFAULT_CHANNEL_ID}>`, '@@').split('@@')[0]!);

    const storyId = (await stateOnDisk(dataFile)).stories[0]!.id;
    const archived = await slash('story', 'archive', { story: storyId });
    expectSafe(archived);
    for (const part of m.archivedHere('@@').split('@@').filter((text) => text.trim())) expect(archived.body.data.content).toContain(part);
    const back = await slash('story', 'unarchive', { story: storyId });
    for (const part of m.backInLists('@@', 0).split('@@').filter((text) => text.trim())) expect(back.body.data.content).toContain(part);
  });

  it('/update add: the event form’s title and labels are translated', async () => {
    const opened = await slash('update', 'add', { source: 'memo-2024-01-18' });
    expect(opened.body.data.title).toBe(m.addUpdateTitle);
    expect(labelsOf(opened.body.data)).toEqual([m.eventTitleLabel, m.whatHappenedLabel, m.whenLabel, m.sidesInvolvedLabel, m.whereLabel]);
    const preview = await submit(opened.body.data.custom_id, { title: `Meeting ${language}`, summary: 'Officials met.', when: '16 Jan 2024', sides: ['iran'], location: '' });
    expectSafe(preview);
    expect(preview.body.data.content).toContain(m.previewHeading(m.newUpdatePreview));
    const saved = await press(preview, m.confirm);
    expect(saved.body.data.content).toContain(`\u2068**Meeting ${language}**\u2069`);
    // The date in the server's language (Persian digits in Persian).
    expect(saved.body.data.content).toContain(language === 'fa' ? '۱۶' : '16');
    for (const part of m.savedRecord('@@').split('@@').filter((text) => text.trim())) expect(saved.body.data.content).toContain(part);
  });
});

describe('a server that chose English', () => {
  it('keeps the English forms, preview and confirmation', async () => {
    await slash('settings', 'language', { language: 'en' });
    const opened = await slash('statement', 'add', { side: 'iran', source: 'memo-2024-01-18' });
    expect(opened.body.data.title).toBe('Add a statement');
    const preview = await submit(opened.body.data.custom_id, { speaker: 'English speaker', quote: 'Words.', when: '16 Jan 2024', context: '', via: '' });
    expect(preview.body.data.content).toContain('**Preview of the new statement** — nothing is saved until you press Confirm.');
    const saved = await press(preview, 'Confirm');
    expect(saved.body.data.content).toBe('Saved the statement by **English speaker**.');
  });
});
