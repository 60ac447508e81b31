/**
 * From a report to proposals: its statements (quote, speaker, role, side, when said, via), the dates it
 * mentions, its figures per claimant, and what the store already has. A pure function of the article, the
 * story and `now`; nothing is written. This object is what `npm run intake -- --json` prints.
 */
import type { Precision } from '../data/schema.js';
import { type Article, IntakeError, MAX_TEXT } from './article.js';
import { type FoundDate, findDates, saidDate } from './dates.js';
import { findFigures, type Outcome } from './figures.js';
import { matchStory, type StoryContext } from './speakers.js';
import { claimantAt, findStatements, quoteKey, type SentenceFrame } from './statements.js';
import { readParagraphs, wordCount } from './text.js';

export interface KnownRecords {
  statements: ReadonlyArray<{ id: string; quote: string; speaker: string; actorId?: string; retraction?: unknown }>;
  claims: ReadonlyArray<{ id: string; question: string; accounts: ReadonlyArray<{ position: string; sourceId: string }>; retraction?: unknown }>;
}

export interface IntakeOptions {
  now: Date;
  /** The story's zone: relative dates are read as calendar days in it. */
  timeZone: string;
  story?: StoryContext & { id: string };
  /** The store's records of that story, for duplicates and answers to open questions. */
  known?: KnownRecords;
  /** What the moderator says about the source, over what the page says. */
  outlet?: string;
  title?: string;
  published?: { value: string; precision: Precision };
}

export interface ProposedStatement {
  quote: string;
  speaker: string | null;
  role: string | null;
  side: string | null;
  actor: string | null;
  saidAt: string | null;
  precision: Precision | null;
  saidUntil?: string;
  untilPrecision?: Precision;
  dateBasis: string | null;
  via: string | null;
  /** How the speaker was found: named, pronoun (he/she/they/the ministry, or a quote that runs on), inferred (no one named: the sentence's side). */
  attribution: 'named' | 'pronoun' | 'inferred' | 'none';
  headline: boolean;
  paragraph: number;
  /** The id of the stored statement with the same words and speaker. */
  duplicateOf?: string;
}

export interface ProposedFigure {
  outcome: Outcome;
  low: number | null;
  high?: number;
  qualifier: string | null;
  who: string | null;
  claimant: string;
  claimantSide: string | null;
  source: string;
  saidAt: string | null;
  precision: Precision | null;
  saidUntil?: string;
  text: string;
}

export interface ProposedAccount {
  claimId: string;
  question: string;
  text: string;
  /** The stored account's position the sentence names, when it names one. */
  position: string | null;
}

export interface Proposals {
  source: { outlet: string | null; title: string | null; publishedAt: string | null; publishedPrecision: Precision | null };
  statements: ProposedStatement[];
  /** Quoted words that are not statements: a word or two quoted for distance, names of operations and groups. */
  terms: Array<{ quote: string; paragraph: number }>;
  figures: ProposedFigure[];
  dates: Array<Omit<FoundDate, 'at' | 'possessive'>>;
  accounts: ProposedAccount[];
  /** What the moderator must answer ("the report has no publication date"). */
  questions: string[];
  /** What the reader should know ("no quotations", "an unbalanced quotation mark in paragraph 4"). */
  notes: string[];
  words: number;
}

const STOP = new Set('the a an of to in on at by for with and or did does do was were is are what who whom which when where why how after before its it his her their that this'.split(' '));
const stems = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 2 && !STOP.has(word))
      .map((word) => word.slice(0, 4)),
  );

export function extractReport(article: Article, options: IntakeOptions): Proposals {
  const total = article.paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  if (total > MAX_TEXT) throw new IntakeError(`The report is too long to read (${Math.round(total / 1000)} k characters; the limit is ${MAX_TEXT / 1000} k).`);
  const outlet = options.outlet ?? article.outlet ?? null;
  const title = options.title ?? article.title ?? null;
  const published = options.published ?? (article.publishedAt ? { value: article.publishedAt, precision: article.publishedPrecision ?? 'day' } : undefined);
  const lines = options.title && article.title && article.paragraphs[0] === article.title ? [options.title, ...article.paragraphs.slice(1)] : article.paragraphs;
  const paragraphs = readParagraphs(lines);
  const story = options.story;
  const reportName = outlet ?? 'the';
  const source = { outlet: reportName, ...(published ? { publishedAt: published.value, publishedPrecision: published.precision } : {}) };
  const dates = findDates(paragraphs, { now: options.now, timeZone: options.timeZone, source });
  const day = published && (published.precision === 'day' || published.precision === 'minute') ? dayOf(published.value, published.precision, options.timeZone) : undefined;
  const { quotes, sentences } = findStatements(paragraphs, { ...(story ? { story } : {}), ...(title ? { headline: title } : {}) });
  const sentenceAt = (paragraph: number, at: number) => sentences.find((s) => s.paragraph === paragraph && at >= s.start && at < s.end);
  const questions: string[] = [];
  const notes: string[] = [];
  if (!published || !day) questions.push('The report has no publication date (to the day): when was it published? Relative dates ("on Tuesday", "yesterday") are worked out from it.');
  for (const paragraph of paragraphs) {
    for (const at of paragraph.unbalanced) notes.push(`Paragraph ${paragraph.index + 1} opens a quotation mark that never closes (at "${paragraph.text.slice(at, at + 40)}…"); the words after it are not taken as a quote.`);
  }
  const statements: ProposedStatement[] = [];
  const terms: Proposals['terms'] = [];
  for (const found of quotes) {
    if (found.kind === 'term') {
      terms.push({ quote: found.quote, paragraph: found.paragraph });
      continue;
    }
    const sentence = sentences.find((s) => s.paragraph === found.paragraph && paragraphs[found.paragraph]!.text.slice(s.start, s.end) === found.sentence);
    const own = { paragraph: found.paragraph, sentenceStart: sentence?.start ?? 0, sentenceEnd: sentence?.end ?? 0 };
    // A quote that runs on from an earlier paragraph, or repeats a body quote, was said on that occasion unless its own sentence dates it.
    const occasion = found.occasion && !found.headline && !datedIn(dates, own) ? { paragraph: found.occasion.paragraph, sentenceStart: found.occasion.start, sentenceEnd: found.occasion.end } : undefined;
    const when = found.present && day && !found.headline && !found.occasion
      ? { saidAt: day, precision: 'day' as const, dateBasis: `Reported in the present tense: as of the day of the ${reportName} report, ${day}.` }
      : found.headline && found.occasion
      ? saidDate(dates, { paragraph: found.occasion.paragraph, sentenceStart: found.occasion.start, sentenceEnd: found.occasion.end }, { outlet: reportName, ...(day ? { day } : {}) })
      : found.headline && day
      ? { saidAt: day, precision: 'day' as const, dateBasis: `In the headline: taken as the day of the ${reportName} report, ${day}.` }
      : saidDate(dates, occasion ?? own, { outlet: reportName, ...(day ? { day } : {}) });
    const speaker = found.speaker;
    const duplicate = speaker && options.known?.statements.find((stored) => !stored.retraction && quoteKey(stored.quote) === quoteKey(found.quote) && sameSpeaker(stored, speaker, story));
    statements.push({
      quote: found.quote,
      speaker: speaker?.name ?? null,
      role: speaker?.role ?? null,
      side: speaker?.sideId ?? null,
      actor: speaker?.actorId ?? null,
      saidAt: when.saidAt ?? null,
      precision: when.precision ?? null,
      ...('saidUntil' in when && when.saidUntil ? { saidUntil: when.saidUntil, untilPrecision: when.untilPrecision! } : {}),
      dateBasis: when.dateBasis ?? ('problem' in when ? (when.problem ?? null) : null),
      via: found.via ?? null,
      attribution: speaker ? speaker.how : 'none',
      headline: found.headline,
      paragraph: found.paragraph,
      ...(duplicate ? { duplicateOf: duplicate.id } : {}),
    });
  }
  if (!statements.length) notes.push('The report has no quotations to propose as statements; the source itself can still be added.');
  const figures = findFigures(paragraphs).map((figure): ProposedFigure => {
    const sentence = sentenceAt(figure.paragraph, figure.at);
    const claimant = sentence ? claimantAt(sentence, figure.at - sentence.start, story) : undefined;
    const when = sentence ? saidDate(dates, { paragraph: figure.paragraph, sentenceStart: sentence.start, sentenceEnd: sentence.end }, { outlet: reportName, ...(day ? { day } : {}) }) : {};
    return {
      outcome: figure.outcome,
      low: figure.low,
      ...(figure.high !== undefined ? { high: figure.high } : {}),
      qualifier: figure.qualifier ?? null,
      who: figure.who ?? null,
      claimant: claimant?.name ?? outlet ?? 'the report',
      claimantSide: claimant?.sideId ?? null,
      source: outlet ?? 'the report',
      saidAt: when.saidAt ?? null,
      precision: when.precision ?? null,
      ...(when.saidUntil ? { saidUntil: when.saidUntil } : {}),
      text: figure.text,
    };
  });
  return {
    source: { outlet, title, publishedAt: published?.value ?? null, publishedPrecision: published?.precision ?? null },
    statements,
    terms,
    figures,
    dates: dates.map(({ at: _at, possessive: _possessive, ...date }) => date),
    accounts: answers(sentences, paragraphs.map((p) => p.text), options.known, story),
    questions,
    notes,
    words: paragraphs.reduce((sum, paragraph) => sum + wordCount(paragraph.text), 0),
  };
}

function sameSpeaker(stored: { speaker: string; actorId?: string }, speaker: { name: string; actorId?: string }, story: StoryContext | undefined): boolean {
  if (stored.actorId && speaker.actorId) return stored.actorId === speaker.actorId;
  const storedKey = stored.actorId ?? matchStory(stored.speaker, undefined, story).actorId ?? stored.speaker.toLowerCase();
  return storedKey === (speaker.actorId ?? speaker.name.toLowerCase()) || stored.speaker.toLowerCase() === speaker.name.toLowerCase();
}

/** Whether a sentence dates what is said in it (a date of its own, not a possessive one, not inside a quote). */
function datedIn(dates: readonly FoundDate[], where: { paragraph: number; sentenceStart: number; sentenceEnd: number }): boolean {
  return dates.some((date) => !date.inQuote && !date.possessive && date.paragraph === where.paragraph && date.at >= where.sentenceStart && date.at < where.sentenceEnd);
}

function dayOf(value: string, precision: Precision, timeZone: string): string {
  if (precision !== 'minute') return value;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
  return parts;
}

/** Sentences that answer a stored claim's question: most of its words, with the stored position they name. */
function answers(sentences: readonly SentenceFrame[], texts: readonly string[], known: KnownRecords | undefined, story: StoryContext | undefined): ProposedAccount[] {
  if (!known) return [];
  const out: ProposedAccount[] = [];
  // The question's own words, without the story's names (every sentence names Iran and Pakistan): its verb first.
  const names = stems((story?.sides ?? []).flatMap((side) => [side.name, ...(side.aliases ?? [])]).join(' '));
  for (const claim of known.claims) {
    if (claim.retraction) continue;
    const wanted = new Set([...stems(claim.question)].filter((stem) => !names.has(stem)));
    const verb = [...wanted][0];
    if (!verb) continue;
    let best: { score: number; text: string } | undefined;
    for (const sentence of sentences) {
      const text = texts[sentence.paragraph]!.slice(sentence.start, sentence.end);
      const have = stems(text);
      const score = [...wanted].filter((stem) => have.has(stem)).length / wanted.size;
      if (have.has(verb) && score >= 0.5 && (!best || score > best.score)) best = { score, text };
    }
    if (!best) continue;
    const lower = best.text.toLowerCase().replace(/’/g, "'");
    const position = claim.accounts.map((account) => account.position).find((position) => lower.includes(position.toLowerCase().replace(/’/g, "'")));
    out.push({ claimId: claim.id, question: claim.question, text: best.text, position: position ?? null });
  }
  return out;
}
