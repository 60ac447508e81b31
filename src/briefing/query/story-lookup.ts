import type { Actor, Side, Source, StoreData, Story } from '../../data/schema.js';
import type { Language, Messages } from '../../i18n/index.js';
import { correctedAt, correctionIndex, recordKey, type CorrectableKind, type CorrectableRecord } from './corrections.js';
import { memoByState } from '../cache/memo.js';
import { citationNumbers, storySources } from './queries.js';
import { sourceLines, type SourceLine } from '../render/citations.js';

/** What every renderer needs to name sides and actors and cite sources, built once per state. */
export interface StoryLookup {
  story: Story;
  sides: ReadonlyMap<string, Side>;
  actors: ReadonlyMap<string, Actor>;
  sources: readonly Source[];
  citationNumbers: ReadonlyMap<string, number>;
  sourceLines: ReadonlyMap<string, SourceLine>;
  /** When a record was last corrected (for its "corrected <date>" mark), or undefined. */
  correctedAt(entity: CorrectableKind, record: CorrectableRecord): string | undefined;
}

const lookupFor = memoByState((data: Readonly<StoreData>, storyId: string): StoryLookup => {
  const story = data.stories.find((candidate) => candidate.id === storyId)!;
  const sources = storySources(data, storyId);
  const numbers = citationNumbers(sources);
  // The store's corrections by record, fetched once for this state when a line first asks.
  let corrections: ReturnType<typeof correctionIndex> | undefined;
  return {
    story,
    sides: new Map(story.sides.map((side) => [side.id, side])),
    actors: new Map(data.actors.filter((actor) => actor.storyId === storyId).map((actor) => [actor.id, actor])),
    sources,
    citationNumbers: numbers,
    sourceLines: sourceLines(sources, numbers),
    correctedAt: (entity, record) => correctedAt(record as Parameters<typeof correctedAt>[0], (corrections ??= correctionIndex(data)).get(recordKey(entity, record.id)) ?? []),
  };
});

export function storyLookup(data: Readonly<StoreData>, story: Story): StoryLookup {
  return lookupFor(data, story.id);
}

const localLines = new WeakMap<StoryLookup, Map<Language, ReadonlyMap<string, SourceLine>>>();

/** The story's source lines in the reader's language (dates, "undated"), built once per state and language. */
export function sourceLinesIn(lookup: StoryLookup, m: Messages): ReadonlyMap<string, SourceLine> {
  if (m.language === 'en') return lookup.sourceLines;
  let byLanguage = localLines.get(lookup);
  if (!byLanguage) localLines.set(lookup, (byLanguage = new Map()));
  let lines = byLanguage.get(m.language);
  if (!lines) byLanguage.set(m.language, (lines = sourceLines(lookup.sources, lookup.citationNumbers, m)));
  return lines;
}
