import { LIMITS } from '../reply/limits.js';
import { closeBidi } from '../render/format.js';
import { shorten } from '../render/paginate.js';
import { nearWords, wordsOf } from './words.js';
import type { Choice } from '../../commands/types.js';

export interface Candidate {
  /** What the option receives: an id. */
  value: string;
  /** What the person sees in the list. */
  name: string;
  /** Further words that should find it: aliases, roles, dates. */
  keywords?: string;
}

/**
 * Ranks candidates for what has been typed so far: those whose words include every typed word
 * exactly, then those whose words start with every typed word, in the candidates' own order; only
 * when that finds fewer than 25 are typos forgiven (fuzzy search). With nothing typed, the
 * candidates in their order.
 */
export function rankCandidates(candidates: readonly Candidate[], typed: string): Choice[] {
  const query = typed.trim();
  const ranked = query === '' ? candidates : search(candidates, query);
  return ranked.slice(0, LIMITS.autocompleteChoices).map((candidate) => ({
    // Stored text in a choice: a directional control it opens cannot run on past it or reverse the list.
    name: shorten(closeBidi(candidate.name), LIMITS.choiceName),
    value: candidate.value,
  }));
}

interface Prepared {
  words: string[];
  /** Every word of every candidate, for finding what a typo was meant to be (built on the first typo). */
  vocabulary?: Set<string>;
}

const prepared = new WeakMap<readonly Candidate[], Prepared>();

/**
 * A candidate's folded words as one string, " word word … ", worked out once per candidate object
 * (event candidates outlive store states). One string rather than an array of words: a 100k-event
 * story keeps 100k of them.
 */
const wordCache = new WeakMap<Candidate, string>();
function candidateWords(candidate: Candidate): string {
  let words = wordCache.get(candidate);
  if (words === undefined) {
    words = ` ${[...wordsOf(candidate.value), ...wordsOf(candidate.name), ...wordsOf(candidate.keywords ?? '')].join(' ')} `;
    wordCache.set(candidate, words);
  }
  return words;
}

/** Callers pass the same array for the same store state, so its words and index are built once. */
function search(candidates: readonly Candidate[], query: string): Candidate[] {
  let ready = prepared.get(candidates);
  if (!ready) {
    ready = { words: candidates.map(candidateWords) };
    prepared.set(candidates, ready);
  }
  const typed = wordsOf(query);
  const whole = typed.map((word) => ` ${word} `);
  const starts = typed.map((word) => ` ${word}`);
  const exact: Candidate[] = [];
  const prefix: Candidate[] = [];
  ready.words.forEach((words, i) => {
    // A whole word is also a word start, so one test rules out most candidates.
    if (!starts.every((word) => words.includes(word))) return;
    if (whole.every((word) => words.includes(word))) exact.push(candidates[i]!);
    else if (prefix.length < LIMITS.autocompleteChoices) prefix.push(candidates[i]!);
  });
  const found = [...exact, ...prefix];
  if (found.length >= LIMITS.autocompleteChoices) return found;
  return [...new Set([...found, ...forgiving(candidates, ready, typed)])];
}

/**
 * Typos forgiven, as the full-text search forgives them (`nearWords`, the same folded words): a
 * candidate matches a typed word by a word that is it, starts with it, or is one of its near
 * spellings; those matching more of the typed words come first, then in the candidates' order.
 */
function forgiving(candidates: readonly Candidate[], ready: Prepared, typed: readonly string[]): Candidate[] {
  const vocabulary = (ready.vocabulary ??= new Set(ready.words.flatMap((words) => words.split(' ').filter(Boolean))));
  const spellings = typed.map((word) => [` ${word}`, ...nearWords(word, vocabulary).map((near) => ` ${near} `)]);
  const scored: Array<{ candidate: Candidate; matched: number }> = [];
  ready.words.forEach((words, i) => {
    const matched = spellings.filter((forms) => forms.some((form) => words.includes(form))).length;
    if (matched > 0) scored.push({ candidate: candidates[i]!, matched });
  });
  return scored.sort((a, b) => b.matched - a.matched).map(({ candidate }) => candidate);
}
