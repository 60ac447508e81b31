import { ComponentType, PermissionFlagsBits } from 'discord.js';
import { toMessageBody } from '../bot/reply-options.js';
import { notice, UserError, type Reply, type ReplyFile } from '../briefing/reply/reply.js';
import { dispatch, routeCustomId } from '../commands/dispatch.js';
import { isModal, type Answer, type Command, type CommandContext } from '../commands/types.js';
import type { Store } from '../data/store.js';
import { parseCommandLine } from './parse-command-line.js';
import { renderText } from './render-text.js';

export interface ConsoleOptions {
  commands: readonly Command[];
  store: Store;
  guildId: string | null;
  timeZone: string;
  /** SITREP_DEFAULT_STORY, as the bot has it. */
  defaultStoryId?: string;
  json: boolean;
  clock?: () => Date;
  /** Writes a reply's attachment (the timeline picture) and says where; without it, the console only names it. */
  saveFile?: (file: ReplyFile) => Promise<string>;
}

/**
 * Runs typed commands through the same handlers the bot uses. Besides `/command …`, it accepts
 * `next` and `previous` (or a button's custom id) to press a button of the last reply, and
 * `open <n>` to choose the n-th item of its select menu (a list's "open" menu).
 */
export function createConsoleSession({ commands, store, guildId, timeZone, defaultStoryId, json, clock = () => new Date(), saveFile }: ConsoleOptions) {
  let lastButtons: Array<{ id: string; label: string }> = [];
  let lastMenu: { id: string; values: string[] } | undefined;
  // The console's user is the operator, who owns the data file: a server manager, not an editor
  // (forms exist only in Discord; offline changes go through `npm run import`).
  const context = (): CommandContext => ({
    store,
    now: clock(),
    guildId,
    userId: 'console',
    userName: 'console',
    member: { permissions: PermissionFlagsBits.ManageGuild, roleIds: [] },
    locale: 'en-US',
    timeZone,
    editorialGuildIds: [],
    defaultStoryId,
  });

  async function answer(line: string): Promise<Reply> {
    const result = await answerOrForm(line);
    if (!isModal(result)) return result;
    const fields = result.modal.components.map((component) => ('label' in component ? component.label : '')).filter(Boolean);
    throw new UserError(`This opens a form in Discord (${fields.join(', ')}); use it there, or \`npm run import\` offline.`);
  }

  async function answerOrForm(line: string): Promise<Answer> {
    const trimmed = line.trim();
    if (trimmed.startsWith('/')) {
      const { command, input } = parseCommandLine(trimmed, commands);
      return dispatch(commands, { kind: 'command', name: command.data.name, input }, context());
    }
    const chosen = /^open\s+(\d+)$/i.exec(trimmed);
    if (chosen) {
      const value = lastMenu?.values[Number(chosen[1]) - 1];
      if (!lastMenu || !value) throw new UserError(`Type \`open <n>\` with the number of an item the last reply’s menu lists${lastMenu ? ` (1–${lastMenu.values.length})` : ''}.`);
      return dispatch(commands, { kind: 'component', customId: lastMenu.id, values: [value] }, context());
    }
    const pressed = pressedButton(trimmed);
    if (!routeCustomId(commands, pressed).command?.component) throw new UserError(`No button \`${pressed}\`.`);
    return dispatch(commands, { kind: 'component', customId: pressed }, context());
  }

  function pressedButton(word: string): string {
    const label = { previous: 'Previous', prev: 'Previous', next: 'Next' }[word.toLowerCase()];
    const target = lastButtons.find((button) => button.id === word || (label && button.label.includes(label)));
    if (!target) throw new UserError('Type a command such as `/timeline`, or `next` / `previous` after a paged reply.');
    return target.id;
  }

  async function reply(line: string): Promise<{ reply: Reply; ok: boolean }> {
    try {
      const answered = await answer(line);
      lastButtons = (answered.components ?? [])
        .flatMap((row) => row.components)
        .flatMap((button) => (button.type === ComponentType.Button && 'custom_id' in button && !button.disabled ? [{ id: button.custom_id, label: button.label ?? '' }] : []));
      const menu = (answered.components ?? []).flatMap((row) => row.components).find((component) => component.type === ComponentType.StringSelect);
      lastMenu = menu ? { id: menu.custom_id, values: menu.options.map((option) => option.value) } : undefined;
      return { reply: answered, ok: true };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      lastButtons = [];
      lastMenu = undefined;
      return { reply: notice(error.message), ok: false };
    }
  }

  /**
   * The printable answer to one line: text, or the exact payload with `json`. With `allPages`
   * (one-shot use), a paged text answer is printed whole, page after page.
   */
  return async function run(line: string, { allPages = false } = {}): Promise<{ output: string; ok: boolean }> {
    const first = await reply(line);
    const attachments = await Promise.all(
      (first.reply.files ?? []).map(async (file) => (saveFile ? `📎 ${file.name} written to ${await saveFile(file)}` : `📎 ${file.name} (add --save <file.png> to write it)`)),
    );
    if (attachments.length) return { output: [json ? JSON.stringify(toMessageBody(first.reply), null, 2) : renderText(first.reply, timeZone), ...attachments].join('\n'), ok: first.ok };
    if (json) return { output: JSON.stringify(toMessageBody(first.reply), null, 2), ok: first.ok };
    const pages = [first.reply];
    const nextOf = (page: Reply) => (page.components?.[0]?.components ?? []).find((b) => 'label' in b && b.label === 'Next ▶' && !b.disabled);
    for (let next = nextOf(first.reply); allPages && next && 'custom_id' in next; next = nextOf(pages.at(-1)!)) {
      pages.push((await reply(next.custom_id)).reply);
    }
    return { output: pages.map((page) => renderText(page, timeZone)).join('\n\n'), ok: first.ok };
  };
}
