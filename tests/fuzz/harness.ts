import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ComponentType, PermissionFlagsBits, type APIModalInteractionResponseCallbackData, type REST } from 'discord.js';
import { expect } from 'vitest';
import { createDelivery, type Deliver } from '../../src/bot/deliver.js';
import { toReplyOptions } from '../../src/bot/reply-options.js';
import { LIMITS } from '../../src/briefing/reply/limits.js';
import { notice, UserError, type Reply } from '../../src/briefing/reply/reply.js';
import { commands } from '../../src/commands/index.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { isModal, type Choice, type Command, type CommandContext, type CommandInput, type ModalFields } from '../../src/commands/types.js';
import type { StoreData } from '../../src/data/schema.js';
import { bundledStoreData } from '../../src/data/seed.js';
import type { Store } from '../../src/data/store.js';
import { createLogger } from '../../src/logger.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { tempStore } from '../fixtures/temp-store.js';
import { assertNoPings, autocompleteWire, describePayload, discordProblems, messageWire, modalWire, rawMessageWire, type WirePayload } from './discord-limits.js';
import { tolerated, type Tally } from './budget.js';
import { bidiProblems } from './inert.js';

export const EDITORIAL_GUILD = '800000000000000001';
export const OTHER_GUILD = '800000000000000002';
export const MODERATOR_ROLE = '850000000000000001';
export const SUBSCRIBED_CHANNEL = '870000000000000001';
export const NOW = new Date('2024-01-20T12:00:00Z');

/** Who is interacting: what the router reads from an interaction to build the command context. */
export interface Who {
  userId: string;
  userName: string;
  guildId: string | null;
  /** Null outside a server, as the router gives. */
  member: { permissions: bigint; roleIds: readonly string[] } | null;
}

const person = (userId: string, guildId: string | null, permissions: bigint, roleIds: string[] = []): Who => ({
  userId,
  userName: 'someone',
  guildId,
  member: guildId ? { permissions, roleIds } : null,
});

export const PEOPLE = {
  readerInDm: person('700000000000000001', null, 0n),
  readerElsewhere: person('700000000000000002', OTHER_GUILD, 0n),
  readerHere: person('700000000000000003', EDITORIAL_GUILD, 0n),
  moderator: person('700000000000000004', EDITORIAL_GUILD, PermissionFlagsBits.ManageMessages),
  roleModerator: person('700000000000000005', EDITORIAL_GUILD, 0n, [MODERATOR_ROLE]),
  manager: person('700000000000000006', EDITORIAL_GUILD, PermissionFlagsBits.ManageGuild),
  moderatorElsewhere: person('700000000000000007', OTHER_GUILD, PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageGuild),
} as const;

/** The bundled story plus an editorial server with a moderator role, a subscribed channel and a schedule. */
export async function fuzzStoreData(base: () => StoreData | Promise<StoreData> = bundledStoreData): Promise<StoreData> {
  const data = await base();
  const storyId = data.stories[0]!.id;
  data.guilds.push({ guildId: EDITORIAL_GUILD, moderatorRoleIds: [MODERATOR_ROLE], subscriptions: [{ channelId: SUBSCRIBED_CHANNEL, storyId }] });
  data.schedules.push({
    id: 'morning-brief',
    guildId: EDITORIAL_GUILD,
    channelId: SUBSCRIBED_CHANNEL,
    storyId,
    cron: '0 8 * * *',
    timeZone: 'Asia/Karachi',
    label: '08:00 daily',
    kind: 'full',
    quiet: false,
    state: 'active',
    skippedSlots: 0,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: PEOPLE.manager.userId,
  });
  return data;
}

/** The message an interaction answered on, as the router reads it for a button click. */
export interface OnMessage {
  ephemeral: boolean;
  /** Who ran the command the message answers; undefined for a channel post. */
  invokerId?: string;
}

/** Everything one interaction sent over the wire, and what became of it. */
export interface Delivery {
  step: string;
  response: 'reply' | 'update' | 'modal' | 'autocomplete';
  /** The interaction response, then any channel posts it made. */
  payloads: WirePayload[];
  reply?: Reply;
  modal?: APIModalInteractionResponseCallbackData;
  choices?: Choice[];
  /** The polite message of a refusal (a UserError). */
  refused?: string;
  /** Anything else thrown: the router would answer "something went wrong" and log it. */
  bug?: unknown;
  /** A story record changed, or a file of the store changed for anything but a preview. */
  storeChanged: boolean;
  /** The pending previews (plain data in the store, not story records) changed. */
  previewsChanged: boolean;
  ms: number;
}

const byName = new Map(commands.map((command) => [command.data.name, command]));

/** JSON of a step's input with long strings elided, so a failure reads in a line or two. */
export function brief(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'bigint' ? `${item}n` : typeof item === 'string' && item.length > 120 ? `${item.slice(0, 60)}…(${item.length} chars)…${item.slice(-20)}` : item,
  );
}

export function commandNamed(name: string): Command {
  const command = byName.get(name);
  if (!command) throw new Error(`no command /${name}`);
  return command;
}

/** A reply with its flags dropped, as the router passes it to `interaction.update`. */
function withoutFlags(reply: Reply) {
  const { flags: _flags, ...update } = toReplyOptions(reply);
  return update;
}

/**
 * The command registry behind the one dispatch the router uses (`src/commands/dispatch.ts`), with the same context, how a
 * handler's answer becomes `reply` / `update` / `showModal` / `respond`, and how an error becomes a
 * polite private reply (UserError) or "something went wrong" (anything else, a bug). Each step
 * records the JSON discord.js would send and whether the store changed.
 */
export class FuzzBot {
  timeZone = 'UTC';
  private posts: WirePayload[] = [];
  private readonly scheduler;

  private readonly post: Deliver;

  private constructor(readonly store: Store) {
    // The bot's own delivery (channel posts, forum threads, crossposts) over a REST stand-in that
    // records each message body it is asked to send.
    const rest = {
      post: async (route: string, options?: { body?: Record<string, unknown> }) => {
        const body = options?.body;
        if (body && route.endsWith('/threads')) {
          const { message, name } = body as { message: Record<string, unknown>; name: string };
          this.posts.push(rawMessageWire(message));
          if (typeof name !== 'string' || name.length < 1 || name.length > 100) throw new Error(`a forum thread named ${JSON.stringify(name)}`);
        } else if (body) {
          this.posts.push(rawMessageWire(body));
        }
        return { id: '900000000000000001' };
      },
      get: async () => ({ threads: [] }),
    };
    this.post = createDelivery(rest as unknown as REST);
    const real = createScheduler({ store, logger: createLogger('silent'), clock: () => NOW, graceMs: 2 * 60 * 60 * 1000, deliver: this.post });
    // No timers: `rearm` would arm croner jobs that outlive the test.
    this.scheduler = { rearm: () => undefined, runNow: (id: string) => real.runNow(id) };
  }

  static async start(initialData: () => StoreData | Promise<StoreData> = () => fuzzStoreData()): Promise<FuzzBot> {
    return new FuzzBot(await tempStore(initialData));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  context(who: Who): CommandContext {
    return {
      store: this.store,
      now: NOW,
      guildId: who.guildId,
      userId: who.userId,
      userName: who.userName,
      member: who.member,
      locale: 'en-US',
      timeZone: this.timeZone,
      editorialGuildIds: [EDITORIAL_GUILD],
      // As src/app.ts publishes a breaking update: through the same delivery, with a fresh nonce.
      publish: (target, reply) => this.post(target, reply, 'fuzz-nonce'),
      scheduler: this.scheduler,
    };
  }

  /** A slash command, as `onChatInput` runs it. */
  command(command: Command, input: CommandInput, who: Who): Promise<Delivery> {
    return this.deliver(`/${command.data.name} ${brief(input)}`, 'reply', who, async (context) => {
      const answer = await dispatch(commands, { kind: 'command', name: command.data.name, input }, context);
      if (isModal(answer)) return { response: 'modal', payload: modalWire(answer.modal), modal: answer.modal };
      return { response: 'reply', payload: messageWire(toReplyOptions(answer)), reply: answer };
    });
  }

  /** Typing in an option, as `onAutocomplete` answers it (a failure answers with no choices). */
  autocomplete(command: Command, focused: { name: string; value: string }, input: CommandInput, who: Who): Promise<Delivery> {
    return this.deliver(`/${command.data.name} autocomplete ${brief({ focused, input })}`, 'autocomplete', who, async (context) => {
      const choices = await dispatch(commands, { kind: 'autocomplete', name: command.data.name, focused, input }, context);
      return { response: 'autocomplete', payload: autocompleteWire(choices.slice(0, LIMITS.autocompleteChoices)), choices };
    });
  }

  /** A click on a button with `customId` of `message`, as `onComponent` handles it. */
  click(customId: string, who: Who, message: OnMessage, values?: string[]): Promise<Delivery> {
    return this.deliver(`click ${customId}${values ? ` ${values.join(',')}` : ''} ${brief(message)}`, 'reply', who, async (context) => {
      const answer = await dispatch(commands, { kind: 'component', customId, ...(values ? { values } : {}) }, context);
      if (isModal(answer)) return { response: 'modal', payload: modalWire(answer.modal), modal: answer.modal };
      // A private answer to a choice in a select menu is a new private message (the router's rule).
      if ((answer.ephemeral && (!message.ephemeral || values !== undefined)) || message.invokerId !== who.userId) {
        return { response: 'reply', payload: messageWire(toReplyOptions(answer, true)), reply: { ...answer, ephemeral: true } };
      }
      return { response: 'update', payload: messageWire(withoutFlags(answer)), reply: { ...answer, ephemeral: message.ephemeral } };
    });
  }

  /** A submitted form, as `onModalSubmit` handles it; `fromMessage` when reopened from a preview's Edit. */
  submit(customId: string, fields: ModalFields, who: Who, fromMessage = false): Promise<Delivery> {
    return this.deliver(`submit ${customId} ${brief(fields)}`, 'reply', who, async (context) => {
      const reply = await dispatch(commands, { kind: 'modal', customId, fields }, context);
      if (isModal(reply)) throw new Error('a form was answered with another form');
      if (fromMessage) return { response: 'update', payload: messageWire(withoutFlags(reply)), reply: { ...reply, ephemeral: true } };
      return { response: 'reply', payload: messageWire(toReplyOptions(reply)), reply };
    });
  }

  private async deliver(
    step: string,
    kind: 'reply' | 'autocomplete',
    who: Who,
    handle: (context: CommandContext) => Promise<Pick<Delivery, 'response' | 'reply' | 'modal' | 'choices'> & { payload: WirePayload }>,
  ): Promise<Delivery> {
    const before = await this.snapshot();
    this.posts = [];
    const started = performance.now();
    let delivery: Omit<Delivery, 'storeChanged' | 'previewsChanged' | 'ms' | 'step'>;
    try {
      const { payload, ...rest } = await handle(this.context(who));
      delivery = { ...rest, payloads: [payload, ...this.posts] };
    } catch (error) {
      const refused = error instanceof UserError ? error.message : undefined;
      const answer = notice(refused ?? 'Something went wrong (ref `00000000`). Please try again; if it keeps happening, tell the server’s moderators.');
      delivery = {
        response: kind,
        payloads: [kind === 'autocomplete' ? autocompleteWire([]) : messageWire(toReplyOptions(answer, true)), ...this.posts],
        reply: kind === 'autocomplete' ? undefined : answer,
        ...(refused !== undefined ? { refused } : { bug: error }),
      };
    }
    const ms = performance.now() - started;
    const after = await this.snapshot();
    const previewsChanged = before.previews !== after.previews;
    // Files change with a preview too (its journal line): only a change the previews do not explain counts.
    const storeChanged = before.records !== after.records || (before.files !== after.files && !previewsChanged);
    return { step, ...delivery, storeChanged, previewsChanged, ms };
  }

  /** The story records, the pending previews, and every file of the store (data file, journal…) but its lock. */
  async snapshot(): Promise<{ records: string; previews: string; files: string }> {
    const dir = dirname(this.store.path);
    const names = (await readdir(dir)).filter((name) => !name.endsWith('.lock')).sort();
    const files = await Promise.all(names.map(async (name) => `${name}\n${await readFile(join(dir, name), 'utf8').catch(() => '(gone)')}`));
    const { previews, ...records } = this.store.read();
    return { records: JSON.stringify(records), previews: JSON.stringify(previews), files: files.join('\n') };
  }
}

export interface Expectation {
  /** Nothing in this step may change the store (reading, previewing, a refused write). */
  readOnly?: boolean;
}

/**
 * The properties every step must keep: nothing but a UserError escapes the handler, every payload
 * fits Discord and pings nobody, and a refused (or read-only) step leaves the store as it was.
 */
export function expectSafe(delivery: Delivery, tally: Tally, expectation: Expectation = {}): void {
  tally.saw(delivery.payloads);
  if (delivery.bug !== undefined) {
    const error = delivery.bug instanceof Error ? delivery.bug : new Error(String(delivery.bug));
    throw new Error(`${delivery.step}\nthrew (the router would answer "something went wrong"): ${error.stack ?? error.message}`);
  }
  for (const payload of delivery.payloads) {
    const problems = discordProblems(payload).filter((problem) => !tolerated(problem));
    if (problems.length) throw new Error(`${delivery.step}\nThe ${payload.kind} payload does not fit Discord:\n  - ${problems.join('\n  - ')}\n${describePayload(payload)}`);
    try {
      assertNoPings(payload);
    } catch (error) {
      throw new Error(`${delivery.step}\n${(error as Error).message}`);
    }
    const unclosed = shownStrings(payload).flatMap(([path, text]) => bidiProblems(text).map((problem) => `${path}: ${problem}`));
    if (unclosed.length) throw new Error(`${delivery.step}\nThe ${payload.kind} payload shows an unclosed directional control:\n  - ${unclosed.slice(0, 8).join('\n  - ')}\n${describePayload(payload)}`);
  }
  if (delivery.refused !== undefined || expectation.readOnly) {
    expect(delivery.storeChanged, `${delivery.step}\n${delivery.refused ? `was refused (${delivery.refused})` : 'reads only'} but changed the store`).toBe(false);
  }
  // A preview is kept in the store, but only by a step that shows one, cancels one, or opens an edit form holding its reason.
  if (delivery.previewsChanged) {
    expect(delivery.refused, `${delivery.step}\nwas refused but wrote a preview`).toBeUndefined();
    expect(keepsAPreview(delivery), `${delivery.step}\nwrote a preview without showing, cancelling or holding one`).toBe(true);
  }
}

function keepsAPreview(delivery: Delivery): boolean {
  if (buttonsOf(delivery.reply).some((button) => PREVIEW_CONFIRM.test(button.customId))) return true;
  if (/^click [a-z]+:(cancel|confirm):/.test(delivery.step)) return true;
  // An edit form of a statement, claim, source or story revises the preview it holds (id, revision, reason).
  return /^update:edit:[^:]*:\d+:[A-Za-z0-9_-]+$|^[a-z]+:revise:[A-Za-z0-9_-]{8,24}$/.test(delivery.modal?.custom_id ?? '');
}

/**
 * Every string of a payload that Discord shows, with its path: content, embed parts, labels, choice
 * names, titles. Not ids, links or nonces, and not a form's pre-filled values (the text being edited,
 * kept exactly as stored).
 */
function shownStrings(payload: WirePayload): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const hidden = new Set(['custom_id', 'url', 'proxy_url', 'nonce', 'id', 'type', 'style', ...(payload.kind === 'modal' ? ['value'] : [])]);
  const walk = (item: unknown, path: string) => {
    if (typeof item === 'string') found.push([path, item]);
    else if (Array.isArray(item)) item.forEach((entry, index) => walk(entry, `${path}[${index}]`));
    else if (item && typeof item === 'object') for (const [key, value] of Object.entries(item)) if (!hidden.has(key)) walk(value, path ? `${path}.${key}` : key);
  };
  walk(payload.body, '');
  return found;
}

/** The buttons of a reply, with their custom_ids. */
export function buttonsOf(reply: Reply | undefined): Array<{ label: string; customId: string; disabled: boolean }> {
  return (reply?.components ?? []).flatMap((row) =>
    row.components.flatMap((button) =>
      button.type === ComponentType.Button && 'custom_id' in button ? [{ label: button.label ?? '', customId: button.custom_id, disabled: button.disabled ?? false }] : [],
    ),
  );
}

const PREVIEW_ACTION = /^[a-z]+:(confirm|reopen|cancel):/;
const PREVIEW_CONFIRM = /^[a-z]+:confirm:/;

/** Previous / Next (and any other non-preview button) of a reply: each must work for the person who asked. */
export async function followPageButtons(bot: FuzzBot, delivery: Delivery, who: Who, tally: Tally): Promise<void> {
  const reply = delivery.reply;
  for (const button of buttonsOf(reply)) {
    if (button.disabled || PREVIEW_ACTION.test(button.customId)) continue;
    const clicked = await bot.click(button.customId, who, { ephemeral: reply?.ephemeral ?? false, invokerId: who.userId });
    expectSafe(clicked, tally, { readOnly: true });
    expect(clicked.refused, `${delivery.step}\nits “${button.label}” button (${button.customId}) was refused`).toBeUndefined();
  }
  // A list's select menu: its first and last items each open.
  for (const row of reply?.components ?? []) {
    for (const menu of row.components) {
      if (menu.type !== ComponentType.StringSelect) continue;
      for (const option of new Set([menu.options[0], menu.options.at(-1)])) {
        if (!option) continue;
        const chosen = await bot.click(menu.custom_id, who, { ephemeral: reply?.ephemeral ?? false, invokerId: who.userId }, [option.value]);
        expectSafe(chosen, tally, { readOnly: true });
        expect(chosen.refused, `${delivery.step}\nits menu’s “${option.label}” (${option.value}) was refused`).toBeUndefined();
      }
    }
  }
}
