import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { safe } from '../briefing/format.js';
import { claimBlock } from '../briefing/render/claims.js';
import { form, textField } from '../briefing/render/forms.js';
import { UserError, type Reply } from '../briefing/reply.js';
import { shortKey } from '../briefing/short-key.js';
import { storyLookup } from '../briefing/story-lookup.js';
import { addClaim, addClaimAccount } from '../data/mutations.js';
import type { Claim, ClaimAccount, DisputeKind } from '../data/schema.js';
import { suggestDisputeKind } from '../data/dispute-kind.js';

const DISPUTE_KINDS: readonly DisputeKind[] = ['conflict', 'detail', 'agree'];
const DISPUTE_KIND_LABELS: Record<DisputeKind, string> = { conflict: 'accounts conflict', detail: 'accounts differ in detail', agree: 'sources agree' };
import { answerPreviewButton, answerRevision, previewWrite, refusalsAsUserErrors } from './pending.js';
import { requireEditor } from './rights.js';
import { autocompleteNames, storyByKey, storyFor, storyOption } from './shared.js';
import { customId, stringOption, type Answer, type CommandContext, type CommandInput, type ModalFields } from './types.js';
import { byKey, eventOption, fieldText, sideOption, sourceOption } from './write-options.js';
import { draftOf } from '../data/draft.js';

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
  .toJSON();

export const autocomplete = autocompleteNames({ side: 'side', source: 'source', event: 'event', claim: 'claim' });

const accountFields = (values: ModalFields) => [
  textField({ id: 'position', label: 'Position, in a few words', maxLength: 80, value: fieldText(values, 'position'), placeholder: 'e.g. chargé d’affaires' }),
  textField({ id: 'account', label: 'The account (quotes verbatim)', long: true, maxLength: 1000, value: fieldText(values, 'account') }),
  textField({ id: 'via', label: 'Relayed from (optional)', required: false, maxLength: 200, value: fieldText(values, 'via') }),
];

const claimForm = (id: string, values: ModalFields = {}) =>
  form(id, 'Add a disputed point', [textField({ id: 'question', label: 'The question', maxLength: 200, value: fieldText(values, 'question') }), ...accountFields(values)]);
const accountForm = (id: string, values: ModalFields = {}) => form(id, 'Add an account', accountFields(values));

export function execute(input: CommandInput, context: CommandContext): Answer {
  requireEditor(context);
  const story = storyFor(input, context);
  const source = sourceOption(story, input, context);
  const side = sideOption(story, input);
  if (input.subcommand === 'account') {
    const claim = context.store.read().claims.find((c) => c.id === stringOption(input, 'claim') && c.storyId === story.id);
    if (!claim) throw new UserError('Choose the question from the list (start a new one with `/claim add`).');
    const kind = DISPUTE_KINDS.find((candidate) => candidate === stringOption(input, 'kind'));
    return { modal: accountForm(customId('claim', 'account', shortKey(story.id), shortKey(claim.id), shortKey(source.id), side && shortKey(side.id), kind)) };
  }
  const event = eventOption(story, input, context);
  return { modal: claimForm(customId('claim', 'add', shortKey(story.id), shortKey(source.id), side && shortKey(side.id), event && shortKey(event.id))) };
}

export function modalSubmit([mode = '', ...args]: string[], fields: ModalFields, context: CommandContext): Reply {
  if (mode === 'revise') return answerRevision(args[0] ?? '', fields, context);
  requireEditor(context);
  const data = context.store.read();
  if (mode === 'account') {
    const [storyKey, claimKey, sourceKey, sideKey, kindArg] = args;
    const story = storyByKey(storyKey, context);
    const claimId = byKey(data.claims, claimKey, 'question').id;
    const fixed = { sourceId: byKey(data.sources, sourceKey, 'source').id, sideId: sideKey ? byKey(story.sides, sideKey, 'side').id : undefined };
    return previewAccount(claimId, fixed, fields, context, undefined, DISPUTE_KINDS.find((kind) => kind === kindArg));
  }
  const [storyKey, sourceKey, sideKey, eventKey] = args;
  const story = storyByKey(storyKey, context);
  const fixed = {
    storyId: story.id,
    sourceId: byKey(data.sources, sourceKey, 'source').id,
    sideId: sideKey ? byKey(story.sides, sideKey, 'side').id : undefined,
    eventId: eventKey ? byKey(data.events, eventKey, 'event').id : undefined,
  };
  return previewClaim(fixed, fields, context);
}

export function component([action = '', draftId = '']: string[], context: CommandContext): Promise<Answer> {
  return answerPreviewButton(action, draftId, context);
}

function accountFrom(fixed: Pick<ClaimAccount, 'sourceId' | 'sideId'>, fields: ModalFields): ClaimAccount {
  const position = fieldText(fields, 'position');
  const text = fieldText(fields, 'account');
  if (!position || !text) throw new UserError('The position and the account are both needed.');
  return { position, text, sourceId: fixed.sourceId, sideId: fixed.sideId, via: fieldText(fields, 'via') };
}

function previewClaim(fixed: { storyId: string; sourceId: string; sideId?: string; eventId?: string }, fields: ModalFields, context: CommandContext, draftId?: string): Reply {
  const question = fieldText(fields, 'question');
  if (!question) throw new UserError('The question is needed.');
  const claimFields = {
    storyId: fixed.storyId,
    eventId: fixed.eventId,
    question,
    kind: 'agree' as const,
    accounts: [accountFrom(fixed, fields)],
  };
  const checked = refusalsAsUserErrors(() => addClaim(draftOf(context.store.read()), claimFields, context));
  return previewWrite(
    'claim',
    {
      heading: 'Preview of the new disputed point',
      embeds: [claimEmbed(checked, context)],
      warnings: ['Add the other accounts with `/claim account`: its preview suggests whether they conflict, differ in detail or agree, and its `kind:` sets it.'],
      apply: (draft, author) => `Saved **${safe(addClaim(draft, claimFields, author).question)}**.`,
      reopen: (id) => claimForm(customId('claim', 'revise', id), fields),
      revise: (revised, id) => previewClaim(fixed, revised, context, id),
    },
    context,
    draftId,
  );
}

function previewAccount(
  claimId: string,
  fixed: Pick<ClaimAccount, 'sourceId' | 'sideId'>,
  fields: ModalFields,
  context: CommandContext,
  draftId?: string,
  kind?: DisputeKind,
): Reply {
  const account = accountFrom(fixed, fields);
  const checked = refusalsAsUserErrors(() => addClaimAccount(draftOf(context.store.read()), claimId, account, context, kind));
  const suggested = suggestDisputeKind(checked.accounts);
  return previewWrite(
    'claim',
    {
      heading: 'Preview of the question with the new account',
      embeds: [claimEmbed(checked, context)],
      warnings: [
        kind
          ? `Kind: ${DISPUTE_KIND_LABELS[kind]}, as you set it${kind === suggested ? '' : ` (the positions suggest: ${DISPUTE_KIND_LABELS[suggested]})`}.`
          : `Kind: ${DISPUTE_KIND_LABELS[checked.kind]}. The positions suggest: ${DISPUTE_KIND_LABELS[suggested]}. Set \`kind:\` to choose another.`,
      ],
      apply: (draft, author) => `Added an account to **${safe(addClaimAccount(draft, claimId, account, author, kind).question)}**.`,
      reopen: (id) => accountForm(customId('claim', 'revise', id), fields),
      revise: (revised, id) => previewAccount(claimId, fixed, revised, context, id, kind),
    },
    context,
    draftId,
  );
}

function claimEmbed(claim: Claim, context: CommandContext) {
  const lookup = storyLookup(context.store.read(), storyByKey(shortKey(claim.storyId), context));
  return { description: claimBlock(claim, lookup.sides, lookup.citationNumbers).text };
}
