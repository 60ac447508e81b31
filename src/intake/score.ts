/**
 * How well proposals match a gold list: quote recall and precision (a quote matches when its words are the
 * same, punctuation and case aside), speaker accuracy over the matched quotes, dates right, figures found.
 * Used by `npm run bench:intake` and by the tests on the project's own reports.
 */
import type { Proposals } from './extract.js';
import { matchStory, type StoryContext } from './speakers.js';
import { quoteKey } from './statements.js';

export interface GoldStatement {
  quote: string;
  speaker: string;
  saidAt: string | null;
  saidUntil?: string | null;
  via?: string;
}

export interface GoldReport {
  statements: GoldStatement[];
  dates?: Array<{ text: string; value: string | null; until?: string }>;
  figures?: Array<{ outcome: string; low: number | null; who?: string; claimant?: string }>;
}

export interface Score {
  gold: number;
  proposed: number;
  matched: number;
  recall: number;
  precision: number;
  speakersRight: number;
  speakerAccuracy: number;
  datesRight: number;
  datesTotal: number;
  figuresFound: number;
  figuresTotal: number;
  misses: string[];
}

const cleanName = (name: string) => name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();

/** A speaker's identity: the story's actor it names, else the side it names alone, else its words. */
function identity(name: string, story: StoryContext | undefined): { actor?: string; side?: string; words: string } {
  const clean = cleanName(name);
  const words = clean.toLowerCase().replace(/[’']s\b/g, '').replace(/ministry of foreign affairs/g, 'foreign ministry').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^(?:the|a|an|one) /, '');
  const found = matchStory(clean, undefined, story);
  const sideOnly = story?.sides.find((side) => [side.name, ...(side.aliases ?? [])].some((alias) => alias.toLowerCase() === clean.toLowerCase()));
  return { ...(found.actorId ? { actor: found.actorId } : {}), ...(sideOnly ? { side: sideOnly.id } : {}), words };
}

export function sameSpeaker(proposed: { speaker: string | null; actor?: string | null; side?: string | null }, gold: string, story: StoryContext | undefined): boolean {
  if (!proposed.speaker) return false;
  const want = identity(gold, story);
  const got = identity(proposed.speaker, story);
  if (want.actor) return (proposed.actor ?? got.actor) === want.actor || got.words === want.words;
  if (want.side && !want.actor) return got.words === want.words || (!!got.side && got.side === want.side);
  return got.words === want.words;
}

export function scoreReport(proposals: Proposals, gold: GoldReport, story: StoryContext | undefined): Score {
  const misses: string[] = [];
  const used = new Set<number>();
  let matched = 0;
  let speakersRight = 0;
  let datesRight = 0;
  let datesTotal = 0;
  for (const want of gold.statements) {
    const index = proposals.statements.findIndex((got, i) => !used.has(i) && quoteKey(got.quote) === quoteKey(want.quote));
    datesTotal++;
    if (index < 0) {
      misses.push(`missed “${want.quote}” (${want.speaker})`);
      continue;
    }
    used.add(index);
    matched++;
    const got = proposals.statements[index]!;
    if (sameSpeaker(got, want.speaker, story)) speakersRight++;
    else misses.push(`speaker of “${want.quote.slice(0, 50)}”: ${got.speaker ?? 'none'}, gold ${want.speaker}`);
    if (got.saidAt === want.saidAt && (got.saidUntil ?? null) === (want.saidUntil ?? null)) datesRight++;
    else misses.push(`date of “${want.quote.slice(0, 50)}”: ${got.saidAt}${got.saidUntil ? `–${got.saidUntil}` : ''}, gold ${want.saidAt}${want.saidUntil ? `–${want.saidUntil}` : ''}`);
  }
  proposals.statements.forEach((got, i) => {
    if (!used.has(i)) misses.push(`extra “${got.quote.slice(0, 60)}” (${got.speaker ?? 'no speaker'})`);
  });
  for (const want of gold.dates ?? []) {
    datesTotal++;
    const got = proposals.dates.find((date) => date.text.toLowerCase() === want.text.toLowerCase() && (date.value ?? null) === want.value && (date.until ?? undefined) === want.until);
    if (got) datesRight++;
    else misses.push(`date '${want.text}': gold ${want.value}${want.until ? `–${want.until}` : ''}`);
  }
  let figuresFound = 0;
  for (const want of gold.figures ?? []) {
    const got = proposals.figures.find(
      (figure) => figure.outcome === want.outcome && figure.low === want.low && (!want.who || figure.who === want.who) && (!want.claimant || cleanName(figure.claimant).toLowerCase() === want.claimant.toLowerCase()),
    );
    if (got) figuresFound++;
    else misses.push(`figure ${want.outcome} ${want.low} ${want.who ?? ''} (${want.claimant ?? ''})`);
  }
  const gold_ = gold.statements.length;
  const proposed = proposals.statements.length;
  return {
    gold: gold_,
    proposed,
    matched,
    recall: gold_ ? matched / gold_ : 1,
    precision: proposed ? matched / proposed : 1,
    speakersRight,
    speakerAccuracy: matched ? speakersRight / matched : 1,
    datesRight,
    datesTotal,
    figuresFound,
    figuresTotal: gold.figures?.length ?? 0,
    misses,
  };
}
