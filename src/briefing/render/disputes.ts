import type { Claim, Side } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { safe } from './format.js';

/** A disputed question in pieces, each already inert and isolated: what a one-line summary is made of. */
export interface DisputeParts {
  /** `**Who did Iran summon?**` */
  question: string;
  /** One per position, in the order the accounts give them: `chargé d'affaires — PressTV, via Middle East Monitor`. */
  accounts: string[];
  /** `⚠️ accounts conflict` or `accounts differ in detail` (or `sources agree`). */
  kind: string;
}

/**
 * The pieces of a question's one-line summary: each position once, with everyone who gives it. A claimant is
 * the account's side, else whoever the report relays (`via`), else the report's outlet; `full` adds the report
 * to a side ("Pakistan, via Middle East Monitor"), as the figures' ledger names claimants.
 */
export function disputeParts(
  claim: Pick<Claim, 'question' | 'accounts' | 'kind'>,
  sides: ReadonlyMap<string, Pick<Side, 'name'>>,
  outlets: ReadonlyMap<string, string>,
  m: Messages = messagesFor('en'),
  { full = true }: { full?: boolean } = {},
): DisputeParts {
  const byPosition = new Map<string, string[]>();
  for (const account of claim.accounts) {
    const reporter = account.via ?? outlets.get(account.sourceId) ?? account.sourceId;
    const side = account.sideId ? sides.get(account.sideId) : undefined;
    const claimant = side
      ? full
        ? m.figureVia(isolate(safe(side.name), m), isolate(safe(reporter), m))
        : isolate(safe(side.name), m)
      : isolate(safe(reporter), m);
    const claimants = byPosition.get(account.position) ?? [];
    if (!claimants.includes(claimant)) claimants.push(claimant);
    byPosition.set(account.position, claimants);
  }
  return {
    question: `**${isolate(safe(claim.question), m)}**`,
    accounts: [...byPosition].map(([position, claimants]) => `${isolate(safe(position), m)} — ${claimants.join('; ')}`),
    kind: claim.kind === 'conflict' ? `⚠️ ${m.disputeKind.conflict}` : m.disputeKind[claim.kind],
  };
}

/**
 * One line per disputed question, each account with its claimant and the kind shown:
 * `**Who did Iran summon?** chargé d'affaires — PressTV, via Middle East Monitor · ambassador — World News DESK (⚠️ accounts conflict)`.
 */
export function disputeLine(
  claim: Pick<Claim, 'question' | 'accounts' | 'kind'>,
  sides: ReadonlyMap<string, Pick<Side, 'name'>>,
  outlets: ReadonlyMap<string, string>,
  m: Messages = messagesFor('en'),
  options: { full?: boolean } = {},
): string {
  const parts = disputeParts(claim, sides, outlets, m, options);
  return `${parts.question} ${parts.accounts.join(' · ')} (${parts.kind})`;
}
