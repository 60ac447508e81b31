import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIStringSelectComponent } from 'discord.js';
import { messagesFor, isolate, type Messages } from '../../i18n/index.js';
import { hasRecorded, mostRecent, wordCount, type Briefing, type Recorded, type SideStand } from '../query/briefing.js';
import type { Side, SitrepEvent, Statement } from '../../data/schema.js';
import { LIMITS } from '../reply/limits.js';
import { visibleLength, unmarked } from '../reply/visible.js';
import { clampPage, clip, shorten } from './paginate.js';
import { disputeLine, disputeParts } from './disputes.js';
import { figureLedger } from './figures.js';
import { sourcesBlock } from './citations.js';
import { correctedMark, correctionLine, type Correction } from '../query/corrections.js';
import { citation, closeBidi, safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import { sourceLinesIn, type StoryLookup } from '../query/story-lookup.js';
import { claimBlock, outletsOf } from './claims.js';
import type { PageOptions } from './components.js';
import { layoutDocument, renderLaidOut, renderLayout, type Block, type DocumentLayout } from './document.js';
import { statementBlock } from './statements.js';
import { formatDateBounds } from './date-range-format.js';
import { eventBounds } from '../../data/date-range.js';
import { sourceLine } from './citations.js';

const heading = (text: string): Block => ({ text: `__**${text}**__`, sourceIds: [] });

/** The lead: the story in a sentence or two, then the span and the most recent development. */
export function briefLead(briefing: Briefing, lookup: StoryLookup, m: Messages = messagesFor('en')): Block {
  const { events } = briefing;
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const latest = mostRecent(events)!;
  const date = (event: typeof first) => formatDateBounds(eventBounds(event), m.language);
  const span = events.length === 1 ? m.oneDevelopment(date(first)) : m.developmentsBetween(events.length, date(first), date(last));
  const cites = citation(latest.sourceIds.map((id) => lookup.citationNumbers.get(id)!));
  return {
    text: `${isolate(safe(briefing.story.summary), m)}\n${span}; ${m.mostRecent(isolate(safe(latest.title), m))} ${cites}.`,
    sourceIds: latest.sourceIds,
  };
}

export function layoutBrief(briefing: Briefing, lookup: StoryLookup, m: Messages = messagesFor('en'), corrections: readonly Correction[] = []): DocumentLayout | Reply {
  const title = isolate(safe(briefing.story.title), m);
  const recorded = hasRecorded(briefing.recorded) ? recordedBlocks(briefing.recorded!, lookup, m) : [];
  if (briefing.events.length === 0 && recorded.length === 0) {
    return notice(briefing.since ? m.nothingNewSince(title, safe(briefing.since.label)) : m.noEventsYet(title));
  }
  const blocks: Block[] = [
    ...(briefing.events.length ? [briefLead(briefing, lookup, m)] : []),
    ...(corrections.length ? [heading(m.corrections), ...corrections.map((correction) => ({ text: correctionLine(correction, m), sourceIds: [] }))] : []),
    ...(briefing.developments.length ? [heading(m.latestDevelopments)] : []),
    ...briefing.developments.map((event) => developmentBlock(event, lookup, m)),
  ];
  blocks.push(...recorded);
  if (briefing.positions.length) {
    blocks.push(heading(m.whereEachSideStands), ...briefing.positions.map((statement) => statementBlock(statement, lookup, m)));
  }
  if (briefing.disputes.length) {
    blocks.push(
      heading(m.whatIsDisputed),
      ...briefing.disputes.map((claim) => claimBlock(claim, lookup.sides, lookup.citationNumbers, m, lookup.correctedAt('claim', claim), outletsOf(lookup))),
    );
  }
  return layoutDocument({
      title: m.briefingTitle(title, briefing.since ? safe(briefing.since.label) : undefined),
      blocks,
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel: m.developments(briefing.events.length),
      maxBlocksPerPage: 14,
      separator: '\n\n',
  });
}

export function renderBrief(briefing: Briefing, lookup: StoryLookup, options: PageOptions, corrections: readonly Correction[] = []): Reply {
  return renderLaidOut(layoutBrief(briefing, lookup, options.messages, corrections), options);
}

/**
 * A digest's statements, accounts and sources recorded since its last post — by when they were
 * recorded, so a statement said long ago but recorded today is news to the channel.
 */
function recordedBlocks(recorded: Recorded, lookup: StoryLookup, m: Messages): Block[] {
  const blocks: Block[] = [];
  if (recorded.statements.length) {
    blocks.push(heading(m.newStatements), ...recorded.statements.map((statement) => statementBlock(statement, lookup, m)));
  }
  if (recorded.accounts.length) {
    blocks.push(
      heading(m.newAccounts),
      ...recorded.accounts.map(({ claim, account }) => {
        const side = account.sideId ? lookup.sides.get(account.sideId) : undefined;
        const who = side ? ` — ${isolate(safe(side.name), m)}` : '';
        return {
          text: `**${isolate(safe(claim.question), m)}**\n• *${isolate(safe(account.position), m)}*${who}: ${isolate(safe(account.text), m)} ${citation([lookup.citationNumbers.get(account.sourceId)!])}`,
          sourceIds: [account.sourceId],
        };
      }),
    );
  }
  if (recorded.sources.length) {
    blocks.push(
      heading(m.newSources),
      ...recorded.sources.map((source) => ({ text: sourceLine(source, lookup.citationNumbers.get(source.id)!, m), sourceIds: [] })),
    );
  }
  return blocks;
}

// ——— The briefing on a phone (issue 16): what we know first, each section one tap away ———

/** What `/brief` opens on one tap: its sections. `side` is one side's position and statements. */
export const BRIEF_SECTIONS = ['developments', 'disputes', 'timeline', 'sources', 'corrections', 'sides', 'side'] as const;
export type BriefSection = (typeof BRIEF_SECTIONS)[number];

/** The custom_ids of the briefing's buttons, made by the command's codecs (render code never spells one). */
export interface BriefIds {
  section(section: BriefSection, page: number, sideId?: string): string;
  /** Back to the first message. */
  back(): string;
  /** An event's own page (`/event`). */
  openEvent(eventId: string): string;
}

export interface BriefView {
  briefing: Briefing;
  lookup: StoryLookup;
  m: Messages;
  corrections: readonly Correction[];
  /** The server's corrections window, in days, for the corrections bullet. */
  correctionDays: number;
}

/** The first message stays within this many visible characters (`visibleLength`). */
export const FIRST_MESSAGE_VISIBLE = 1200;
/** At most this many bullets of at most this many words (`wordCount`). */
export const MAX_BULLETS = 5;
export const MAX_BULLET_WORDS = 25;
/** Side buttons on the first message (rows 2–5); with more sides, the last is "All sides". */
const SIDE_BUTTONS = 20;
/** Events per page of the timeline section, each with a button that opens it. */
export const TIMELINE_PAGE_EVENTS = 10;

/** A piece of a bullet: its text (inert, isolated), whether it may be cut word by word, whether it always stays. */
interface Piece {
  text: string;
  /** The raw words, when the piece may be cut (stored text): cut before it is made inert. */
  raw?: string;
  render?: (raw: string) => string;
  /** Kept whatever else is cut (a citation, who said it): its room is kept first. */
  always?: boolean;
}

/**
 * Joins pieces within `maxWords` words and `maxChars` visible characters: whole pieces while they fit; a
 * piece that may be cut is cut word by word (with "…") to fill the rest; the pieces marked `always` (a
 * citation, a speaker) stay at their place after the cut, and a piece left out is marked "…".
 */
export function fitPieces(pieces: readonly Piece[], separator: string, maxWords: number, maxChars: number): string {
  const kept = pieces.filter((piece) => piece.always && piece.text);
  let words = kept.reduce((sum, piece) => sum + wordCount(piece.text), 0);
  let chars = kept.reduce((sum, piece) => sum + unmarkedLength(piece.text) + separator.length, 0);
  const out: string[] = [];
  let cut = false;
  for (const piece of pieces) {
    if (!piece.text) continue;
    if (piece.always) {
      out.push(piece.text);
      continue;
    }
    if (cut) continue;
    const pieceWords = wordCount(piece.text);
    const pieceChars = unmarkedLength(piece.text) + separator.length;
    if (words + pieceWords <= maxWords && chars + pieceChars <= maxChars) {
      out.push(piece.text);
      words += pieceWords;
      chars += pieceChars;
      continue;
    }
    cut = true;
    const shortened = piece.raw !== undefined && piece.render ? cutWords(piece.raw, maxWords - words, maxChars - chars - separator.length) : '';
    out.push(shortened ? piece.render!(shortened) : '…');
  }
  return out.join(separator);
}

const unmarkedLength = (text: string) => unmarked(text).length;

/** The first `words` words of raw text within `chars` characters, "…" marking a cut; '' when none fits. */
export function cutWords(raw: string, words: number, chars: number): string {
  if (words <= 0 || chars <= 1) return '';
  const tokens = raw.split(/\s+/).filter(Boolean);
  let out = '';
  let counted = 0;
  for (const token of tokens) {
    const next = out ? `${out} ${token}` : token;
    const isWord = /[\p{L}\p{N}]/u.test(token);
    if ((isWord && counted + 1 > words) || next.length + 1 > chars) break;
    out = next;
    if (isWord) counted++;
  }
  if (!out) out = clip(tokens[0] ?? '', chars - 1);
  return out.length < raw.trim().length ? `${out}…` : out;
}

/** The sources cited by a text's `[n]` marks, by number. */
function citedNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);
}

/** Bullets and side lines at a word budget each: what the first message is made of. */
function firstMessageParts(view: BriefView, maxWords: number, sideWords: number) {
  const { briefing, lookup, m } = view;
  const chars = maxWords * 9;
  const cites = (ids: readonly string[]) => citation(ids.map((id) => lookup.citationNumbers.get(id)!).filter((n) => n !== undefined));
  const date = (event: SitrepEvent) => formatDateBounds(eventBounds(event), m.language);
  const bullets: string[] = [];
  const { events } = briefing;
  if (events.length) {
    const first = events[0]!;
    const last = events[events.length - 1]!;
    bullets.push(fitPieces([{ text: `${m.phone.span(events.length, date(first), date(last))} · ${m.phone.counts(briefing.disputes.length, lookup.sources.length)}` }], ' ', maxWords, chars));
  }
  const development = (event: SitrepEvent) =>
    fitPieces(
      [
        { text: `**${date(event)}** —`, always: true },
        { text: isolate(safe(event.title), m), raw: event.title, render: (raw) => isolate(safe(raw), m) },
        { text: `${cites(event.sourceIds)}${event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''}`, always: true },
      ],
      ' ',
      maxWords,
      chars,
    );
  const [top, second] = briefing.developments;
  if (top) bullets.push(development(top));
  const outlets = outletsOf(lookup);
  if (briefing.toll) {
    const entries = figureLedger(briefing.toll, lookup.sides, outlets, m).flatMap((line) => line.split(' · '));
    const sourced = briefing.toll.accounts.filter((account) => account.figures?.length).map((account) => account.sourceId);
    bullets.push(
      fitPieces(
        [
          { text: `**${m.phone.toll}** —`, always: true },
          { text: isolate(safe(briefing.toll.question), m), raw: briefing.toll.question, render: (raw) => isolate(safe(raw), m) },
          ...entries.map((entry, index) => ({ text: index ? `· ${entry}` : entry })),
          { text: cites(sourced), always: true },
        ],
        ' ',
        maxWords,
        chars,
      ),
    );
  }
  if (briefing.keyDispute) {
    const parts = disputeParts(briefing.keyDispute, lookup.sides, outlets, m, { full: false });
    bullets.push(
      fitPieces(
        [
          { text: `**${m.phone.disputed}** —`, always: true },
          { text: parts.question },
          ...parts.accounts.map((account, index) => ({ text: index ? `· ${account}` : account })),
          { text: `(${parts.kind}) ${cites(briefing.keyDispute.accounts.map((account) => account.sourceId))}`, always: true },
        ],
        ' ',
        maxWords,
        chars,
      ),
    );
  }
  if (view.corrections.length) bullets.push(`✏️ ${m.phone.corrections(view.corrections.length, view.correctionDays)}`);
  if (second) bullets.push(development(second));
  const sides = briefing.stands.map((stand) => sideLine(stand, view, sideWords, sideWords * 9));
  return { bullets: bullets.slice(0, MAX_BULLETS), sides };
}

/** One side's line: its written position (marked when corrected), else its latest statement of four words or more, else "no position recorded". */
export function sideLine(stand: SideStand, { lookup, m }: Pick<BriefView, 'lookup' | 'm'>, maxWords = Number.POSITIVE_INFINITY, chars = Number.POSITIVE_INFINITY): string {
  const name = `**${isolate(safe(stand.side.name), m)}**:`;
  const cites = (statement: Statement | undefined) => (statement ? citation(statement.sourceIds.map((id) => lookup.citationNumbers.get(id)!).filter((n) => n !== undefined)) : '');
  if (stand.kind === 'position') {
    return fitPieces(
      [
        { text: name, always: true },
        { text: isolate(safe(stand.position.text), m), raw: stand.position.text, render: (raw) => isolate(safe(raw), m) },
        { text: `${cites(stand.statement)}${correctedMark(lookup.correctedAt('position', stand.position), m)}`, always: true },
      ],
      ' ',
      maxWords,
      chars,
    );
  }
  if (stand.kind === 'latest') {
    const quote = (raw: string) => `“${isolate(safe(raw), m)}”`;
    return fitPieces(
      [
        { text: `${name} *${m.phone.latestStatement}* —`, always: true },
        { text: quote(stand.statement.quote), raw: stand.statement.quote, render: quote },
        { text: `— ${isolate(safe(stand.statement.speaker), m)} ${cites(stand.statement)}`, always: true },
      ],
      ' ',
      maxWords,
      chars,
    );
  }
  return `${name} *${m.phone.noPosition}*`;
}

/** The briefing's buttons: its sections, then one per side (the last "All sides" when there are more). */
function firstMessageButtons(view: BriefView, ids: BriefIds): APIActionRowComponent<APIButtonComponent>[] {
  const { m, briefing } = view;
  const sections: Array<[BriefSection, string]> = [
    ['developments', m.phone.developments],
    ['disputes', m.phone.disputes],
    ['timeline', m.phone.timeline],
    ['sources', m.phone.sourcesButton],
    ...(view.corrections.length ? [['corrections', m.phone.correctionsButton] as [BriefSection, string]] : []),
  ];
  const sides = briefing.stands.map((stand) => stand.side);
  const sideButtons =
    sides.length <= SIDE_BUTTONS
      ? sides.map((side) => button(m.phone.sideStatements(side.name), ids.section('side', 1, side.id)))
      : [...sides.slice(0, SIDE_BUTTONS - 1).map((side) => button(m.phone.sideStatements(side.name), ids.section('side', 1, side.id))), button(m.phone.allSides, ids.section('sides', 1))];
  return rows([sections.map(([section, label]) => button(label, ids.section(section, 1), ButtonStyle.Primary))], sideButtons);
}

const button = (label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary, disabled = false): APIButtonComponent & { custom_id: string } => ({
  type: ComponentType.Button,
  style,
  // A label is plain text (no markdown), but a stored name's directional controls are closed in it.
  label: shorten(closeBidi(label), LIMITS.buttonLabel),
  custom_id: customId,
  ...(disabled ? { disabled } : {}),
});

/** Rows as given, then buttons five to a row, within Discord's five rows. */
type Row = APIActionRowComponent<APIButtonComponent | APIStringSelectComponent>;
const isButtonRow = (row: Row): row is APIActionRowComponent<APIButtonComponent> => row.components.every((component) => component.type === ComponentType.Button);

/**
 * A section's rows: its list's select menu (to open an item) kept as it is, its page buttons with
 * `extra` after them, then `more` buttons, within Discord's five rows.
 */
function sectionRows(components: readonly Row[] | undefined, extra: readonly APIButtonComponent[], more: readonly APIButtonComponent[] = []): Row[] {
  const selects = (components ?? []).filter((row) => !isButtonRow(row));
  const buttons = (components ?? []).filter(isButtonRow).map((row) => row.components);
  const [first = [], ...rest] = buttons;
  return [...selects, ...rows([[...first, ...extra], ...rest], more)].slice(0, LIMITS.actionRows);
}

function rows(given: APIButtonComponent[][], more: readonly APIButtonComponent[] = []): APIActionRowComponent<APIButtonComponent>[] {
  const all = given.filter((row) => row.length).map((row) => row.slice(0, LIMITS.buttonsPerRow));
  for (let i = 0; i < more.length && all.length < LIMITS.actionRows; i += LIMITS.buttonsPerRow) all.push(more.slice(i, i + LIMITS.buttonsPerRow));
  return all.map((components) => ({ type: ComponentType.ActionRow, components }));
}

/**
 * `/brief`'s first message: at most five bullets of at most 25 words — the span, the top development,
 * the toll by claimant, the key dispute, corrections or the next development — then one line per side,
 * the sources it cites, and buttons for the rest. It stays within 1,200 visible characters: a smaller
 * word budget first, then fewer side lines ("…and N more sides").
 */
export function renderBriefFirst(view: BriefView, ids: BriefIds): Reply {
  const { briefing, lookup, m } = view;
  const storyTitle = isolate(safe(briefing.story.title), m);
  if (briefing.events.length === 0 && !hasRecorded(briefing.recorded)) {
    return notice(briefing.since ? m.nothingNewSince(storyTitle, safe(briefing.since.label)) : m.noEventsYet(storyTitle));
  }
  const title = shorten(m.briefingTitle(storyTitle, briefing.since ? safe(briefing.since.label) : undefined), 120);
  const components = firstMessageButtons(view, ids);
  const sourcesLine = (text: string) => {
    const outlets = new Map(lookup.sources.map((source) => [lookup.citationNumbers.get(source.id), source.outlet]));
    const cited = citedNumbers(text).filter((n) => outlets.has(n));
    const shown = cited.slice(0, 6).map((n) => `[${n}] ${isolate(safe(shorten(outlets.get(n)!, 40)), m)}`);
    return shown.length ? `-# ${shown.join(' · ')}${cited.length > shown.length ? ` · +${cited.length - shown.length} (${m.phone.sourcesButton})` : ''}` : '';
  };
  const compose = (maxWords: number, sideWords: number, sideCount: number) => {
    const { bullets, sides } = firstMessageParts(view, maxWords, sideWords);
    const shownSides = sides.slice(0, sideCount);
    const rest = sides.length - shownSides.length;
    const body = [
      bullets.map((bullet) => `• ${bullet}`).join('\n'),
      ...(sides.length ? [[`__**${m.whereEachSideStands}**__`, ...shownSides, ...(rest ? [`*${m.phone.moreSides(rest)}*`] : [])].join('\n')] : []),
    ].join('\n\n');
    const sources = sourcesLine(body);
    return { embeds: [{ title, description: [body, sources].filter(Boolean).join('\n\n') }], components };
  };
  // The bullets keep their words longest, then the side lines theirs; only then are side lines left to "All sides".
  const sideCount = briefing.stands.length;
  for (const maxWords of [MAX_BULLET_WORDS, 20, 16]) {
    for (const sideWords of [25, 18, 14, 10]) {
      const reply = compose(maxWords, sideWords, sideCount);
      if (visibleLength(reply) <= FIRST_MESSAGE_VISIBLE) return reply;
    }
  }
  for (const maxWords of [16, 12, 8]) {
    for (let count = sideCount - 1; count >= 0; count--) {
      const reply = compose(maxWords, 10, count);
      if (visibleLength(reply) <= FIRST_MESSAGE_VISIBLE) return reply;
    }
  }
  return compose(6, 6, 0);
}

/** The side's section: its written position with the supporting quote, then its statements, newest first. */
export interface SideSection {
  stand: SideStand | undefined;
  side: Side;
  /** The side's live statements, newest first (in range, with `since:`). */
  statements: readonly Statement[];
}

/** A section of the briefing, paged; every page has Previous / Next (when it pages) and a way back. */
export function renderBriefSection(view: BriefView, section: BriefSection, page: number, ids: BriefIds, sideSection?: SideSection): Reply {
  const { briefing, lookup, m } = view;
  const storyTitle = isolate(safe(briefing.story.title), m);
  if (section === 'timeline') return timelineSection(view, page, ids);
  const heading = (label: string) => m.phone.sectionTitle(label, storyTitle);
  const document = (label: string, blocks: Block[], countLabel: string, sectionId: BriefSection, sideId?: string): Reply => {
    const layout = layoutDocument({
      title: heading(label),
      blocks: blocks.length ? blocks : [{ text: '—', sourceIds: [] }],
      sourceLines: sourceLinesIn(lookup, m),
      sourcesHeading: m.sources,
      countLabel,
      maxBlocksPerPage: 12,
      separator: '\n\n',
    });
    const reply = renderLayout(layout, { page, customIdFor: (target) => ids.section(sectionId, target, sideId), messages: m });
    const back = button(`◂ ${m.phone.back}`, ids.back());
    return { ...reply, components: sectionRows(reply.components, [back]) };
  };
  const outlets = outletsOf(lookup);
  switch (section) {
    case 'developments':
      return document(
        m.phone.developments,
        [
          ...(briefing.events.length ? [briefLead(briefing, lookup, m)] : []),
          ...briefing.developments.map((event) => developmentBlock(event, lookup, m)),
          ...(briefing.recorded ? recordedBlocks(briefing.recorded, lookup, m) : []),
        ],
        m.developments(briefing.events.length),
        'developments',
      );
    case 'disputes': {
      const claims = [...briefing.disputes, ...briefing.differences];
      return document(
        m.phone.disputes,
        [
          ...claims.map((claim) => ({
            text: [
              `${disputeLine(claim, lookup.sides, outlets, m)} ${citation(claim.accounts.map((account) => lookup.citationNumbers.get(account.sourceId)!))}${correctedMark(lookup.correctedAt('claim', claim), m)}`,
              ...figureLedger(claim, lookup.sides, outlets, m),
            ].join('\n'),
            sourceIds: claim.accounts.map((account) => account.sourceId),
          })),
          { text: `-# ${m.phone.everyAccount}`, sourceIds: [] },
        ],
        m.disputedOf(briefing.disputes.length, claims.length),
        'disputes',
      );
    }
    case 'sources':
      return document(
        m.phone.sourcesButton,
        lookup.sources.map((source) => ({ text: sourceLine(source, lookup.citationNumbers.get(source.id)!, m), sourceIds: [] })),
        m.sourceCount(lookup.sources.length),
        'sources',
      );
    case 'corrections':
      return document(
        m.phone.correctionsButton,
        view.corrections.map((correction) => ({ text: correctionLine(correction, m), sourceIds: [] })),
        m.phone.corrections(view.corrections.length, view.correctionDays),
        'corrections',
      );
    case 'sides': {
      const reply = document(
        m.phone.allSides,
        briefing.stands.map((stand) => ({ text: sideLine(stand, view), sourceIds: stand.kind === 'none' ? [] : (stand.statement?.sourceIds ?? []) })),
        m.sidesLabel,
        'sides',
      );
      const more = briefing.stands.slice(SIDE_BUTTONS - 1).map((stand) => button(m.phone.sideStatements(stand.side.name), ids.section('side', 1, stand.side.id)));
      return { ...reply, components: sectionRows(reply.components, [], more) };
    }
    case 'side': {
      const side = sideSection!;
      const stand = side.stand;
      const positionBlocks: Block[] =
        stand?.kind === 'position'
          ? [
              {
                text: `**${m.phone.position}**: ${isolate(safe(stand.position.text), m)}${correctedMark(lookup.correctedAt('position', stand.position), m)}`,
                sourceIds: [],
              },
              ...(stand.statement ? [{ ...statementBlock(stand.statement, lookup, m), text: `**${m.phone.supportingQuote}**\n${statementBlock(stand.statement, lookup, m).text}` }] : []),
            ]
          : [{ text: sideLine(stand ?? { side: side.side, kind: 'none' }, view), sourceIds: stand?.kind === 'latest' ? stand.statement.sourceIds : [] }];
      return document(
        m.phone.sideStatements(isolate(safe(side.side.name), m)),
        [...positionBlocks, ...(side.statements.length ? [{ text: `__**${m.statementsTitle(isolate(safe(side.side.name), m))}**__`, sourceIds: [] }] : []), ...side.statements.map((statement) => statementBlock(statement, lookup, m))],
        m.statements(side.statements.length),
        'side',
        side.side.id,
      );
    }
    default:
      return renderBriefFirst(view, ids);
  }
}

/** An event's title after its date, with its sources, and marked when disputed or corrected. */
function eventHeadline(event: SitrepEvent, lookup: StoryLookup, m: Messages): string {
  return `${isolate(safe(event.title), m)} ${citation(event.sourceIds.map((id) => lookup.citationNumbers.get(id)!))}${
    event.status === 'disputed' ? ` · ⚠️ ${m.disputed}` : ''
  }${correctedMark(lookup.correctedAt('event', event), m)}`;
}

function developmentBlock(event: SitrepEvent, lookup: StoryLookup, m: Messages): Block {
  return {
    text: `**${formatDateBounds(eventBounds(event), m.language)}** — ${eventHeadline(event, lookup, m)}\n${isolate(safe(event.summary), m)}`,
    sourceIds: event.sourceIds,
  };
}

/**
 * The timeline section: the briefing's events in order, ten a page, each numbered with a button that opens
 * its own page; « and » move ten pages at a time, so any event is a few taps away.
 */
function timelineSection({ briefing, lookup, m }: BriefView, page: number, ids: BriefIds): Reply {
  const { events } = briefing;
  const count = Math.max(1, Math.ceil(events.length / TIMELINE_PAGE_EVENTS));
  const current = clampPage(page, count);
  const start = (current - 1) * TIMELINE_PAGE_EVENTS;
  const shown = events.slice(start, start + TIMELINE_PAGE_EVENTS);
  const lines = shown.map(
    (event, index) =>
      `**${start + index + 1}.** ${formatDateBounds(eventBounds(event), m.language)} — ${eventHeadline(event, lookup, m)}`,
  );
  const lines_ = sourceLinesIn(lookup, m);
  const cited = shown.flatMap((event) => event.sourceIds);
  const body = lines.join('\n');
  const full = [body, sourcesBlock(lines_, cited, 'full', m.sources)].filter(Boolean).join('\n\n');
  const description = full.length <= LIMITS.embedDescription ? full : shorten([body, sourcesBlock(lines_, cited, 'short', m.sources)].filter(Boolean).join('\n\n'), LIMITS.embedDescription);
  const nav = [
    button('«', ids.section('timeline', Math.max(1, current - 10)), ButtonStyle.Secondary, current <= 1),
    button(m.previous, ids.section('timeline', current - 1 || 1), ButtonStyle.Secondary, current <= 1),
    button(m.next, ids.section('timeline', Math.min(count, current + 1)), ButtonStyle.Secondary, current >= count),
    button('»', ids.section('timeline', Math.min(count, current + 10)), ButtonStyle.Secondary, current >= count),
    button(`◂ ${m.phone.back}`, ids.back()),
  ];
  // Two buttons with the same custom_id are refused by Discord: a disabled one gets an id of its own.
  const seen = new Set<string>();
  const unique = nav.map((item, index) => {
    const id = item.custom_id as string;
    const distinct = seen.has(id) ? { ...item, custom_id: `${id}.${index}`, disabled: true } : item;
    seen.add(id);
    return distinct;
  });
  const open = shown.map((event, index) => button(String(start + index + 1), ids.openEvent(event.id)));
  return {
    embeds: [
      {
        title: shorten(m.phone.sectionTitle(m.phone.timeline, isolate(safe(briefing.story.title), m)), LIMITS.embedTitle),
        description,
        footer: { text: m.page(current, count, m.events(events.length)) },
      },
    ],
    components: rows([unique], open),
  };
}
