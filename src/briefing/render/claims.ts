import type { Claim, Side } from '../../data/schema.js';
import { citation, safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import type { StoryLookup } from '../story-lookup.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument, type Block } from './document.js';

/**
 * A question on which accounts may differ: one line per account with its side and source, then
 * which sources agree (accounts sharing a position).
 */
export function claimBlock(claim: Claim, sides: ReadonlyMap<string, Side>, numbers: ReadonlyMap<string, number>): Block {
  const status = claim.status === 'disputed' ? '⚠️ disputed' : 'accounts agree';
  const accounts = claim.accounts.map((account) => {
    const side = account.sideId ? sides.get(account.sideId) : undefined;
    const via = account.via ? ` · ${safe(account.via)}` : '';
    const who = side ? ` — ${safe(side.name)}` : '';
    return `• *${safe(account.position)}*${who}: ${safe(account.text)} [${numbers.get(account.sourceId)}]${via}`;
  });
  return {
    text: [`**${safe(claim.question)}** · ${status}`, ...accounts, agreement(claim, numbers)].join('\n'),
    sourceIds: claim.accounts.map((account) => account.sourceId),
  };
}

function agreement(claim: Claim, numbers: ReadonlyMap<string, number>): string {
  const byPosition = new Map<string, Set<number>>();
  for (const account of claim.accounts) {
    const set = byPosition.get(account.position) ?? new Set<number>();
    set.add(numbers.get(account.sourceId)!);
    byPosition.set(account.position, set);
  }
  const agreeing = [...byPosition].filter(([, sources]) => sources.size > 1);
  if (agreeing.length === 0) return '-# No two sources agree on this.';
  return `-# ${agreeing.map(([position, sources]) => `${citation(sources)} agree: ${safe(position)}`).join('; ')}`;
}

/** The `/claims` reply: each question, every account with its source, and which sources agree. */
export function renderClaims(claims: readonly Claim[], lookup: StoryLookup, options: PageOptions): Reply {
  const title = safe(lookup.story.title);
  if (claims.length === 0) return notice(`No disputed points are recorded for **${title}**.`);
  const disputed = claims.filter((claim) => claim.status === 'disputed').length;
  return renderPagedDocument(
    {
      title: `Disputed points — ${title}`,
      blocks: claims.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers)),
      sourceLines: lookup.sourceLines,
      countLabel: `${disputed} disputed of ${claims.length} questions`,
      maxBlocksPerPage: 6,
      separator: '\n\n',
    },
    options,
  );
}
