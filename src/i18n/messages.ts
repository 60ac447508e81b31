/** The languages replies are written in. Stored text (titles, quotes) stays in the language it was written or said in. */
export const LANGUAGES = ['en', 'ur', 'fa'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every label a reader sees around the stored text; each language must give them all (the type checks it). */
export interface Messages {
  language: Language;
  direction: 'ltr' | 'rtl';
  /** Its own name, for `/settings language`. */
  name: string;
  page(page: number, count: number, what: string): string;
  previous: string;
  next: string;
  sources: string;
  events(count: number): string;
  developments(count: number): string;
  disputed: string;
  timelineTitle(story: string, scope?: string): string;
  noEvents(story: string, scope?: string): string;
  timelinePicture(story: string): string;
  briefingTitle(story: string, since?: string): string;
  nothingNewSince(story: string, since: string): string;
  noEventsYet(story: string): string;
  oneDevelopment(date: string): string;
  developmentsBetween(count: number, from: string, to: string): string;
  mostRecent(title: string): string;
  latestDevelopments: string;
  whereEachSideStands: string;
  whatIsDisputed: string;
  corrections: string;
  correction: string;
  retracted: string;
  edited: string;
  scheduledBriefing: string;
  newSinceLast: string;
  continues: string;
}
