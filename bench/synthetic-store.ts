import { SCHEMA_VERSION, type StoreData } from '../src/data/schema.js';

/**
 * A synthetic story of `events` events, deterministic for a given size, in the bundled story's
 * shape: a statement per event, a disputed claim per ten events, a source per twenty events.
 */
export function syntheticStore(events: number): StoreData {
  let seed = events;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // A news-like vocabulary: a few common words, a long tail of rarer ones (about 3,000 in all), so a
  // query matches a realistic share of the story instead of nearly all of it.
  const common = 'border strike ministry statement province convoy talks ceasefire envoy protest drone missile militants village market council'.split(' ');
  const syllables = 'ka ri mo ta le su na vi do pe ra lo mi ze bu sha ko ni fa tu'.split(' ');
  const rare = Array.from({ length: 3000 }, (_, i) => syllables[i % 20]! + syllables[Math.floor(i / 20) % 20]! + syllables[Math.floor(i / 400) % 20]!);
  const word = () => (random() < 0.15 ? pick(common) : rare[Math.floor(rare.length * random() ** 2)]!);
  const phrase = (count: number) => Array.from({ length: count }, word).join(' ');
  const storyId = 'bench-story';
  const sides = ['north', 'south', 'east', 'west', 'observers', 'analysts'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1), aliases: [] }));
  const sourceCount = Math.max(2, Math.ceil(events / 20));
  const sources = Array.from({ length: sourceCount }, (_, i) => ({
    id: `source-${i}`,
    storyId,
    outlet: `Outlet ${i % 40}`,
    title: `Report ${i}: ${phrase(6)}`,
    publishedAt: '2024-01-18',
    publishedPrecision: 'day' as const,
  }));
  const actors = Array.from({ length: 50 }, (_, i) => ({ id: `actor-${i}`, storyId, name: `Actor ${i}`, role: `Role of actor ${i}`, sideId: sides[i % sides.length]!.id }));
  const start = Date.UTC(2020, 0, 1);
  const dayOf = (i: number) => new Date(start + Math.floor((i / events) * 4 * 365) * 86_400_000).toISOString().slice(0, 10);
  const eventList = Array.from({ length: events }, (_, i) => {
    const minute = i % 5 === 0;
    const day = dayOf(i);
    return {
      id: `event-${i}`,
      storyId,
      occurredAt: minute ? `${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z` : day,
      precision: minute ? ('minute' as const) : ('day' as const),
      title: `Event ${i}: ${phrase(5)}`,
      summary: `${phrase(30)}.`,
      location: i % 3 === 0 ? `Place ${i % 97}` : undefined,
      sideIds: [sides[i % 6]!.id, sides[(i + 1) % 6]!.id],
      actorIds: [actors[i % 50]!.id],
      sourceIds: [sources[i % sourceCount]!.id],
      significance: 1 + (i % 5),
      status: i % 17 === 0 ? ('disputed' as const) : ('reported' as const),
      revision: 1,
      createdAt: new Date(start + i * 60_000).toISOString(),
      createdBy: 'bench',
    };
  });
  const statements = eventList.map((event, i) => ({
    id: `statement-${i}`,
    storyId,
    eventId: event.id,
    actorId: actors[i % 50]!.id,
    speaker: `Actor ${i % 50}`,
    sideId: actors[i % 50]!.sideId,
    quote: `${phrase(18)}.`,
    saidAt: event.occurredAt.slice(0, 10),
    precision: 'day' as const,
    sourceIds: event.sourceIds,
  }));
  const claims = Array.from({ length: Math.ceil(events / 10) }, (_, i) => ({
    id: `claim-${i}`,
    storyId,
    eventId: `event-${i * 10}`,
    question: `Who ${phrase(4)}?`,
    kind: 'conflict' as const,
    accounts: [0, 1].map((j) => ({ position: `position ${j}`, text: `${phrase(15)}.`, sideId: sides[(i + j) % 6]!.id, sourceId: sources[(i + j) % sourceCount]!.id })),
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    stories: [{ id: storyId, title: 'Benchmark story', summary: 'A synthetic story for measurements.', sides, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }],
    actors,
    sources,
    events: eventList,
    statements,
    claims,
    audit: [],
    guilds: [],
    schedules: [],
    previews: [],
    intakes: [],
    positions: [],
  };
}
