/**
 * An intake as plain data: the proposals `extractReport` made from one report, kept in the store for a
 * moderator to review one at a time (src/commands/intake.ts). Pure functions of the proposals, the store's
 * records and `now`; the command layer writes.
 */
import type { Proposals } from './extract.js';
import { FigureSchema, IntakeItemSchema, type Intake, type IntakeItem, type Precision, type SitrepEvent, type StoreData } from '../data/schema.js';

/** An intake waits this long for review from when it was made, unless kept (`/intake keep`). */
export const INTAKE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** An expired intake is kept this long, to answer a late click politely, then swept (as previews are). */
export const INTAKE_KEPT_MS = 24 * 60 * 60 * 1000;
/** At most this many proposals of each kind are kept from one report. */
export const MAX_ITEMS = { statement: 150, figure: 100, account: 50 } as const;

/** A proposed statement's speaker as the hand-made form holds it: the name, with the role the report gives. */
export function speakerText(name: string | null, role: string | null): string {
  if (!name) return '';
  const full = role && !name.toLowerCase().includes(role.toLowerCase()) ? `${name}, ${role}` : name;
  return full.length <= 150 ? full : name.slice(0, 150);
}

const dayPart = (value: string) => value.slice(0, 10);

/**
 * The event a statement said on `saidAt` is most likely about: the story's event on the same day, else the
 * latest one in the three days before it (a reaction follows the event). None when nothing fits: the
 * moderator picks with `/intake review event:`. Retracted events are never proposed.
 */
export function proposeEvent(events: readonly SitrepEvent[], saidAt: string | undefined): string | undefined {
  if (!saidAt || saidAt.length < 10) return undefined;
  const said = Date.parse(`${dayPart(saidAt)}T00:00:00Z`);
  let best: { id: string; at: number } | undefined;
  for (const event of events) {
    if (event.retraction || event.occurredAt.length < 10) continue;
    const at = Date.parse(`${dayPart(event.occurredAt)}T00:00:00Z`);
    const daysBefore = (said - at) / 86_400_000;
    if (daysBefore < 0 || daysBefore > 3) continue;
    if (!best || at > best.at) best = { id: event.id, at };
  }
  return best?.id;
}

const text = (value: string | null | undefined, max: number) => {
  const line = (value ?? '').replace(/\s+/g, ' ').trim();
  return line ? (line.length > max ? `${line.slice(0, max - 1)}…` : line) : undefined;
};
const defined = <T extends object>(record: T) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null)) as T;

/**
 * The items an intake keeps from the extractor's proposals: statements (with a proposed event), figures
 * and answers to stored claims, all pending. A proposal the store's schema would refuse (a side or claim
 * of another story, a figure out of range) is dropped rather than kept broken.
 */
export function itemsFrom(proposals: Proposals, story: { id: string; sides: ReadonlyArray<{ id: string }> }, data: Pick<StoreData, 'events' | 'actors' | 'claims'>): IntakeItem[] {
  const events = data.events.filter((event) => event.storyId === story.id);
  const sides = new Set(story.sides.map((side) => side.id));
  const actors = new Set(data.actors.filter((actor) => actor.storyId === story.id).map((actor) => actor.id));
  const claims = new Set(data.claims.filter((claim) => claim.storyId === story.id && !claim.retraction).map((claim) => claim.id));
  const items: unknown[] = [];
  for (const s of proposals.statements.slice(0, MAX_ITEMS.statement)) {
    items.push(
      defined({
        kind: 'statement',
        quote: s.quote.slice(0, 1500),
        speaker: speakerText(s.speaker, s.role),
        role: text(s.role, 150),
        sideId: s.side && sides.has(s.side) ? s.side : undefined,
        actorId: s.actor && actors.has(s.actor) ? s.actor : undefined,
        eventId: proposeEvent(events, s.saidAt ?? undefined),
        saidAt: s.saidAt ?? undefined,
        precision: s.saidAt ? (s.precision ?? undefined) : undefined,
        saidUntil: s.saidAt ? s.saidUntil : undefined,
        untilPrecision: s.saidAt ? s.untilPrecision : undefined,
        dateBasis: s.saidAt ? text(s.dateBasis, 500) : undefined,
        via: text(s.via, 200),
        attribution: s.attribution,
        headline: s.headline,
        duplicateOf: s.duplicateOf,
        status: 'pending',
      }),
    );
  }
  for (const f of proposals.figures.slice(0, MAX_ITEMS.figure)) {
    const figure = FigureSchema.safeParse(
      defined({ outcome: f.outcome, low: f.low, high: f.high, qualifier: text(f.qualifier, 40), who: text(f.who, 60), saidAt: f.saidAt ?? undefined }),
    );
    if (!figure.success) continue;
    items.push(defined({ kind: 'figure', figure: figure.data, claimant: text(f.claimant, 150) ?? 'the report', claimantSide: f.claimantSide && sides.has(f.claimantSide) ? f.claimantSide : undefined, text: text(f.text, 500) ?? f.outcome, status: 'pending' }));
  }
  for (const a of proposals.accounts.slice(0, MAX_ITEMS.account)) {
    if (!claims.has(a.claimId)) continue;
    items.push(defined({ kind: 'account', claimId: a.claimId, text: text(a.text, 1000) ?? '', position: text(a.position, 80), status: 'pending' }));
  }
  return items.flatMap((item) => {
    const parsed = IntakeItemSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** How many items are pending, accepted and skipped; and of pending, how many of each kind. */
export function intakeCounts(intake: Pick<Intake, 'items'>) {
  const count = (status: IntakeItem['status']) => intake.items.filter((item) => item.status === status).length;
  return { pending: count('pending'), accepted: count('accepted'), skipped: count('skipped'), total: intake.items.length };
}

/** The kinds an intake proposes: how many statements, figures and accounts. */
export function intakeKinds(intake: Pick<Intake, 'items'>) {
  const count = (kind: IntakeItem['kind']) => intake.items.filter((item) => item.kind === kind).length;
  return { statements: count('statement'), figures: count('figure'), accounts: count('account') };
}

/** The next pending item at or after `from` (wrapping round), or undefined when none is left. */
export function nextPending(intake: Pick<Intake, 'items'>, from = 0): number | undefined {
  const n = intake.items.length;
  for (let step = 0; step < n; step++) {
    const index = (((from + step) % n) + n) % n;
    if (intake.items[index]!.status === 'pending') return index;
  }
  return undefined;
}

export const intakeExpired = (intake: Pick<Intake, 'expiresAt'>, now: Date) => intake.expiresAt !== undefined && Date.parse(intake.expiresAt) <= now.getTime();

/** Drops intakes that expired more than INTAKE_KEPT_MS ago; run inside the writes that touch intakes (as previews are swept). */
/** A server's intakes of a story that have not expired, newest first. */
export function openIntakes(data: Pick<StoreData, 'intakes'>, storyId: string, guildId: string | null, now: Date): Intake[] {
  return data.intakes.filter((intake) => intake.storyId === storyId && intake.guildId === guildId && !intakeExpired(intake, now)).reverse();
}

export function sweepIntakes(draft: Pick<StoreData, 'intakes'>, now: Date): void {
  const cutoff = now.getTime() - INTAKE_KEPT_MS;
  if (draft.intakes.some((intake) => intake.expiresAt !== undefined && Date.parse(intake.expiresAt) <= cutoff)) {
    draft.intakes = draft.intakes.filter((intake) => intake.expiresAt === undefined || Date.parse(intake.expiresAt) > cutoff);
  }
}

/** Whether a bulk accept takes this item: a pending quote with a speaker the report names, not already stored. */
export const bulkAcceptable = (item: IntakeItem) => item.kind === 'statement' && item.status === 'pending' && item.attribution === 'named' && item.speaker !== '' && !item.duplicateOf;

/**
 * The date a statement of an undated report gets once its source is dated: the day the report was
 * published (in the story's zone), with that basis written down, since the report itself gives none.
 */
export function publicationDay(source: { outlet: string; publishedAt?: string | undefined; publishedPrecision?: Precision | undefined }, timeZone: string): { saidAt: string; precision: Precision; dateBasis: string } | undefined {
  const { publishedAt, publishedPrecision } = source;
  if (!publishedAt || !publishedPrecision) return undefined;
  if (publishedPrecision !== 'day' && publishedPrecision !== 'minute') return undefined;
  const day = publishedPrecision === 'day' ? publishedAt : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(publishedAt));
  return { saidAt: day, precision: 'day', dateBasis: `The report does not say when: taken as the day ${source.outlet} published it, ${day}.`.slice(0, 500) };
}
