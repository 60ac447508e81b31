import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/render/format.js';
import { claimBlock, outletsOf } from '../briefing/render/claims.js';
import { figuresText, parseFigures } from '../briefing/input/figures-input.js';
import { form, textField } from '../briefing/render/forms.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { shortKey } from './short-key.js';
import { storyLookup } from '../briefing/query/story-lookup.js';
import { addClaim, addClaimAccount, editClaimAccount, editRecord, retractRecord, revisionOf } from '../data/mutations.js';
import { ClaimAccountSchema, ClaimRecordSchema, DisputeKindSchema, type Claim, type ClaimAccount, type DisputeKind, type StoreData, type Story } from '../data/schema.js';
import { editKind, openEdit, retractKind, shortLabel, type EditSpec, type RetractPayload, type RetractSpec } from './corrections.js';
import { suggestDisputeKind } from '../data/dispute-kind.js';
import { z } from 'zod';
import { answerPreviewButton, answerRevision, previewKind, refusalsAsUserErrors, showPreview, previewButtonId, reviseFormId, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, clip, readerMessages, storyByKey, storyFor, storyOption } from './shared.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import type { Answer, CommandContext, CommandInput, ModalFields } from './types.js';
import { byKey, eventOption, fieldText, formValues, FormValuesSchema, sideOption, sourceOption, retractSubcommand } from './write-options.js';
import { draftOf } from '../data/draft.js';
import { defineOptions, parseArgs, type ArgumentsOf } from './args.js';
import { componentCodec, FORM_GONE } from './codec.js';

const DISPUTE_KINDS: readonly DisputeKind[] = ['conflict', 'detail', 'agree'];
const DISPUTE_KIND_LABELS: Record<DisputeKind, string> = { conflict: 'accounts conflict', detail: 'accounts differ in detail', agree: 'sources agree' };

/** A moderator command: registered only in the editorial servers (`npm run deploy`). */
export const scope = 'editorial';

export const data = new SlashCommandBuilder()
  .setName('claim')
  .setDescription('Moderators: record a disputed point and each account of it')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('A new question with its first account (opens a form)')
      .addStringOption((o) => o.setName('source').setDescription('The report giving this account').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('side').setDescription('Whose account it is, if a side’s').setAutocomplete(true))
      .addStringOption((o) => o.setName('event').setDescription('The event it is about').setAutocomplete(true))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('account')
      .setDescription('Another account of an existing question (opens a form)')
      .addStringOption((o) => o.setName('claim').setDescription('The question').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('source').setDescription('The report giving this account').setAutocomplete(true).setRequired(true))
      .addStringOption((o) => o.setName('side').setDescription('Whose account it is, if a side’s').setAutocomplete(true))
      .addStringOption((o) =>
        o
          .setName('kind')
          .setDescription('How the accounts relate (the preview suggests one when left out)')
          .addChoices(...DISPUTE_KINDS.map((kind) => ({ name: DISPUTE_KIND_LABELS[kind], value: kind }))),
      )
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('edit')
      .setDescription('Correct a question: its wording, note or kind (opens a form)')
      .addStringOption((o) => o.setName('id').setDescription('The question').setAutocomplete(true).setRequired(true))
      .addStringOption((o) =>
        o
          .setName('kind')
          .setDescription('How the accounts relate')
          .addChoices(...DISPUTE_KINDS.map((kind) => ({ name: DISPUTE_KIND_LABELS[kind], value: kind }))),
      )
      .addStringOption((o) => o.setName('reason').setDescription('Why, for readers: shown with the correction').setMaxLength(300))
      .addStringOption(storyOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('account-edit')
      .setDescription('Correct one account of a question (opens a form)')
      .addStringOption((o) => o.setName('claim').setDescription('The question').setAutocomplete(true).setRequired(true))
      .addIntegerOption((o) => o.setName('account').setDescription('Which account: 1 for the first, as /claims lists them').setMinValue(1).setMaxValue(20).setRequired(true))
      .addStringOption((o) => o.setName('source').setDescription('Cite another report instead').setAutocomplete(true))
      .addStringOption((o) => o.setName('side').setDescription('Whose account it is, if it changed').setAutocomplete(true))
      .addStringOption((o) => o.setName('reason').setDescription('Why, for readers: shown with the correction').setMaxLength(300))
      .addStringOption(storyOption),
  )
  .addSubcommand(retractSubcommand('Retract a question: kept, reachable by id, gone from every list', 'The question'))
  .toJSON();

/** What `data` registers, as typed args read (checked against `data` by tests/commands/args.test.ts). */
export const options = defineOptions({
  add: { source: 'string!', side: 'string', event: 'string', story: 'string' },
  account: { claim: 'string!', source: 'string!', side: 'string', kind: 'string', story: 'string' },
  edit: { id: 'string!', kind: 'string', reason: 'string', story: 'string' },
  'account-edit': { claim: 'string!', account: 'integer!', source: 'string', side: 'string', reason: 'string', story: 'string' },
  retract: { id: 'string!', reason: 'string!', story: 'string' },
});

/** The forms: `claim:add:<story>:<source>:<side>:<event>` and `claim:account:<story>:<claim>:<source>:<side>:<kind>` (short keys). */
const addFormId = componentCodec('claim', ['story', 'source', 'side', 'event'], { tag: 'add', refusal: FORM_GONE });
const accountFormId = componentCodec('claim', ['story', 'claim', 'source', 'side', 'kind'], { tag: 'account', refusal: FORM_GONE });

export const autocomplete = autocompleteNames({ side: 'side', source: 'source', event: 'event', claim: 'claim', id: 'claim' });

const accountFields = (values: ModalFields, { moderation: m }: Messages = en) => [
  textField({ id: 'position', label: m.positionLabel, maxLength: 80, value: fieldText(values, 'position'), placeholder: 'e.g. chargé d’affaires' }),
  textField({ id: 'account', label: m.accountLabel, long: true, maxLength: 1000, value: fieldText(values, 'account') }),
  textField({ id: 'via', label: m.accountViaLabel, required: false, maxLength: 200, value: fieldText(values, 'via') }),
  textField({ id: 'figures', label: m.figuresLabel, long: true, required: false, maxLength: 1000, value: fieldText(values, 'figures'), placeholder: 'killed: at least 9 people\ninjured: several' }),
];

const claimForm = (id: string, values: ModalFields = {}, messages: Messages = en) =>
  form(id, messages.moderation.addClaimTitle, [textField({ id: 'question', label: messages.moderation.questionLabel, maxLength: 200, value: fieldText(values, 'question') }), ...accountFields(values, messages)]);
const accountForm = (id: string, values: ModalFields = {}, messages: Messages = en) => form(id, messages.moderation.addAccountTitle, accountFields(values, messages));

export async function execute(input: CommandInput, context: CommandContext): Promise<Answer> {
  const args = parseArgs(options, input);
  requireEditor(context);
  const story = storyFor(args, context);
  if (input.subcommand === 'edit' || input.subcommand === 'retract' || input.subcommand === 'account-edit') return correct(input, args, story, context);
  const source = sourceOption(story, args, context);
  const side = sideOption(story, args);
  if (input.subcommand === 'account') {
    const claim = context.store.read().claims.find((c) => c.id === args.claim && c.storyId === story.id);
    if (!claim) throw new UserError(readerMessages(context).moderation.chooseQuestion);
    const kind = DISPUTE_KINDS.find((candidate) => candidate === args.kind);
    return { modal: accountForm(accountFormId.encode({ story: shortKey(story.id), claim: shortKey(claim.id), source: shortKey(source.id), side: side && shortKey(side.id), kind }), {}, readerMessages(context)) };
  }
  const event = eventOption(story, args, context);
  return { modal: claimForm(addFormId.encode({ story: shortKey(story.id), source: shortKey(source.id), side: side && shortKey(side.id), event: event && shortKey(event.id) }), {}, readerMessages(context)) };
}

export async function modalSubmit(parts: string[], fields: ModalFields, context: CommandContext): Promise<Reply> {
  if (reviseFormId('claim').matches(parts)) return answerRevision(reviseFormId('claim').decode(parts).preview, fields, context, KINDS);
  requireEditor(context);
  const data = context.store.read();
  if (accountFormId.matches(parts)) {
    const { story: storyKey, claim: claimKey, source: sourceKey, side: sideKey, kind: kindArg } = accountFormId.decode(parts);
    const story = storyByKey(storyKey, context);
    const claimId = byKey(data.claims, claimKey, 'question').id;
    const fixed = { sourceId: byKey(data.sources, sourceKey, 'source').id, sideId: sideKey ? byKey(story.sides, sideKey, 'side').id : undefined };
    const kind = DISPUTE_KINDS.find((candidate) => candidate === kindArg);
    return showPreview('claim.account', accountPayload(claimId, fixed, fields, kind), context, KINDS);
  }
  const { story: storyKey, source: sourceKey, side: sideKey, event: eventKey } = addFormId.decode(parts);
  const story = storyByKey(storyKey, context);
  const fixed = {
    storyId: story.id,
    sourceId: byKey(data.sources, sourceKey, 'source').id,
    sideId: sideKey ? byKey(story.sides, sideKey, 'side').id : undefined,
    eventId: eventKey ? byKey(data.events, eventKey, 'event').id : undefined,
  };
  return showPreview('claim.add', claimPayload(fixed, fields), context, KINDS);
}

export function component(parts: string[], context: CommandContext): Promise<Answer> {
  const { action, preview } = previewButtonId('claim').decode(parts);
  return answerPreviewButton(action, preview, context, KINDS);
}

function accountFrom(fixed: Pick<ClaimAccount, 'sourceId' | 'sideId'>, fields: ModalFields): ClaimAccount {
  const position = fieldText(fields, 'position');
  const text = fieldText(fields, 'account');
  if (!position || !text) throw new UserError('The position and the account are both needed.');
  return { position, text, sourceId: fixed.sourceId, sideId: fixed.sideId, via: fieldText(fields, 'via'), figures: parseFigures(fieldText(fields, 'figures')) };
}

const ClaimPayloadSchema = z.strictObject({ claim: ClaimRecordSchema.omit({ id: true }), form: FormValuesSchema });
type ClaimPayload = z.infer<typeof ClaimPayloadSchema>;
/** `kind`: how the accounts relate, when the moderator set it (`/claim account kind:`); else the store's rule applies. */
const AccountPayloadSchema = z.strictObject({ claimId: z.string(), account: ClaimAccountSchema, kind: DisputeKindSchema.optional(), form: FormValuesSchema });
type AccountPayload = z.infer<typeof AccountPayloadSchema>;

function claimPayload(fixed: { storyId: string; sourceId: string; sideId?: string; eventId?: string }, fields: ModalFields): ClaimPayload {
  const question = fieldText(fields, 'question');
  if (!question) throw new UserError('The question is needed.');
  const claim = { storyId: fixed.storyId, eventId: fixed.eventId, question, kind: 'agree' as const, accounts: [accountFrom(fixed, fields)] };
  return { claim, form: formValues(fields) };
}

function accountPayload(claimId: string, fixed: Pick<ClaimAccount, 'sourceId' | 'sideId'>, fields: ModalFields, kind?: DisputeKind): AccountPayload {
  return { claimId, account: accountFrom(fixed, fields), kind, form: formValues(fields) };
}

/** `/claim edit`, `/claim account-edit` and `/claim retract`. */
async function correct(input: CommandInput, args: ArgumentsOf<typeof options>, story: Story, context: CommandContext): Promise<Answer> {
  const id = (input.subcommand === 'account-edit' ? args.claim : args.id) ?? '';
  const claim = context.store.read().claims.find((candidate) => candidate.id === id && candidate.storyId === story.id);
  if (!claim) throw new UserError(`There is no question \`${clip(id, 100)}\` in **${safe(story.title)}**. Pick one from the list as you type. Nothing was changed.`);
  const reason = args.reason;
  if (input.subcommand === 'retract') return showPreview('claim.retract', { id: claim.id, reason: reason ?? '' } satisfies RetractPayload, context, KINDS);
  if (input.subcommand === 'edit') {
    const kind = DISPUTE_KINDS.find((candidate) => candidate === args.kind);
    return openEdit('claim.edit', CLAIM_EDIT, claim, { id: claim.id, baseRevision: revisionOf(claim), reason, fixed: kind ? { kind } : {} }, context, KINDS);
  }
  const account = args.account ?? 0;
  if (!claim.accounts[account - 1]) {
    throw new UserError(`**account**: this question has ${claim.accounts.length} account${claim.accounts.length === 1 ? '' : 's'}; choose 1 to ${claim.accounts.length}. Nothing was changed.`);
  }
  const fixed = {
    ...(args.source ? { sourceId: sourceOption(story, args, context).id } : {}),
    ...(args.side ? { sideId: sideOption(story, args)!.id } : {}),
  };
  return openEdit('claim.account-edit', ACCOUNT_EDIT, claim, { id: claim.id, baseRevision: revisionOf(claim), reason, account, fixed }, context, KINDS);
}

const claimLabel = (claim: Claim) => `“${shortLabel(claim.question)}” (\`${claim.id}\`)`;
const findClaim = (data: Readonly<StoreData>, id: string) => data.claims.find((claim) => claim.id === id);
const noteForm = (id: string, values: ModalFields, context?: CommandContext) =>
  ((m) => form(id, m.correctQuestionTitle, [
    textField({ id: 'question', label: m.questionLabel, maxLength: 200, value: fieldText(values, 'question') }),
    textField({ id: 'note', label: m.noteLabel, long: true, required: false, maxLength: 500, value: fieldText(values, 'note') }),
  ]))((context ? readerMessages(context) : en).moderation);

const CLAIM_EDIT: EditSpec<Claim> = {
  command: 'claim',
  noun: 'question',
  find: (data, { id }) => findClaim(data, id),
  label: claimLabel,
  apply: (draft, { id, changes, baseRevision, reason }, author) => editRecord(draft, 'claim', id, changes, baseRevision, author, reason) as Claim,
  embed: (claim, context) => claimEmbed(claim, context),
  form: noteForm,
  formValues: (claim) => ({ question: claim.question, note: claim.note ?? '' }),
  changesOf(fields) {
    const question = fieldText(fields, 'question');
    if (!question) throw new UserError('The question is needed. Nothing was changed.');
    return { question, note: fieldText(fields, 'note') ?? null };
  },
  current: (claim) => ({ ...claim }),
};

const ACCOUNT_EDIT: EditSpec<Claim> = {
  command: 'claim',
  noun: 'question',
  find: (data, { id }) => findClaim(data, id),
  label: (claim, { account }) => `account ${account} of ${claimLabel(claim)}`,
  apply: (draft, { id, account, changes, baseRevision, reason }, author) => editClaimAccount(draft, id, account ?? 0, changes, baseRevision, author, reason),
  embed: (claim, context) => claimEmbed(claim, context),
  form: (id, values, context) => ((messages) => form(id, messages.moderation.correctAccountTitle, accountFields(values, messages)))(context ? readerMessages(context) : en),
  formValues: (claim, { account }) => {
    const current = claim.accounts[(account ?? 0) - 1];
    return { position: current?.position ?? '', account: current?.text ?? '', via: current?.via ?? '', figures: figuresText(current?.figures) };
  },
  changesOf(fields) {
    const position = fieldText(fields, 'position');
    const text = fieldText(fields, 'account');
    if (!position || !text) throw new UserError('The position and the account are both needed. Nothing was changed.');
    return { position, text, via: fieldText(fields, 'via') ?? null, figures: parseFigures(fieldText(fields, 'figures')) ?? null };
  },
  current: (claim, { account }) => ({ ...claim.accounts[(account ?? 0) - 1] }),
};

const CLAIM_RETRACT: RetractSpec<Claim> = {
  command: 'claim',
  noun: 'question',
  find: findClaim,
  label: claimLabel,
  apply: (draft, id, reason, author) => retractRecord(draft, 'claim', id, reason, author) as Claim,
  embed: (claim, context) => claimEmbed(claim, context),
};

/** Its preview kinds; `/intake review` accepts proposals through the same render and apply (src/commands/intake.ts). */
export const KINDS: PreviewKinds = {
  'claim.edit': editKind(CLAIM_EDIT),
  'claim.account-edit': editKind(ACCOUNT_EDIT),
  'claim.retract': retractKind(CLAIM_RETRACT),
  'claim.add': previewKind<ClaimPayload>({
    command: 'claim',
    payload: ClaimPayloadSchema,
    render({ claim }, context) {
      const messages = readerMessages(context);
      const checked = refusalsAsUserErrors(() => addClaim(draftOf(context.store.read()), claim, context), messages);
      return {
        heading: messages.moderation.newClaimPreview,
        embeds: [claimEmbed(checked, context)],
        warnings: ['Add the other accounts with `/claim account`: its preview suggests whether they conflict, differ in detail or agree, and its `kind:` sets it.'],
      };
    },
    apply(draft, { claim }, author, messages = en) {
      const saved = addClaim(draft, claim, author);
      return { text: messages.moderation.savedClaim(isolate(safe(saved.question), messages)), recordId: saved.id };
    },
    reopen: ({ form }, formId, context) => claimForm(formId, form, readerMessages(context)),
    revise: ({ claim }, fields) => {
      const first = claim.accounts[0]!;
      return claimPayload({ storyId: claim.storyId, eventId: claim.eventId, sourceId: first.sourceId, sideId: first.sideId }, fields);
    },
  }),
  'claim.account': previewKind<AccountPayload>({
    command: 'claim',
    payload: AccountPayloadSchema,
    render({ claimId, account, kind }, context) {
      const messages = readerMessages(context);
      const checked = refusalsAsUserErrors(() => addClaimAccount(draftOf(context.store.read()), claimId, account, context, kind), messages);
      const suggested = suggestDisputeKind(checked.accounts);
      return {
        heading: messages.moderation.newAccountPreview,
        embeds: [claimEmbed(checked, context)],
        warnings: [
          kind
            ? `Kind: ${DISPUTE_KIND_LABELS[kind]}, as you set it${kind === suggested ? '' : ` (the positions suggest: ${DISPUTE_KIND_LABELS[suggested]})`}.`
            : `Kind: ${DISPUTE_KIND_LABELS[checked.kind]}. The positions suggest: ${DISPUTE_KIND_LABELS[suggested]}. Set \`kind:\` to choose another.`,
        ],
      };
    },
    apply(draft, { claimId, account, kind }, author, messages = en) {
      const saved = addClaimAccount(draft, claimId, account, author, kind);
      return { text: messages.moderation.addedAccount(isolate(safe(saved.question), messages)), recordId: saved.id };
    },
    reopen: ({ form }, formId, context) => accountForm(formId, form, readerMessages(context)),
    revise: ({ claimId, account, kind }, fields) => accountPayload(claimId, { sourceId: account.sourceId, sideId: account.sideId }, fields, kind),
  }),
};

function claimEmbed(claim: Claim, context: CommandContext) {
  const lookup = storyLookup(context.store.read(), storyByKey(shortKey(claim.storyId), context));
  return { description: claimBlock(claim, lookup.sides, lookup.citationNumbers, undefined, undefined, outletsOf(lookup)).text };
}
