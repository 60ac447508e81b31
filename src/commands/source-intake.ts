/**
 * `/source add url:`, `/source add file:` and `/source paste` — a report's page, file or pasted text read
 * (src/intake) into the fields of the usual `/source add` preview: outlet, headline, link and publication date
 * with its precision. Its proposals (statements, figures, answers to stored claims) are kept as an intake for
 * `/intake review` (src/commands/intake.ts): the only write before the moderator accepts anything. The
 * source itself is saved by the preview's Confirm, as for a source typed into the form.
 */
import { UserError } from '../briefing/reply/reply.js';
import { plainDate } from '../briefing/render/format.js';
import type { Intake, Precision, StoreData } from '../data/schema.js';
import { type Article, IntakeError } from '../intake/article.js';
import { randomBytes } from 'node:crypto';
import { extractReport, type Proposals } from '../intake/extract.js';
import { INTAKE_LIFETIME_MS, intakeKinds, itemsFrom, sweepIntakes } from '../intake/review.js';
import { requireEditor } from './rights.js';
import { articleFrom } from '../intake/read.js';
import { readerMessages } from './shared.js';
import type { AttachmentRef, CommandContext } from './types.js';

/** Largest report file taken: a saved web page (the same 2 MB as a fetched page). */
export const MAX_REPORT_FILE_BYTES = 2 * 1024 * 1024;
const REPORT_FILE = /\.(?:txt|text|md|markdown|html?)$/i;

/** What the form's fields would hold, read from a report, and what the report did not say. */
export interface SourceFromReport {
  fields: { outlet: string; title: string; url: string; date: string };
  publishedAt?: string;
  publishedPrecision?: Precision;
  /** Direct quotations the intake found (statements, not terms); undefined when extraction failed. */
  quotations?: number;
  missing: Array<'outlet' | 'date'>;
  /** What the report proposes, for the intake; undefined when extraction failed. */
  proposals?: Proposals;
}

/** The story a report is read against: its sides and actors name speakers, its records mark duplicates. */
export interface StoryScope {
  id: string;
  sides: ReadonlyArray<{ id: string; name: string; aliases?: readonly string[] }>;
}

const clipped = (text: string | undefined, max: number) => {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The date as the form shows it: a UTC instant as typed ("2024-01-18 11:26 UTC" is not parsed back: the instant itself is). */
const dateField = (value: string | undefined, precision: Precision | undefined) => (!value || !precision ? '' : precision === 'minute' ? value : plainDate(value, precision));

/**
 * A report's fields for the source form. Pure: `fallbackOutlet` (the link's site, or the file's name) is
 * used, and flagged, when the report does not name its outlet.
 */
export function sourceFromArticle(
  article: Article,
  options: { link?: string; fallbackOutlet: string; now: Date; timeZone: string; story?: StoryScope; data?: Readonly<StoreData> },
): SourceFromReport {
  const outlet = clipped(article.outlet, 100);
  const link = options.link && options.link.length <= 300 ? options.link : '';
  let quotations: number | undefined;
  let proposals: Proposals | undefined;
  try {
    const { story, data } = options;
    const scoped = story && data
      ? {
          story: { id: story.id, sides: story.sides, actors: data.actors.filter((actor) => actor.storyId === story.id) },
          known: { statements: data.statements.filter((s) => s.storyId === story.id), claims: data.claims.filter((c) => c.storyId === story.id) },
        }
      : {};
    proposals = extractReport(article, { now: options.now, timeZone: options.timeZone, ...scoped });
    quotations = proposals.statements.length;
  } catch (error) {
    if (!(error instanceof IntakeError)) throw error;
  }
  return {
    fields: {
      outlet: outlet || clipped(options.fallbackOutlet, 100),
      title: clipped(article.title, 256),
      url: link,
      date: dateField(article.publishedAt, article.publishedPrecision),
    },
    ...(article.publishedAt && article.publishedPrecision ? { publishedAt: article.publishedAt, publishedPrecision: article.publishedPrecision } : {}),
    ...(quotations !== undefined ? { quotations } : {}),
    ...(proposals ? { proposals } : {}),
    missing: [...(outlet ? [] : ['outlet' as const]), ...(article.publishedAt ? [] : ['date' as const])],
  };
}

/** The site a link names, for a report that does not name its outlet ("www.example.com" → "example.com"). */
const siteOf = (link: string) => {
  try {
    return new URL(link).hostname.replace(/^www\./, '');
  } catch {
    return link;
  }
};

/** An intake refusal as the polite reply that offers the other routes. */
function refused<T>(from: 'link' | 'file', context: CommandContext, read: () => Promise<T>): Promise<T> {
  return read().catch((error: unknown) => {
    if (error instanceof IntakeError) throw new UserError(readerMessages(context).moderation.reportNotRead(error.message, from));
    throw error;
  });
}

/** The report behind a link, fetched safely (after the caller deferred: it may take seconds). */
export function sourceFromLink(link: string, context: CommandContext, story?: StoryScope): Promise<SourceFromReport> {
  return refused('link', context, async () => {
    if (!context.fetchPage) throw new IntakeError('Links are fetched in Discord only; offline, use `npm run intake -- <link>`.');
    const page = await context.fetchPage(link.trim());
    const article = articleFrom(page.kind, page.text);
    return sourceFromArticle(article, { link: page.url, fallbackOutlet: siteOf(page.url), now: context.now, timeZone: context.timeZone, ...scopeOf(story, context) });
  });
}

/** The report in an attached .txt, .html or .md file: UTF-8 text, at most MAX_REPORT_FILE_BYTES. */
export function sourceFromFile(file: AttachmentRef, context: CommandContext, story?: StoryScope): Promise<SourceFromReport> {
  const m = readerMessages(context).moderation;
  if (!REPORT_FILE.test(file.name) || (file.contentType && !/^text\/|^application\/xhtml\+xml\b/i.test(file.contentType))) {
    return Promise.reject(new UserError(m.notReportFile(clipped(file.name, 100))));
  }
  return refused('file', context, async () => {
    if (file.size > MAX_REPORT_FILE_BYTES) throw new IntakeError(`The file is ${Math.ceil(file.size / 1024)} KB; a report file is at most ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB.`);
    if (!context.download) throw new IntakeError('Attachments are read in Discord only; offline, use `npm run intake -- <file>`.');
    const text = await context.download(file.url, MAX_REPORT_FILE_BYTES);
    // The download is decoded as UTF-8: a NUL is binary data, a replacement character a byte that is not UTF-8.
    if (text.includes('\u0000')) throw new IntakeError('The file is not text (it holds binary data).');
    if (text.includes('\uFFFD')) throw new IntakeError('The file is not UTF-8 text. Save it as UTF-8 and try again.');
    const article = articleFrom(/\.html?$/i.test(file.name) ? 'html' : 'text', text.replace(/^\uFEFF/, ''));
    return sourceFromArticle(article, { fallbackOutlet: file.name.replace(/\.[^.]+$/, ''), now: context.now, timeZone: context.timeZone, ...scopeOf(story, context) });
  });
}

const scopeOf = (story: StoryScope | undefined, context: CommandContext) => (story ? { story, data: context.store.read() } : {});

/** The longest report text the paste form takes: a Discord form's paragraph field holds 4,000 characters. */
export const MAX_PASTED_TEXT = 4000;

/**
 * `/source paste`: a short report's text typed or pasted into the form, with its outlet, headline and date
 * as typed (over what the text itself says). Pure apart from reading the store.
 */
export function sourceFromText(text: string, typed: { outlet?: string; title?: string; published?: { value: string; precision: Precision }; link?: string }, context: CommandContext, story?: StoryScope): SourceFromReport {
  const m = readerMessages(context).moderation;
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\u0000')) throw new UserError(m.reportNotRead('The text holds binary data.', 'file'));
  let article: Article;
  try {
    article = articleFrom('text', body);
  } catch (error) {
    if (error instanceof IntakeError) throw new UserError(m.reportNotRead(error.message, 'file'));
    throw error;
  }
  const read: Article = {
    ...article,
    ...(typed.outlet ? { outlet: typed.outlet } : {}),
    ...(typed.title ? { title: typed.title } : {}),
    ...(typed.published ? { publishedAt: typed.published.value, publishedPrecision: typed.published.precision } : {}),
  };
  return sourceFromArticle(read, { ...(typed.link ? { link: typed.link } : {}), fallbackOutlet: typed.outlet ?? 'Pasted report', now: context.now, timeZone: context.timeZone, ...scopeOf(story, context) });
}

const newIntakeId = () => randomBytes(9).toString('base64url');

/**
 * Keeps what a report proposes as an intake for `/intake review` (plain data in the store, 7 days unless
 * kept) and returns its id with what it holds; nothing when extraction failed. The only write before the
 * moderator accepts anything: no story record is touched. Not audited, like a preview.
 */
export async function keepIntake(found: SourceFromReport, storyId: string, from: Intake['source']['from'], context: CommandContext): Promise<{ id: string; statements: number; figures: number; accounts: number } | undefined> {
  if (!found.proposals) return undefined;
  const guildId = requireEditor(context);
  const data = context.store.read();
  const story = data.stories.find((candidate) => candidate.id === storyId);
  if (!story) return undefined;
  const items = itemsFrom(found.proposals, story, data);
  const { outlet, title, url } = found.fields;
  const intake: Intake = {
    id: newIntakeId(),
    storyId,
    guildId,
    authorId: context.userId,
    authorName: clipped(context.userName, 100) || context.userId,
    createdAt: context.now.toISOString(),
    expiresAt: new Date(context.now.getTime() + INTAKE_LIFETIME_MS).toISOString(),
    source: {
      outlet,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      ...(found.publishedAt && found.publishedPrecision ? { publishedAt: found.publishedAt, publishedPrecision: found.publishedPrecision } : {}),
      from,
    },
    items,
    notes: [...found.proposals.questions, ...found.proposals.notes].slice(0, 20).map((note) => clipped(note, 500)),
  };
  await context.store.update((draft) => {
    sweepIntakes(draft, context.now);
    draft.intakes.push(intake);
  });
  return { id: intake.id, ...intakeKinds(intake) };
}
