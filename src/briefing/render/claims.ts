import type { Claim, Side } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { citation, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import type { OpenItem, PageOptions } from './components.js';
import { correctedMark, retractionLine } from '../query/corrections.js';
import { renderPagedDocument, type Block } from './document.js';
import { figureLedger } from './figures.js';

/**
 * A question on which accounts may differ, headed by how they relate (conflict, detail, agree): one
 * line per account with its side and source, the claim's note, then which sources share a position.
 */
export function claimBlock(
  claim: Claim,
  sides: ReadonlyMap<string, Side>,
  numbers: ReadonlyMap<string, number>,
  m: Messages = messagesFor('en'),
  /** When the claim was last corrected, for its mark. */
  correctedAt?: string,
  /** The sources' outlets by id, naming the claimants of the figures' ledger. */
  outlets: ReadonlyMap<string, string> = new Map(),
): Block {
  const key = `${m.language}${claim.kind}${correctedAt ?? ''}${claim.accounts.map((account) => `|${numbers.get(account.sourceId)}|${account.sideId ? sides.get(account.sideId)?.name : ''}|${account.figures ? outlets.get(account.sourceId) : ''}`).join('')}`;
  const known = blocks.get(claim);
  if (known?.key === key) return known.block;
  const block = writeClaimBlock(claim, sides, numbers, m, correctedAt, outlets);
  if (Object.isFrozen(claim)) blocks.set(claim, { key, block });
  return block;
}

/** Stored claims never change (a write replaces them): each one's block is written once per language, citation numbers and side names. */
const blocks = new WeakMap<Claim, { key: string; block: Block }>();

function writeClaimBlock(claim: Claim, sides: ReadonlyMap<string, Side>, numbers: ReadonlyMap<string, number>, m: Messages, correctedAt: string | undefined, outlets: ReadonlyMap<string, string>): Block {
  const status = claim.kind === 'conflict' ? `⚠️ ${m.disputeKind.conflict}` : m.disputeKind[claim.kind];
  const accounts = claim.accounts.map((account) => {
    const side = account.sideId ? sides.get(account.sideId) : undefined;
    const via = account.via ? ` · ${isolate(safe(account.via), m)}` : '';
    const who = side ? ` — ${isolate(safe(side.name), m)}` : '';
    return `• *${isolate(safe(account.position), m)}*${who}: ${isolate(safe(account.text), m)} [${numbers.get(account.sourceId)}]${via}`;
  });
  return {
    text: [
      ...(claim.retraction ? [retractionLine(claim.retraction, m)] : []),
      `**${isolate(safe(claim.question), m)}** · ${status}${correctedMark(correctedAt, m)}`,
      ...accounts,
      ...figureLedger(claim, sides, outlets, m),
      ...(claim.note ? [`-# ${isolate(safe(claim.note), m)}`] : []),
      ...agreement(claim, numbers, m),
    ].join('\n'),
    sourceIds: claim.accounts.map((account) => account.sourceId),
  };
}

/**
 * Which sources give the same position. Said as agreement only on a claim whose kind is `agree`: on one
 * whose accounts conflict or differ, it names the sources behind a shared position, never "agree".
 */
function agreement(claim: Claim, numbers: ReadonlyMap<string, number>, m: Messages): string[] {
  const byPosition = new Map<string, Set<number>>();
  for (const account of claim.accounts) {
    const set = byPosition.get(account.position) ?? new Set<number>();
    set.add(numbers.get(account.sourceId)!);
    byPosition.set(account.position, set);
  }
  const agreeing = [...byPosition].filter(([, sources]) => sources.size > 1);
  if (agreeing.length === 0) return [];
  const line = claim.kind === 'agree' ? m.sourcesAgree : m.samePosition;
  return [`-# ${agreeing.map(([position, sources]) => line(citation(sources), isolate(safe(position), m))).join('; ')}`];
}

/** A claim as the select menu under `/claims` offers it: its question, and how its accounts relate. */
export function claimItem(claim: Claim, m: Messages): OpenItem {
  return { kind: 'claim', id: claim.id, label: claim.question, description: m.disputeKind[claim.kind] };
}

/** The `/claims` reply: each question, every account with its source, and which sources agree. */
export function renderClaims(claims: readonly Claim[], lookup: StoryLookup, options: PageOptions): Reply {
  const m = options.messages ?? messagesFor('en');
  const title = isolate(safe(lookup.story.title), m);
  if (claims.length === 0) return notice(m.noClaims(title));
  const disputed = claims.filter((claim) => claim.kind === 'conflict').length;
  return renderPagedDocument(
    {
      title: m.claimsTitle(title),
      blocks: claims.map((claim) => ({
        ...claimBlock(claim, lookup.sides, lookup.citationNumbers, m, lookup.correctedAt('claim', claim), outletsOf(lookup)),
        open: claimItem(claim, m),
      })),
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: m.disputedOf(disputed, claims.length),
      separator: '\n\n',
      openPlaceholder: m.openClaim,
    },
    options,
  );
}

const outletMaps = new WeakMap<StoryLookup, ReadonlyMap<string, string>>();

/** The story's outlets by source id (for the figures' ledger), once per lookup. */
export function outletsOf(lookup: StoryLookup): ReadonlyMap<string, string> {
  let outlets = outletMaps.get(lookup);
  if (!outlets) outletMaps.set(lookup, (outlets = new Map(lookup.sources.map((source) => [source.id, source.outlet]))));
  return outlets;
}
