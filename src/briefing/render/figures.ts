import type { Claim, FigureOutcome, Side } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { figureAmount } from '../input/figures-input.js';
import { safe } from './format.js';

const ORDER: readonly FigureOutcome[] = ['killed', 'injured', 'ill', 'missing', 'detained', 'displaced', 'casualties'];

/**
 * A claim's figures as a ledger per claimant, one line per outcome:
 * `Killed: 2 children — Pakistan, via Middle East Monitor · 2 people — World News DESK`. The claimant is the
 * account's side (with the report that carries it), else whoever relayed it (`via`), else the report itself.
 * Pure; every stored word is inert (`safe`) and isolated in a right-to-left reply.
 */
export function figureLedger(
  claim: Pick<Claim, 'accounts'>,
  sides: ReadonlyMap<string, Pick<Side, 'name'>>,
  outlets: ReadonlyMap<string, string>,
  m: Messages = messagesFor('en'),
): string[] {
  const byOutcome = new Map<FigureOutcome, string[]>();
  for (const account of claim.accounts) {
    if (!account.figures?.length) continue;
    const outlet = isolate(safe(account.via ?? outlets.get(account.sourceId) ?? account.sourceId), m);
    const side = account.sideId ? sides.get(account.sideId) : undefined;
    const claimant = side ? m.figureVia(isolate(safe(side.name), m), outlet) : outlet;
    for (const figure of account.figures) {
      const entries = byOutcome.get(figure.outcome) ?? [];
      entries.push(`${isolate(safe(figureAmount(figure)), m)} — ${claimant}`);
      byOutcome.set(figure.outcome, entries);
    }
  }
  return ORDER.filter((outcome) => byOutcome.has(outcome)).map((outcome) => `**${m.figureOutcome[outcome]}:** ${byOutcome.get(outcome)!.join(' · ')}`);
}
