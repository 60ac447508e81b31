import type { Claim, ClaimAccount, Position, Side, SitrepEvent, Source, Statement, StoreData, Story } from '../../data/schema.js';
import { compareRanges, eventBounds, latestBound, statementBounds } from '../../data/date-range.js';
import { memoByState } from '../cache/memo.js';
import { claimsOf, statementsOf, visibleEvents } from './queries.js';
import { isOnOrAfter, type Since } from '../input/time-input.js';

export interface Briefing {
  story: Story;
  /** Every visible event in range, oldest first. */
  events: SitrepEvent[];
  /** The most significant, then most recent, developments. */
  developments: SitrepEvent[];
  /** Each side's latest statement, in the story's side order. */
  positions: Statement[];
  disputes: Claim[];
  since?: Since;
  /** In a digest (new means recorded): the statements, accounts and sources recorded since, whenever said or published. */
  recorded?: Recorded;
  /** Where each side stands, in the story's side order: sides with a written position or any statement. */
  stands: SideStand[];
  /** Questions whose accounts differ in detail (the disputes are those that conflict). */
  differences: Claim[];
  /** The question whose figures give the toll: on the highest-ranked development that has figures. */
  toll?: Claim;
  /** The key dispute: a conflicting question on the highest-ranked development, fewest accounts first, not the toll's. */
  keyDispute?: Claim;
}

/**
 * Where one side stands: its written position (with its supporting statement), else its latest
 * statement when the quote has at least four words, else nothing recorded — a fragment never stands as a
 * side's position.
 */
export type SideStand =
  | { side: Side; kind: 'position'; position: Position; statement?: Statement }
  | { side: Side; kind: 'latest'; statement: Statement }
  | { side: Side; kind: 'none' };

/** Words that stand as a side's position: at least this many in a quote. */
export const MIN_POSITION_WORDS = 4;

/** The words of a text: whitespace-separated tokens with a letter or digit in them. */
export function wordCount(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}

/** Each side's stand, from its live written position, else the fragment rule on its latest statement. */
export function sideStands(story: Story, positions: readonly Position[], latestBySide: ReadonlyMap<string, Statement>, statements: ReadonlyMap<string, Statement>): SideStand[] {
  return story.sides.flatMap((side): SideStand[] => {
    const position = positions.find((candidate) => candidate.sideId === side.id && !candidate.retraction);
    if (position) {
      const statement = statements.get(position.statementId);
      return [{ side, kind: 'position', position, ...(statement && !statement.retraction ? { statement } : {}) }];
    }
    const latest = latestBySide.get(side.id);
    if (!latest) return [];
    return [wordCount(latest.quote) >= MIN_POSITION_WORDS ? { side, kind: 'latest', statement: latest } : { side, kind: 'none' }];
  });
}

/** What moderators recorded in a window, by when it was recorded (its audit `create` entry), not when it was said. */
export interface Recorded {
  statements: Statement[];
  accounts: Array<{ claim: Claim; account: ClaimAccount }>;
  sources: Source[];
}

/**
 * The statements, claim accounts and sources of a story recorded at or after `since`: from the audit
 * trail's `create` entries (a new claim brings its accounts) and the entries that add an account to a
 * claim, in the order they were recorded. Retracted records are left out; each is shown as it is now.
 */
export function recordedSince(data: Readonly<StoreData>, storyId: string, since: Date): Recorded {
  const from = since.getTime();
  const entries = data.audit.filter(
    (entry) => (entry.action === 'create' || (entry.action === 'update' && entry.entity === 'claim' && entry.after && 'added' in entry.after)) && Date.parse(entry.at) >= from,
  );
  const recorded: Recorded = { statements: [], accounts: [], sources: [] };
  if (entries.length === 0) return recorded;
  const inStory = <T extends { id: string; storyId: string; retraction?: unknown }>(items: readonly T[], ids: Set<string>) =>
    new Map(items.filter((item) => item.storyId === storyId && ids.has(item.id) && !item.retraction).map((item) => [item.id, item]));
  const ids = (entity: string) => new Set(entries.filter((entry) => entry.entity === entity).map((entry) => entry.entityId));
  const statements = inStory(data.statements, ids('statement'));
  const sources = inStory(data.sources, ids('source'));
  const claims = inStory(data.claims, ids('claim'));
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = `${entry.entity}:${entry.entityId}`;
    if (entry.action === 'create' && seen.has(key)) continue;
    if (entry.action === 'create') seen.add(key);
    if (entry.entity === 'statement' && statements.has(entry.entityId)) recorded.statements.push(statements.get(entry.entityId)!);
    else if (entry.entity === 'source' && sources.has(entry.entityId)) recorded.sources.push(sources.get(entry.entityId)!);
    else if (entry.entity === 'claim' && claims.has(entry.entityId)) {
      const claim = claims.get(entry.entityId)!;
      if (entry.action === 'create') {
        recorded.accounts.push(...claim.accounts.map((account) => ({ claim, account })));
      } else {
        const added = entry.after!.added as Partial<ClaimAccount> | undefined;
        // The account as the claim holds it now (it may have been corrected since).
        const account = claim.accounts.find((candidate) => candidate.position === added?.position && candidate.sourceId === added?.sourceId && candidate.text === added?.text)
          ?? claim.accounts.find((candidate) => candidate.position === added?.position && candidate.sourceId === added?.sourceId);
        if (account && !recorded.accounts.some((known) => known.account === account)) recorded.accounts.push({ claim, account });
      }
    }
  }
  return recorded;
}

/** Whether a digest has anything recorded to show besides events. */
export const hasRecorded = (recorded: Recorded | undefined) =>
  recorded !== undefined && recorded.statements.length + recorded.accounts.length + recorded.sources.length > 0;

const DEVELOPMENTS = 5;

/** Everything `/brief` shows, composed deterministically from the store. */
/** The whole-story briefing (no `since`), composed once per store state. */
const wholeStoryBriefing = memoByState((data: Readonly<StoreData>, storyId: string) =>
  briefingOf(data, data.stories.find((story) => story.id === storyId)!, undefined, 'occurred'),
);

export function composeBriefing(data: Readonly<StoreData>, story: Story, since?: Since, newMeans: 'occurred' | 'recorded' = 'occurred'): Briefing {
  return since || data.stories.find((candidate) => candidate.id === story.id) !== story
    ? briefingOf(data, story, since, newMeans)
    : wholeStoryBriefing(data, story.id);
}

function briefingOf(data: Readonly<StoreData>, story: Story, since: Since | undefined, newMeans: 'occurred' | 'recorded'): Briefing {
  // "New" is what happened since (for readers asking `/brief since:`), or what was recorded or
  // changed since (for a digest: what the channel has not been told yet).
  const isNew = (event: SitrepEvent) =>
    !since ||
    (newMeans === 'occurred'
      ? isOnOrAfter(latestBound(eventBounds(event)).value, since)
      : Date.parse(event.updatedAt ?? event.createdAt) >= since.instant.getTime());
  const events = visibleEvents(data, story.id).filter(isNew);
  const newEventIds = new Set(events.map((event) => event.id));
  const developments = mostSignificant(events, DEVELOPMENTS);
  // A digest lists the statements recorded since (below), whenever said; a reader's `since:` keeps those said since.
  const recorded = since && newMeans === 'recorded' ? recordedSince(data, story.id, since.instant) : undefined;
  const statements = recorded ? [] : statementsOf(data, { storyId: story.id }).filter((s) => !since || isOnOrAfter(latestBound(statementBounds(s)).value, since));
  const bySide = new Map<string, Statement[]>();
  for (const statement of statements) {
    const ofSide = bySide.get(statement.sideId);
    if (ofSide) ofSide.push(statement);
    else bySide.set(statement.sideId, [statement]);
  }
  const positions = story.sides.flatMap((side) => {
    const latest = mostRecent(bySide.get(side.id) ?? []);
    return latest ? [latest] : [];
  });
  const inRange = (claim: Claim) => !since || (claim.eventId !== undefined && newEventIds.has(claim.eventId));
  const disputes = claimsOf(data, story.id, { kind: 'conflict' }).filter(inRange);
  const differences = claimsOf(data, story.id, { kind: 'detail' }).filter(inRange);
  const latestBySide = new Map(positions.map((statement) => [statement.sideId, statement]));
  const storyStatements = new Map(data.statements.filter((statement) => statement.storyId === story.id).map((statement) => [statement.id, statement]));
  const stands = sideStands(story, data.positions.filter((position) => position.storyId === story.id), latestBySide, storyStatements);
  // Claims ranked by their event: the developments' order first, then the most recent events; a claim on no event last.
  const order = new Map(events.map((event, index) => [event.id, index]));
  const rank = (claim: Claim) => {
    if (claim.eventId === undefined) return Number.MAX_SAFE_INTEGER;
    const development = developments.findIndex((event) => event.id === claim.eventId);
    return development >= 0 ? development : DEVELOPMENTS + events.length - (order.get(claim.eventId) ?? -events.length);
  };
  const ranked = (claims: readonly Claim[]) => claims.map((claim, index) => ({ claim, index })).sort((a, b) => rank(a.claim) - rank(b.claim) || a.claim.accounts.length - b.claim.accounts.length || a.index - b.index).map(({ claim }) => claim);
  const toll = ranked([...disputes, ...differences, ...claimsOf(data, story.id, { kind: 'agree' }).filter(inRange)].filter((claim) => claim.accounts.some((account) => account.figures?.length)))[0];
  const conflicts = ranked(disputes);
  const keyDispute = conflicts.find((claim) => claim !== toll) ?? conflicts[0];
  return { story, events, developments, positions, disputes, since, ...(recorded ? { recorded } : {}), stands, differences, ...(toll ? { toll } : {}), ...(keyDispute ? { keyDispute } : {}) };
}

/** A side's live statements, newest first; with `since:`, those said since. */
export function sideStatementsSince(data: Readonly<StoreData>, storyId: string, sideId: string, since?: Since): Statement[] {
  return statementsOf(data, { storyId, sideId })
    .filter((statement) => !since || isOnOrAfter(latestBound(statementBounds(statement)).value, since))
    .reverse();
}

const bySignificance = (a: SitrepEvent, b: SitrepEvent) => b.significance - a.significance || compareRanges(b.occurredAt, b.occurredUntil, a.occurredAt, a.occurredUntil);

/** The `count` most significant events, most recent first among equals: one pass, not a sort of the whole story. */
export function mostSignificant(events: readonly SitrepEvent[], count: number): SitrepEvent[] {
  const top: SitrepEvent[] = [];
  for (const event of events) {
    if (top.length === count && bySignificance(event, top[count - 1]!) >= 0) continue;
    // Among equals the earlier in the list stays first, as a stable sort would keep them.
    let at = top.length;
    while (at > 0 && bySignificance(event, top[at - 1]!) < 0) at--;
    top.splice(at, 0, event);
    if (top.length > count) top.pop();
  }
  return top;
}

/**
 * The latest of items in chronological order, preferring one dated to the day or minute: an item
 * known only to the month sorts at the month's end, and one known only to lie in a range sorts by its
 * start, so neither is known to be the latest.
 */
export function mostRecent<T extends { precision: string; untilPrecision?: string }>(chronological: readonly T[]): T | undefined {
  for (let i = chronological.length - 1; i >= 0; i--) {
    const item = chronological[i]!;
    if ((item.precision === 'day' || item.precision === 'minute') && item.untilPrecision === undefined) return item;
  }
  return chronological.at(-1);
}
