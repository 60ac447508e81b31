import {
  MessagePayload,
  Options,
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
  type MessageCreateOptions,
  type MessageTarget,
} from 'discord.js';

/**
 * Discord's limits, checked on the JSON that goes over the wire: a message (interaction reply,
 * update or channel post), a modal, or an autocomplete answer. Sources: the developer docs for
 * messages, embeds, components, modals and autocomplete.
 */
export const DISCORD = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalComponents: 5,
  labelText: 45,
  labelDescription: 100,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export type WirePayload =
  | { kind: 'message'; body: Record<string, unknown> }
  | { kind: 'modal'; body: Record<string, unknown> }
  | { kind: 'autocomplete'; body: { choices: Array<Record<string, unknown>> } };

const clientOptions = Options.createDefault();
/**
 * A stand-in target for discord.js's MessagePayload: it resolves options exactly as `reply`,
 * `update`, `followUp` and `channel.send` do. It has no default `allowedMentions`, so a payload
 * that does not switch pings off itself is caught even though the real client sets a default.
 */
const stubTarget = { client: { options: { ...clientOptions, allowedMentions: undefined, enforceNonce: false } } } as unknown as MessageTarget;

const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The body discord.js sends for message options (what `toReplyOptions` returns). */
export function messageWire(options: object): WirePayload {
  const payload = new MessagePayload(stubTarget, options as MessageCreateOptions).resolveBody();
  return { kind: 'message', body: overTheWire(payload.body as Record<string, unknown>) };
}

/** A body already in the API's shape (`toMessageBody`, the scheduler's posts). */
export function rawMessageWire(body: Record<string, unknown>): WirePayload {
  return { kind: 'message', body: overTheWire(body) };
}

/** What `interaction.showModal(modal)` sends. */
export function modalWire(modal: APIModalInteractionResponseCallbackData): WirePayload {
  return { kind: 'modal', body: overTheWire(clientOptions.jsonTransformer!(modal) as Record<string, unknown>) };
}

/** What `interaction.respond(choices)` sends. */
export function autocompleteWire(choices: ReadonlyArray<APIApplicationCommandOptionChoice & { nameLocalizations?: unknown }>): WirePayload {
  return {
    kind: 'autocomplete',
    body: overTheWire({
      choices: choices.map(({ nameLocalizations, ...choice }) => ({
        ...(clientOptions.jsonTransformer!(choice) as Record<string, unknown>),
        name_localizations: nameLocalizations,
      })),
    }),
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * A lone surrogate (half an emoji or other astral character, cut by a slice) is not valid Unicode:
 * Discord cannot store it as UTF-8 and fails the request (discord/discord-api-docs#6561).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The mark of `shorten()` (src/briefing/render/paginate.ts) cutting between the halves of a character. */
const CUT_BEFORE_ELLIPSIS = /[\uD800-\uDBFF]…/g;
/** Problem text for that one known cause, so a property can count it apart (see `expectSafe`). */
export const SHORTEN_CUT = 'half a character just before “…” (shorten() cut inside it)';

function malformedStrings(value: unknown, path: string, problems: string[]): void {
  if (typeof value === 'string') {
    const lone = value.replace(CUT_BEFORE_ELLIPSIS, '…');
    if (LONE_SURROGATE.test(lone)) problems.push(`${path} contains a lone surrogate (half of a character)`);
    else if (lone !== value) problems.push(`${path} contains ${SHORTEN_CUT}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => malformedStrings(item, `${path}[${index}]`, problems));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) malformedStrings(item, path ? `${path}.${key}` : key, problems);
  }
}

class Problems {
  readonly list: string[] = [];
  max(what: string, value: string | unknown[] | undefined | null, limit: number) {
    const length = value?.length ?? 0;
    if (length > limit) this.list.push(`${what} is ${length} long (limit ${limit})`);
  }
  between(what: string, value: string | undefined | null, min: number, limit: number) {
    const length = value?.length ?? 0;
    if (length < min || length > limit) this.list.push(`${what} is ${length} long (must be ${min}–${limit})`);
  }
  check(ok: boolean, problem: string) {
    if (!ok) this.list.push(problem);
  }
}

function checkSelect(select: Json, at: string, p: Problems, customIds: string[]) {
  const options = list(select.options).filter(isObject);
  p.between(`${at}.custom_id`, text(select.custom_id), 1, DISCORD.customId);
  customIds.push(text(select.custom_id));
  p.check(options.length >= 1, `${at} has no options`);
  p.max(`${at}.options`, options, DISCORD.selectOptions);
  p.max(`${at}.placeholder`, text(select.placeholder), DISCORD.selectPlaceholder);
  options.forEach((option, index) => {
    p.between(`${at}.options[${index}].label`, text(option.label), 1, DISCORD.selectOptionText);
    p.between(`${at}.options[${index}].value`, text(option.value), 1, DISCORD.selectOptionText);
    p.max(`${at}.options[${index}].description`, text(option.description), DISCORD.selectOptionText);
  });
  const values = new Set(options.map((option) => option.value));
  p.check(values.size === options.length, `${at} has duplicate option values`);
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  p.check(min >= 0 && min <= 25 && max >= 1 && max <= 25 && min <= max, `${at} min_values ${min} / max_values ${max} out of range`);
  p.check(max <= options.length, `${at}.max_values ${max} exceeds its ${options.length} options`);
  p.check(options.filter((option) => option.default === true).length <= max, `${at} preselects more options than max_values`);
}

function checkMessage(body: Json, p: Problems) {
  const content = text(body.content);
  const embeds = list(body.embeds).filter(isObject);
  const rows = list(body.components).filter(isObject);
  p.max('content', content, DISCORD.content);
  p.check(content.trim() !== '' || embeds.length > 0 || rows.length > 0, 'the message is empty');
  p.max('embeds', embeds, DISCORD.embeds);
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embeds[${index}]`;
    const fields = list(embed.fields).filter(isObject);
    const footer = isObject(embed.footer) ? text(embed.footer.text) : '';
    const author = isObject(embed.author) ? text(embed.author.name) : '';
    p.max(`${at}.title`, text(embed.title), DISCORD.embedTitle);
    p.max(`${at}.description`, text(embed.description), DISCORD.embedDescription);
    p.max(`${at}.fields`, fields, DISCORD.embedFields);
    fields.forEach((field, fieldIndex) => {
      p.between(`${at}.fields[${fieldIndex}].name`, text(field.name), 1, DISCORD.fieldName);
      p.between(`${at}.fields[${fieldIndex}].value`, text(field.value), 1, DISCORD.fieldValue);
    });
    p.max(`${at}.footer.text`, footer, DISCORD.footerText);
    p.max(`${at}.author.name`, author, DISCORD.authorName);
    const size =
      text(embed.title).length +
      text(embed.description).length +
      footer.length +
      author.length +
      fields.reduce((sum, field) => sum + text(field.name).length + text(field.value).length, 0);
    p.check(size > 0 || isObject(embed.image) || isObject(embed.thumbnail), `${at} is empty`);
    total += size;
  });
  p.check(total <= DISCORD.embedTotal, `the embeds total ${total} characters (limit ${DISCORD.embedTotal})`);
  p.max('action rows', rows, DISCORD.actionRows);
  const customIds: string[] = [];
  rows.forEach((row, rowIndex) => {
    const components = list(row.components).filter(isObject);
    p.check(row.type === 1, `components[${rowIndex}] is not an action row`);
    p.check(components.length >= 1, `components[${rowIndex}] is an empty action row`);
    const buttons = components.filter((component) => component.type === 2);
    p.max(`components[${rowIndex}] buttons`, buttons, DISCORD.buttonsPerRow);
    p.check(buttons.length === components.length || components.length === 1, `components[${rowIndex}] mixes a select with other components`);
    components.forEach((component, index) => {
      const at = `components[${rowIndex}].components[${index}]`;
      if (component.type === 2) {
        p.max(`${at}.label`, text(component.label), DISCORD.buttonLabel);
        p.check(text(component.label) !== '' || component.emoji !== undefined, `${at} has neither label nor emoji`);
        if (component.style === 5) p.check(text(component.url) !== '', `${at} is a link button without a url`);
        else {
          p.between(`${at}.custom_id`, text(component.custom_id), 1, DISCORD.customId);
          customIds.push(text(component.custom_id));
        }
      } else if (component.type === 3) {
        checkSelect(component, at, p, customIds);
      } else {
        p.check(false, `${at} has type ${String(component.type)}, not allowed in a message action row`);
      }
    });
  });
  p.check(new Set(customIds).size === customIds.length, `duplicate custom_ids: ${customIds.join(', ')}`);
}

function checkModal(body: Json, p: Problems) {
  p.between('modal custom_id', text(body.custom_id), 1, DISCORD.customId);
  p.between('modal title', text(body.title), 1, DISCORD.modalTitle);
  const components = list(body.components).filter(isObject);
  p.check(components.length >= 1, 'the modal has no components');
  p.max('modal components', components, DISCORD.modalComponents);
  const customIds: string[] = [];
  components.forEach((component, index) => {
    const at = `modal.components[${index}]`;
    let input: Json | undefined;
    if (component.type === 18) {
      p.between(`${at}.label`, text(component.label), 1, DISCORD.labelText);
      p.max(`${at}.description`, text(component.description), DISCORD.labelDescription);
      input = isObject(component.component) ? component.component : undefined;
    } else if (component.type === 1) {
      const inner = list(component.components).filter(isObject);
      p.check(inner.length === 1, `${at} must hold exactly one text input`);
      input = inner[0];
      if (input) p.between(`${at} text input label`, text(input.label), 1, DISCORD.labelText);
    } else {
      p.check(false, `${at} has type ${String(component.type)}, not allowed in a modal`);
    }
    if (!input) return p.check(false, `${at} holds no input`);
    const inputAt = `${at}.component`;
    if (input.type === 4) {
      p.between(`${inputAt}.custom_id`, text(input.custom_id), 1, DISCORD.customId);
      customIds.push(text(input.custom_id));
      p.check(input.style === 1 || input.style === 2, `${inputAt}.style must be 1 or 2`);
      const max = typeof input.max_length === 'number' ? input.max_length : DISCORD.textInputValue;
      const min = typeof input.min_length === 'number' ? input.min_length : 0;
      p.check(max >= 1 && max <= DISCORD.textInputValue && min >= 0 && min <= max, `${inputAt} min_length ${min} / max_length ${max} out of range`);
      p.max(`${inputAt}.value`, text(input.value), Math.min(max, DISCORD.textInputValue));
      p.max(`${inputAt}.placeholder`, text(input.placeholder), DISCORD.textInputPlaceholder);
    } else if (input.type === 3) {
      checkSelect(input, inputAt, p, customIds);
    } else {
      p.check(false, `${inputAt} has type ${String(input.type)}, not an input a modal takes`);
    }
  });
  p.check(new Set(customIds).size === customIds.length, `duplicate modal custom_ids: ${customIds.join(', ')}`);
}

function checkAutocomplete(body: { choices: Json[] }, p: Problems) {
  p.max('autocomplete choices', body.choices, DISCORD.autocompleteChoices);
  body.choices.forEach((choice, index) => {
    p.between(`choices[${index}].name`, text(choice.name), 1, DISCORD.choiceName);
    if (typeof choice.value === 'string') p.between(`choices[${index}].value`, choice.value, 1, DISCORD.choiceValue);
    else p.check(typeof choice.value === 'number', `choices[${index}].value is neither a string nor a number`);
  });
}

/** Every way the payload breaks Discord's limits (or would be refused as malformed); empty when it fits. */
export function discordProblems(payload: WirePayload): string[] {
  const p = new Problems();
  if (payload.kind === 'message') checkMessage(payload.body, p);
  else if (payload.kind === 'modal') checkModal(payload.body, p);
  else checkAutocomplete(payload.body, p);
  malformedStrings(payload.body, '', p.list);
  return p.list;
}

/** Why a message payload could ping someone: empty when `allowed_mentions` is `{ parse: [] }` and nothing more. */
export function pingProblems(payload: WirePayload): string[] {
  if (payload.kind !== 'message') return [];
  const mentions = payload.body.allowed_mentions;
  if (!isObject(mentions)) return ['the message has no allowed_mentions: Discord would parse every mention in it'];
  const problems: string[] = [];
  if (!Array.isArray(mentions.parse) || mentions.parse.length > 0) problems.push(`allowed_mentions.parse is ${JSON.stringify(mentions.parse)}, not []`);
  if (list(mentions.users).length > 0) problems.push('allowed_mentions.users lists users');
  if (list(mentions.roles).length > 0) problems.push('allowed_mentions.roles lists roles');
  if (mentions.replied_user === true) problems.push('allowed_mentions.replied_user is true');
  return problems;
}

/** The payload's JSON with long strings elided, for a failure message. */
export function describePayload(payload: WirePayload): string {
  const json = JSON.stringify(payload.body, (_key, item: unknown) =>
    typeof item === 'string' && item.length > 300 ? `${item.slice(0, 200)}…(${item.length} chars)…${item.slice(-60)}` : item,
  );
  return json.length > 1500 ? `${json.slice(0, 1500)}…` : json;
}

/** Throws, naming every problem, unless the payload fits Discord's limits. */
export function assertFitsDiscord(payload: WirePayload): void {
  const problems = discordProblems(payload);
  if (problems.length) throw new Error(`The ${payload.kind} payload does not fit Discord:\n  - ${problems.join('\n  - ')}\n${describePayload(payload)}`);
}

/** Throws unless a message payload switches every ping off. */
export function assertNoPings(payload: WirePayload): void {
  const problems = pingProblems(payload);
  if (problems.length) throw new Error(`The ${payload.kind} payload could ping:\n  - ${problems.join('\n  - ')}\n${describePayload(payload)}`);
}
