import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { UserError, type Reply } from '../../src/briefing/reply/reply.js';
import { commands } from '../../src/commands/index.js';
import { PREVIEW_KEPT_MS, PREVIEW_LIFETIME_MS } from '../../src/commands/pending.js';
import { isModal, type Answer, type CommandContext, type CommandInput, type ModalFields } from '../../src/commands/types.js';
import { bundledStoreData } from '../../src/data/seed.js';
import { openStore, type Store } from '../../src/data/store.js';
import { stateOnDisk, tempDir, tempStore, testContext } from '../fixtures/temp-store.js';

const GUILD = '800000000000000001';
const MODERATOR = '700000000000000004';
const OTHER_MODERATOR = '700000000000000005';
const NOW = new Date('2024-01-20T12:00:00Z');

const command = (name: string) => commands.find((candidate) => candidate.data.name === name)!;

function moderator(store: Store, overrides: Partial<CommandContext> = {}): CommandContext {
  return testContext(store, {
    now: NOW,
    guildId: GUILD,
    userId: MODERATOR,
    userName: 'mod',
    member: { permissions: PermissionFlagsBits.ManageMessages, roleIds: [] },
    editorialGuildIds: [GUILD],
    ...overrides,
  });
}

/** Runs a slash command that opens a form, submits the form, and returns the preview. */
async function preview(name: string, input: CommandInput, fields: ModalFields, context: CommandContext): Promise<Reply> {
  const opened: Answer = await command(name).execute(input, context);
  if (!isModal(opened)) throw new Error(`/${name} did not open a form`);
  const [, ...args] = opened.modal.custom_id.split(':');
  return command(name).modalSubmit!(args, fields, context);
}

function button(reply: Reply, action: string): string[] {
  const id = reply.components!.flatMap((row) => row.components).map((b) => ('custom_id' in b ? b.custom_id : '')).find((c) => c.split(':')[1] === action)!;
  return id.split(':');
}

async function click(reply: Reply, action: string, context: CommandContext): Promise<Answer> {
  const [name = '', ...args] = button(reply, action);
  return command(name).component!(args, context);
}

/** Two Confirm clicks at once: what each got (a reply, or the polite refusal). */
async function doubleConfirm(reply: Reply, context: CommandContext): Promise<string[]> {
  const results = await Promise.allSettled([click(reply, 'confirm', context), click(reply, 'confirm', context)]);
  return results.map((result) => {
    if (result.status === 'fulfilled') return (result.value as Reply).content ?? '';
    if (result.reason instanceof UserError) return `refused: ${result.reason.message}`;
    throw result.reason;
  });
}

/** Each write command that previews, with what to count once it is saved. */
const CASES = [
  {
    name: '/update add',
    command: 'update',
    input: { subcommand: 'add', options: { source: 'memo-2024-01-18' } },
    fields: { title: 'Talks resume', summary: 'Talks resume, in neutral words.', when: '2024-01-19', sides: ['pakistan', 'iran'], location: '' },
    count: (store: Store) => store.read().events.filter((event) => event.title === 'Talks resume').length,
  },
  {
    name: '/statement add',
    command: 'statement',
    input: { subcommand: 'add', options: { side: 'pakistan', source: 'memo-2024-01-18' } },
    fields: { speaker: 'Foreign ministry', quote: 'We welcome “dialogue”.', when: '19 Jan 2024', context: '', via: '' },
    count: (store: Store) => store.read().statements.filter((statement) => statement.quote === 'We welcome “dialogue”.').length,
  },
  {
    name: '/source add',
    command: 'source',
    input: { subcommand: 'add', options: {} },
    fields: { outlet: 'Dawn', title: 'Talks resume', url: '', date: '19 Jan 2024', note: '' },
    count: (store: Store) => store.read().sources.filter((source) => source.outlet === 'Dawn').length,
  },
  {
    name: '/claim account',
    command: 'claim',
    input: (store: Store) => ({ subcommand: 'account', options: { claim: store.read().claims[0]!.id, source: 'memo-2024-01-18', side: 'iran' } }),
    fields: { position: 'a third view', account: 'A third account of it.', via: '' },
    count: (store: Store) => store.read().claims[0]!.accounts.filter((account) => account.position === 'a third view').length,
  },
] as const;

const inputOf = (c: (typeof CASES)[number], store: Store): CommandInput => (typeof c.input === 'function' ? c.input(store) : c.input);

describe('a preview is plain data in the store; Confirm saves once, whatever clicks arrive', () => {
  for (const c of CASES) {
    it(`${c.name}: two Confirms at once save one record; the other is told it was already saved`, async () => {
      const store = await tempStore();
      const context = moderator(store);
      const shown = await preview(c.command, inputOf(c, store), c.fields, context);
      expect(c.count(store)).toBe(0);
      expect(store.read().previews).toHaveLength(1);
      const answers = await doubleConfirm(shown, context);
      expect(c.count(store)).toBe(1);
      expect(answers.filter((answer) => !answer.startsWith('refused'))).toHaveLength(1);
      const saved = answers.find((answer) => !answer.startsWith('refused'))!;
      expect(answers.find((answer) => answer.startsWith('refused'))).toBe(`refused: This was already saved: ${saved} Nothing more was changed.`);
      expect(store.read().previews[0]).toMatchObject({ status: 'saved', saved: { text: saved } });
      const audits = store.read().audit.length;
      // And a third, later click: still once.
      await expect(click(shown, 'confirm', context)).rejects.toThrow('This was already saved');
      expect(c.count(store)).toBe(1);
      expect(store.read().audit.length).toBe(audits);
    });
  }

  it('survives a restart: the preview is on disk, a new store on the same file confirms it once', async () => {
    const path = join(await tempDir(), 'sitrep.json');
    let store = await openStore(path, { initialData: bundledStoreData });
    const c = CASES[1];
    const shown = await preview(c.command, inputOf(c, store), c.fields, moderator(store));
    await store.close();
    expect((await stateOnDisk(path)).previews).toMatchObject([{ kind: 'statement.add', status: 'pending', authorId: MODERATOR, guildId: GUILD }]);

    store = await openStore(path, { initialData: bundledStoreData });
    try {
      const answers = await doubleConfirm(shown, moderator(store));
      expect(answers.filter((answer) => answer.startsWith('Saved the statement'))).toHaveLength(1);
      expect(c.count(store)).toBe(1);
    } finally {
      await store.close();
    }
    const again = await openStore(path, { initialData: bundledStoreData });
    try {
      await expect(click(shown, 'confirm', moderator(again))).rejects.toThrow(/^This was already saved: Saved the statement by \*\*Foreign ministry\*\*\./);
      expect(c.count(again)).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('Edit reopens the form from the stored payload and the revision replaces it; Cancel keeps nothing but the cancelled preview', async () => {
    const store = await tempStore();
    const context = moderator(store);
    const c = CASES[2];
    const shown = await preview(c.command, inputOf(c, store), c.fields, context);
    const reopened = await click(shown, 'reopen', context);
    if (!isModal(reopened)) throw new Error('Edit did not reopen the form');
    expect(JSON.stringify(reopened.modal)).toContain('"value":"Dawn"');
    const [, , previewId = ''] = reopened.modal.custom_id.split(':');
    const revised = await command('source').modalSubmit!(['revise', previewId], { ...c.fields, outlet: 'Dawn News' }, context);
    expect(store.read().previews).toHaveLength(1);
    expect(store.read().previews[0]!.payload).toMatchObject({ source: { outlet: 'Dawn News' } });
    await expect(click(revised, 'cancel', context)).resolves.toMatchObject({ content: 'Cancelled — nothing was changed.' });
    await expect(click(revised, 'confirm', context)).rejects.toThrow('This preview was cancelled');
    expect(store.read().sources.some((source) => source.outlet.startsWith('Dawn'))).toBe(false);
  });

  it('a Confirm on an expired or another moderator’s preview is refused politely and changes nothing', async () => {
    const store = await tempStore();
    const context = moderator(store);
    const c = CASES[1];
    const shown = await preview(c.command, inputOf(c, store), c.fields, context);
    const before = JSON.stringify(store.read());
    await expect(click(shown, 'confirm', moderator(store, { userId: OTHER_MODERATOR }))).rejects.toThrow('This preview is another moderator’s');
    const late = moderator(store, { now: new Date(NOW.getTime() + PREVIEW_LIFETIME_MS + 1000) });
    await expect(click(shown, 'confirm', late)).rejects.toThrow(/^This preview expired on <t:\d+:f> \(a preview waits an hour for Confirm\) — run the command again\. Nothing was changed\.$/);
    await expect(click(shown, 'reopen', late)).rejects.toThrow('This preview expired');
    expect(JSON.stringify(store.read())).toBe(before);
  });

  it('expired previews are swept a day after they expire, by the next preview written', async () => {
    const store = await tempStore();
    const c = CASES[2];
    await preview(c.command, inputOf(c, store), c.fields, moderator(store));
    const later = moderator(store, { now: new Date(NOW.getTime() + PREVIEW_LIFETIME_MS + PREVIEW_KEPT_MS + 1000) });
    const shown = await preview(c.command, inputOf(c, store), c.fields, later);
    expect(store.read().previews).toHaveLength(1);
    expect(store.read().previews[0]!.id).toBe(button(shown, 'confirm')[2]);
  });

  it('/update edit with a reason keeps the reason in the store until the form comes back, and Confirm saves it with the edit', async () => {
    const store = await tempStore();
    const context = moderator(store);
    const event = store.read().events.find((candidate) => candidate.id === 'kerman-bombing')!;
    const opened = await command('update').execute({ subcommand: 'edit', options: { id: event.id, reason: 'The date was wrong' } }, context);
    if (!isModal(opened)) throw new Error('no form');
    expect(store.read().previews).toMatchObject([{ kind: 'event.edit', status: 'pending', payload: { eventId: event.id, reason: 'The date was wrong' } }]);
    const [, ...args] = opened.modal.custom_id.split(':');
    const shown = await command('update').modalSubmit!(args, { title: event.title, summary: event.summary, when: '2024-01-04', sides: event.sideIds, location: '' }, context);
    expect(shown.content).toContain('Reason, shown to readers with the correction: The date was wrong');
    expect(store.read().previews).toHaveLength(1);
    await doubleConfirm(shown, context);
    expect(store.read().events.find((candidate) => candidate.id === event.id)).toMatchObject({ occurredAt: '2024-01-04', revision: event.revision + 1 });
    expect(store.read().audit.filter((entry) => entry.entityId === event.id && entry.action === 'update')).toMatchObject([{ reason: 'The date was wrong' }]);
  });

  it('a data file written before previews were kept in the store loads with none, and the next preview is kept', async () => {
    const path = join(await tempDir(), 'sitrep.json');
    await (await openStore(path, { initialData: bundledStoreData })).close();
    const text = await readFile(path, 'utf8');
    // A file from before previews (and intakes) also predates the data file's checksum line.
    // (and the positions, added after the previews)
    const tail = /"schedules":\[\],\n"previews":\[\],\n"intakes":\[\],\n"positions":\[\n[^\]]*\n\],\n"checksum":"[0-9a-f]{64}"\n}\n$/;
    expect(text).toMatch(tail);
    await writeFile(path, text.replace(tail, '"schedules":[]\n}\n'));
    const store = await openStore(path, { initialData: bundledStoreData });
    try {
      expect(store.read().previews).toEqual([]);
      expect(store.read().intakes).toEqual([]);
      const c = CASES[2];
      await preview(c.command, inputOf(c, store), c.fields, moderator(store));
      expect(store.read().previews).toHaveLength(1);
    } finally {
      await store.close();
    }
    expect((await stateOnDisk(path)).previews).toHaveLength(1);
  });
});
