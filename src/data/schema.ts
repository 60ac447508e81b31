import { z } from 'zod';
import { LANGUAGES } from '../i18n/messages.js';
import { isValidCalendarDate, precisionOfDate } from './dates.js';
import { rangeProblem } from './date-range.js';

export const SCHEMA_VERSION = 1;

/** Lower-case slug ids: readable in autocomplete, safe inside a component custom_id. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a slug: a-z, 0-9 and "-", at most 40 characters');

/** A known instant: UTC ISO-8601 ending in Z. */
export const InstantSchema = z.iso.datetime({ offset: false });

export const PrecisionSchema = z.enum(['year', 'month', 'day', 'minute']);

/**
 * A date at its precision: `2019` (year), `2024-01` (month), `2024-01-16` (day) — calendar values,
 * never turned into midnight UTC — or `2024-01-18T06:26:00Z` (minute, a UTC instant).
 */
export const PartialDateSchema = z
  .string()
  .refine((value) => precisionOfDate(value) !== undefined && isValidCalendarDate(value), {
    message: 'must be YYYY, YYYY-MM, YYYY-MM-DD or a UTC instant YYYY-MM-DDTHH:mm(:ss)Z',
  });

/** A zone name the platform's Intl knows (IANA, e.g. "Asia/Karachi", or "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ShortText = (max: number) => z.string().trim().min(1).max(max);

export const SideSchema = z.strictObject({
  id: IdSchema,
  name: ShortText(100),
  aliases: z.array(ShortText(100)).default([]),
  description: ShortText(300).optional(),
});

/** Withdrawn from every briefing but kept in the record, findable by id with its reason. */
export const RetractionSchema = z.strictObject({
  at: InstantSchema,
  by: ShortText(100),
  reason: ShortText(500),
});

/**
 * How a correctable record (statement, claim, source, story) keeps its corrections: `revision` counts
 * confirmed edits (absent = 1, never edited), checked against concurrent edits; `updatedAt` is the last;
 * `retraction` withdraws it. What changed and why lives in the audit trail (before/after, reason).
 */
const correctable = {
  revision: z.number().int().min(1).optional(),
  updatedAt: InstantSchema.optional(),
  retraction: RetractionSchema.optional(),
};

export const StorySchema = z.strictObject({
  id: IdSchema,
  title: ShortText(200),
  summary: ShortText(1000),
  sides: z.array(SideSchema).min(1).max(25),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  revision: z.number().int().min(1).optional(),
  /**
   * The IANA zone the story's dates are worked out in ("Asia/Karachi"). Optional: absent means the
   * deployment's zone (SITREP_TIMEZONE) — see `storyTimeZone` in src/data/story-admin.ts.
   */
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Karachi" or "UTC"' }).optional(),
});

export const ActorSchema = z.strictObject({
  id: IdSchema,
  storyId: IdSchema,
  name: ShortText(100),
  role: ShortText(200),
  sideId: IdSchema,
});

export const SourceSchema = z
  .strictObject({
    id: IdSchema,
    storyId: IdSchema,
    outlet: ShortText(100),
    title: ShortText(256).optional(),
    url: z.url({ protocol: /^https?$/ }).max(300).optional(),
    /** Absent when the report carries no date; `note` then says how it was placed. */
    publishedAt: PartialDateSchema.optional(),
    publishedPrecision: PrecisionSchema.optional(),
    /** When only a span is known: the latest the report may be from (see `DateBounds`). */
    publishedUntil: PartialDateSchema.optional(),
    publishedUntilPrecision: PrecisionSchema.optional(),
    note: ShortText(500).optional(),
    ...correctable,
  })
  .superRefine((source, ctx) => {
    if ((source.publishedAt === undefined) !== (source.publishedPrecision === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['publishedPrecision'], message: 'publishedAt and publishedPrecision go together' });
    } else if (source.publishedAt && precisionOfDate(source.publishedAt) !== source.publishedPrecision) {
      ctx.addIssue({ code: 'custom', path: ['publishedPrecision'], message: `does not match publishedAt "${source.publishedAt}"` });
    } else if (source.publishedUntil !== undefined && source.publishedAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['publishedUntil'], message: 'an undated source has no end date' });
    } else {
      checkRange(source.publishedAt, source.publishedPrecision, source.publishedUntil, source.publishedUntilPrecision, ['publishedUntil', 'publishedUntilPrecision'], ctx);
    }
  });

export const EventStatusSchema = z.enum(['reported', 'disputed', 'retracted']);

const datedAt = <K extends string, U extends string>(key: K, untilKey: U) =>
  (value: Record<K, string> & Partial<Record<U, string>> & { precision: Precision; untilPrecision?: Precision }, ctx: z.RefinementCtx) => {
    if (precisionOfDate(value[key]) !== value.precision) {
      ctx.addIssue({ code: 'custom', path: ['precision'], message: `does not match ${key} "${value[key]}"` });
    } else {
      checkRange(value[key], value.precision, value[untilKey], value.untilPrecision, [untilKey, 'untilPrecision'], ctx);
    }
  };

/** A range's end: both fields or neither, the precision matching the value, and a real range (`rangeProblem`). */
function checkRange(
  start: string | undefined,
  startPrecision: Precision | undefined,
  end: string | undefined,
  endPrecision: Precision | undefined,
  [endKey, precisionKey]: [string, string],
  ctx: z.RefinementCtx,
): void {
  if ((end === undefined) !== (endPrecision === undefined)) {
    ctx.addIssue({ code: 'custom', path: [precisionKey], message: `${endKey} and ${precisionKey} go together` });
  } else if (end !== undefined && precisionOfDate(end) !== endPrecision) {
    ctx.addIssue({ code: 'custom', path: [precisionKey], message: `does not match ${endKey} "${end}"` });
  } else if (end !== undefined && start !== undefined && startPrecision && endPrecision) {
    const problem = rangeProblem(start, startPrecision, end, endPrecision);
    if (problem) ctx.addIssue({ code: 'custom', path: [endKey], message: problem });
  }
}

export const EventSchema = z
  .strictObject({
    id: IdSchema,
    storyId: IdSchema,
    occurredAt: PartialDateSchema,
    precision: PrecisionSchema,
    /** When the reports bound it between two dates: the end of that range (`occurredAt` is its start). */
    occurredUntil: PartialDateSchema.optional(),
    untilPrecision: PrecisionSchema.optional(),
    /** How the date was worked out when the report gives it relatively ("Tuesday", "yesterday"). */
    dateBasis: ShortText(500).optional(),
    title: ShortText(200),
    summary: ShortText(1500),
    location: ShortText(200).optional(),
    sideIds: z.array(IdSchema),
    actorIds: z.array(IdSchema).default([]),
    sourceIds: z.array(IdSchema).min(1).max(10),
    /** Reporting a source relays from elsewhere ("PressTV, via Middle East Monitor"). */
    via: ShortText(200).optional(),
    significance: z.number().int().min(1).max(5),
    status: EventStatusSchema,
    retraction: RetractionSchema.optional(),
    revision: z.number().int().min(1),
    createdAt: InstantSchema,
    createdBy: ShortText(100),
    updatedAt: InstantSchema.optional(),
  })
  .superRefine(datedAt('occurredAt', 'occurredUntil'));

export const StatementSchema = z
  .strictObject({
    id: IdSchema,
    storyId: IdSchema,
    eventId: IdSchema.optional(),
    actorId: IdSchema.optional(),
    speaker: ShortText(150),
    sideId: IdSchema,
    /** Verbatim, exactly as the report quotes it. */
    quote: ShortText(1500),
    saidAt: PartialDateSchema,
    precision: PrecisionSchema,
    /** The end of a range the statement is known to fall in (`saidAt` is its start). */
    saidUntil: PartialDateSchema.optional(),
    untilPrecision: PrecisionSchema.optional(),
    dateBasis: ShortText(500).optional(),
    sourceIds: z.array(IdSchema).min(1).max(10),
    via: ShortText(200).optional(),
    context: ShortText(500).optional(),
    ...correctable,
  })
  .superRefine(datedAt('saidAt', 'saidUntil'));

/** What a figure counts (the intake's outcomes: src/intake/figures.ts). */
export const FigureOutcomeSchema = z.enum(['killed', 'injured', 'ill', 'missing', 'detained', 'displaced', 'casualties']);

/**
 * A count one account gives: "at least 9 people killed", "3 others injured", "heavy casualties" (no number:
 * `low` null with the words that stand for it in `qualifier`). The claimant is the account's side (or its
 * source when it has none), so a figure names neither; the shape is the intake's proposed figure's.
 */
export const FigureSchema = z
  .strictObject({
    outcome: FigureOutcomeSchema,
    /** The lowest number the words allow; null when they give none ("heavy", "several"). */
    low: z.number().int().min(0).max(100_000_000).nullable(),
    /** The top of a range ("10 to 15"). */
    high: z.number().int().min(0).max(100_000_000).optional(),
    /** "at least", "about", "up to", "more than", "several", "heavy", … */
    qualifier: ShortText(40).optional(),
    /** Who: "people", "children", "civilians", "others", … */
    who: ShortText(60).optional(),
    /** When the claimant gave the figure, if not when the source did. */
    saidAt: PartialDateSchema.optional(),
  })
  .superRefine((figure, context) => {
    if (figure.high !== undefined && figure.low === null) context.addIssue({ code: 'custom', path: ['high'], message: 'a range needs its low end' });
    if (figure.high !== undefined && figure.low !== null && figure.high < figure.low) context.addIssue({ code: 'custom', path: ['high'], message: 'must not be below low' });
    if (figure.low === null && !figure.qualifier) context.addIssue({ code: 'custom', path: ['qualifier'], message: 'a figure without a number needs the words that stand for it ("heavy", "several")' });
  });

export const ClaimAccountSchema = z.strictObject({
  /** A short label shared by accounts that agree ("chargé d'affaires"). */
  position: ShortText(80),
  text: ShortText(1000),
  sideId: IdSchema.optional(),
  sourceId: IdSchema,
  via: ShortText(200).optional(),
  /** The counts this account gives (killed, injured, …), for the ledger per claimant. */
  figures: z.array(FigureSchema).min(1).max(10).optional(),
});

/**
 * How a claim's accounts relate: they `conflict` (cannot all be true: "chargé d'affaires" vs
 * "ambassador"), differ only in `detail` or precision ("two children" vs "two people"), or `agree`.
 */
export const DisputeKindSchema = z.enum(['conflict', 'detail', 'agree']);

/** Files written before the kind existed carry `status: disputed | consistent`: read as `conflict` and `agree`. */
const withDisputeKind = (value: unknown) => {
  if (!value || typeof value !== 'object' || !('status' in value) || 'kind' in value) return value;
  const { status, ...rest } = value as { status: unknown };
  return { ...rest, kind: status === 'disputed' ? 'conflict' : status === 'consistent' ? 'agree' : status };
};

/** A claim as written today (previews hold one without its id). */
export const ClaimRecordSchema = z.strictObject({
  id: IdSchema,
  storyId: IdSchema,
  eventId: IdSchema.optional(),
  question: ShortText(200),
  accounts: z.array(ClaimAccountSchema).min(1).max(20),
  kind: DisputeKindSchema,
  /** What the difference is, in our own words, when the accounts alone do not make it plain. */
  note: ShortText(500).optional(),
  ...correctable,
});

export const ClaimSchema = z.preprocess(withDisputeKind, ClaimRecordSchema);

/**
 * Where one side stands, in moderators' own neutral words, attributed to the side ("Pakistan says its
 * strikes targeted separatist hideouts, not Iran"), with the statement that best supports it. At most one
 * live position per side of a story; corrected and retracted like any record.
 */
export const PositionSchema = z.strictObject({
  id: IdSchema,
  storyId: IdSchema,
  sideId: IdSchema,
  /** One line, our own words, attributed to the side. */
  text: ShortText(300),
  /** The side's statement that best supports it (shown beside it, verbatim). */
  statementId: IdSchema,
  createdAt: InstantSchema,
  createdBy: ShortText(100),
  ...correctable,
});

export const AuditEntrySchema = z.strictObject({
  id: IdSchema,
  at: InstantSchema,
  by: z.strictObject({ userId: ShortText(32), name: ShortText(100) }),
  guildId: ShortText(32).optional(),
  action: z.enum(['create', 'update', 'retract', 'import', 'settings']),
  entity: z.enum(['story', 'event', 'statement', 'claim', 'source', 'actor', 'guild', 'schedule', 'position']),
  entityId: ShortText(64),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
  reason: ShortText(500).optional(),
});

/** What kind of channel a post goes to: a forum gets a thread per post; an announcement post can be published. */
export const ChannelKindSchema = z.enum(['text', 'announcement', 'forum']);

export const SubscriptionSchema = z.strictObject({
  channelId: ShortText(32),
  storyId: IdSchema,
  channelKind: ChannelKindSchema.optional(),
  /** In an announcement channel, publish each post to the servers that follow it. */
  crosspost: z.boolean().optional(),
});

/** The last correction a channel was told about: later ones go into its next scheduled briefing. */
export const CorrectionsShownSchema = z.strictObject({
  channelId: ShortText(32),
  through: InstantSchema,
});

/** A breaking update under way to a channel (the outbox): cleared once posted; resent, after a look in the channel, if still there. */
export const PendingUpdateSchema = z.strictObject({
  eventId: IdSchema,
  channelId: ShortText(32),
  since: InstantSchema,
  /**
   * Present when the event was already posted here and changed since: its post is edited in place and
   * this line ("Correction: date — …") is posted once in the post's thread, with this nonce.
   */
  note: z.strictObject({ nonce: ShortText(32), text: ShortText(1000) }).optional(),
});

/** A breaking update's post in a channel, remembered so a later change to the event edits it in place. */
export const EventPostSchema = z.strictObject({
  eventId: IdSchema,
  channelId: ShortText(32),
  /** The post (in a forum: its thread's first message, whose id is the thread's). */
  messageId: ShortText(32),
  /** The nonce in the post's footer reference (`ref …`), kept when the post is edited. */
  nonce: ShortText(32),
  /** The thread its updates and corrections go to (a thread started on the post has the post's id; a forum post is one). */
  threadId: ShortText(32).optional(),
});

export const GuildSettingsSchema = z.strictObject({
  guildId: ShortText(32),
  storyId: IdSchema.optional(),
  moderatorRoleIds: z.array(ShortText(32)).default([]),
  /** Channels that get a "breaking update" post when a moderator adds an update with notify. */
  subscriptions: z.array(SubscriptionSchema).default([]),
  correctionsShown: z.array(CorrectionsShownSchema).optional(),
  /** The language replies and scheduled briefings are written in here (Discord has no Urdu or Persian locale to go by). */
  language: z.enum(LANGUAGES).optional(),
  /** Where Sitrep tells this server's managers about its schedules (a pause and why). */
  logChannelId: ShortText(32).optional(),
  pendingUpdates: z.array(PendingUpdateSchema).optional(),
  /** Stories taken out of this server's lists (`/story archive`): kept in the store, hidden here. */
  archivedStoryIds: z.array(IdSchema).optional(),
  /** How many days back `/brief` lists corrections here (`/settings corrections-window`); absent = 7. */
  correctionsWindowDays: z.number().int().min(1).max(90).optional(),
  /** Where each breaking update was posted here, by event and channel (edited in place when the event changes). */
  eventPosts: z.array(EventPostSchema).optional(),
});

export const ScheduleSchema = z.strictObject({
  id: IdSchema,
  guildId: ShortText(32),
  channelId: ShortText(32),
  storyId: IdSchema,
  /** A five-field cron pattern, read in `timeZone` (built from time and days, or typed by the user). */
  cron: ShortText(100),
  timeZone: ShortText(64),
  /** How the schedule was asked for, for `/schedule list` ("08:00 weekdays"). */
  label: ShortText(100),
  kind: z.enum(['full', 'digest']),
  quiet: z.boolean(),
  channelKind: ChannelKindSchema.optional(),
  crosspost: z.boolean().optional(),
  /** Attach a picture of the timeline to each post. */
  image: z.boolean().optional(),
  state: z.enum(['active', 'paused']),
  pausedReason: ShortText(300).optional(),
  /** The last slot handled (posted, or skipped as too old): no slot at or before it is posted again. */
  lastSlot: InstantSchema.optional(),
  /** A slot whose post was started but not yet confirmed; resent with the same nonce after a crash. */
  pendingSlot: InstantSchema.optional(),
  lastPostedAt: InstantSchema.optional(),
  lastMessageId: ShortText(32).optional(),
  lastLate: z.boolean().optional(),
  skippedSlots: z.number().int().min(0),
  createdAt: InstantSchema,
  createdBy: ShortText(100),
});

/** What a moderator's preview proposes; each kind has its own payload and apply (src/commands/preview-kinds.ts). */
export const PREVIEW_KINDS = [
  'event.add',
  'event.edit',
  'event.retract',
  'statement.add',
  'claim.add',
  'claim.account',
  'source.add',
  'statement.edit',
  'statement.retract',
  'claim.edit',
  'claim.account-edit',
  'claim.retract',
  'source.edit',
  'source.retract',
  'story.edit',
  'story.create',
  'story.import',
  'position.set',
  'position.edit',
  'position.retract',
] as const;

/**
 * A preview waiting for Confirm, kept as plain data so it survives a restart: who, what (the kind and
 * the validated input as plain JSON), until when. Not a story record: never exported, never audited.
 * Confirm turns it `saved` (with what was saved) in the same write as the change, so it saves once.
 */
export const PreviewSchema = z.strictObject({
  /** Random, carried in the preview's buttons (`<command>:confirm:<id>`). */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,24}$/, 'must be a preview id'),
  kind: z.enum(PREVIEW_KINDS),
  authorId: ShortText(32),
  guildId: ShortText(32),
  /** The proposed change as plain JSON; its kind's schema checks it when it is used. */
  payload: z.record(z.string(), z.unknown()),
  createdAt: InstantSchema,
  /** After this, Confirm, Edit and Cancel refuse it; it is swept a day later. */
  expiresAt: InstantSchema,
  status: z.enum(['pending', 'saved', 'cancelled']),
  /** Once saved: when, the confirmation the moderator was shown, and the record it made or changed. */
  saved: z.strictObject({ at: InstantSchema, text: z.string().min(1).max(4000), recordId: z.string().max(64).optional() }).optional(),
});

/** What an intake item has become: still to review, accepted (with the record it made), or skipped. */
const IntakeItemStatus = {
  status: z.enum(['pending', 'accepted', 'skipped']),
  /** Once accepted: the statement or claim the same write made or changed. */
  recordId: IdSchema.optional(),
  /** Why the last Accept (or the bulk accept) left it pending: shown on its card. */
  problem: ShortText(500).optional(),
  /** When, and by whom, it was accepted or skipped. */
  decidedAt: InstantSchema.optional(),
  decidedBy: ShortText(100).optional(),
  /** The add form's values once the moderator edited it (its preview kind's payload), over the proposal. */
  edited: z.record(z.string(), z.unknown()).optional(),
};

/** A quotation the intake proposes as a statement: the extractor's words and attribution, with the moderator's picks. */
export const IntakeStatementSchema = z.strictObject({
  kind: z.literal('statement'),
  quote: ShortText(1500),
  /** Empty when the report names no one for it. */
  speaker: z.string().trim().max(150),
  role: ShortText(150).optional(),
  sideId: IdSchema.optional(),
  actorId: IdSchema.optional(),
  eventId: IdSchema.optional(),
  saidAt: PartialDateSchema.optional(),
  precision: PrecisionSchema.optional(),
  saidUntil: PartialDateSchema.optional(),
  untilPrecision: PrecisionSchema.optional(),
  dateBasis: ShortText(500).optional(),
  via: ShortText(200).optional(),
  attribution: z.enum(['named', 'pronoun', 'inferred', 'none']),
  headline: z.boolean(),
  /** The stored statement with the same words and speaker. */
  duplicateOf: IdSchema.optional(),
  ...IntakeItemStatus,
});

/** A count the intake proposes, to be added as an account (with that figure) of a claim the moderator picks. */
export const IntakeFigureSchema = z.strictObject({
  kind: z.literal('figure'),
  figure: FigureSchema,
  claimant: ShortText(150),
  claimantSide: IdSchema.optional(),
  /** The report's words the figure was read from. */
  text: ShortText(500),
  claimId: IdSchema.optional(),
  ...IntakeItemStatus,
});

/** A sentence that answers a stored claim's question, proposed as a new account of it. */
export const IntakeAccountSchema = z.strictObject({
  kind: z.literal('account'),
  claimId: IdSchema,
  text: ShortText(1000),
  /** The stored account's position the sentence names, if it names one. */
  position: ShortText(80).optional(),
  ...IntakeItemStatus,
});

export const IntakeItemSchema = z.discriminatedUnion('kind', [IntakeStatementSchema, IntakeFigureSchema, IntakeAccountSchema]);

/**
 * A report read by `/source add url:|file:` or `/source paste`, kept for review: the proposed source and
 * what the report proposes (statements, figures, accounts), each pending, accepted or skipped. Plain data, so
 * review survives a restart; like a preview, not a story record: never exported, never audited (what an
 * accepted item writes is). Expires 7 days after it was made unless kept; swept a day after that.
 */
export const IntakeSchema = z.strictObject({
  /** Random, carried in the review card's buttons (`intake:accept:<id>:<item>`). */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,24}$/, 'must be an intake id'),
  storyId: IdSchema,
  guildId: ShortText(32),
  authorId: ShortText(32),
  authorName: ShortText(100),
  createdAt: InstantSchema,
  /** Absent once kept (`/intake keep`). */
  expiresAt: InstantSchema.optional(),
  /** The source as read from the report; `sourceId` once its preview is confirmed (or one is linked). */
  source: z.strictObject({
    outlet: ShortText(100),
    title: ShortText(256).optional(),
    url: ShortText(300).optional(),
    publishedAt: PartialDateSchema.optional(),
    publishedPrecision: PrecisionSchema.optional(),
    /** How the report came: a link, a file, pasted text. */
    from: z.enum(['link', 'file', 'text']),
    sourceId: IdSchema.optional(),
  }),
  /** The event its statements are about, when the moderator chose one for all (`/intake review event:`). */
  eventId: IdSchema.optional(),
  /** The question its figures become accounts of (`/intake review claim:`). */
  claimId: IdSchema.optional(),
  items: z.array(IntakeItemSchema).max(300),
  /** The extractor's notes (an unbalanced quotation mark, no quotations) and questions (no publication date). */
  notes: z.array(ShortText(500)).max(20),
});

/** Everything one story needs: the unit of the bundled data, of import and of export. */
export const StoryBundleSchema = z.strictObject({
  story: StorySchema,
  actors: z.array(ActorSchema).default([]),
  sources: z.array(SourceSchema).min(1),
  events: z.array(EventSchema).default([]),
  statements: z.array(StatementSchema).default([]),
  claims: z.array(ClaimSchema).default([]),
  /** Each side's position, written by moderators (absent in bundles written before positions existed). */
  positions: z.array(PositionSchema).default([]),
});

/** Each collection's record schema: the data file is checked a record at a time as it is read. */
export const RECORD_SCHEMAS = {
  stories: StorySchema,
  actors: ActorSchema,
  sources: SourceSchema,
  events: EventSchema,
  statements: StatementSchema,
  claims: ClaimSchema,
  audit: AuditEntrySchema,
  guilds: GuildSettingsSchema,
  schedules: ScheduleSchema,
  previews: PreviewSchema,
  intakes: IntakeSchema,
  positions: PositionSchema,
} as const;

export const StoreDataSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    stories: z.array(StorySchema),
    actors: z.array(ActorSchema),
    sources: z.array(SourceSchema),
    events: z.array(EventSchema),
    statements: z.array(StatementSchema),
    claims: z.array(ClaimSchema),
    audit: z.array(AuditEntrySchema),
    guilds: z.array(GuildSettingsSchema),
    schedules: z.array(ScheduleSchema),
    /** Absent in data files written before previews were kept in the store. */
    previews: z.array(PreviewSchema).default([]),
    /** Absent in data files written before intakes were kept in the store. */
    intakes: z.array(IntakeSchema).default([]),
    /** Absent in data files written before positions existed. */
    positions: z.array(PositionSchema).default([]),
  })
  .superRefine((data, ctx) => checkAcrossRecords(data, (path, message) => ctx.addIssue({ code: 'custom', path, message })));

/** What no single record shows: unique ids, references that resolve, schedules of existing stories. */
export function checkAcrossRecords(data: StoreData, problem: (path: PropertyKey[], message: string) => void): void {
  checkReferences(data, problem);
  data.schedules.forEach((schedule, index) => {
    if (!data.stories.some((story) => story.id === schedule.storyId)) problem(['schedules', index, 'storyId'], `unknown story "${schedule.storyId}"`);
  });
}

export type Precision = z.infer<typeof PrecisionSchema>;
export type Side = z.infer<typeof SideSchema>;
export type Story = z.infer<typeof StorySchema>;
export type Actor = z.infer<typeof ActorSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type SitrepEvent = z.infer<typeof EventSchema>;
export type EventStatus = z.infer<typeof EventStatusSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type ClaimAccount = z.infer<typeof ClaimAccountSchema>;
export type Figure = z.infer<typeof FigureSchema>;
export type FigureOutcome = z.infer<typeof FigureOutcomeSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Position = z.infer<typeof PositionSchema>;
export type DisputeKind = z.infer<typeof DisputeKindSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type GuildSettings = z.infer<typeof GuildSettingsSchema>;
export type EventPost = z.infer<typeof EventPostSchema>;
export type PendingUpdate = z.infer<typeof PendingUpdateSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type Preview = z.infer<typeof PreviewSchema>;
export type Intake = z.infer<typeof IntakeSchema>;
export type IntakeItem = z.infer<typeof IntakeItemSchema>;
export type PreviewKindName = (typeof PREVIEW_KINDS)[number];
export type ChannelKind = z.infer<typeof ChannelKindSchema>;
export type StoryBundle = z.infer<typeof StoryBundleSchema>;
export type StoreData = z.infer<typeof StoreDataSchema>;

type ReferenceData = Pick<StoreData, 'stories' | 'actors' | 'sources' | 'events' | 'statements' | 'claims'> & { positions?: StoreData['positions'] };

/** Every id is unique in its collection and every reference resolves inside its own story. */
export function checkReferences(data: ReferenceData, problem: (path: PropertyKey[], message: string) => void): void {
  const uniqueIds = (name: keyof ReferenceData) => {
    const seen = new Set<string>();
    data[name]?.forEach((item, index) => {
      if (seen.has(item.id)) problem([name, index, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
  };
  (['stories', 'actors', 'sources', 'events', 'statements', 'claims', 'positions'] as const).forEach(uniqueIds);
  data.stories.forEach((story, index) => checkUniqueSides(story, (path, message) => problem(['stories', index, ...path], message)));
  checkRecordReferences(mapLookup(data), data, problem);
}

export function checkUniqueSides(story: Story, problem: (path: PropertyKey[], message: string) => void): void {
  const seen = new Set<string>();
  story.sides.forEach((side, sideIndex) => {
    if (seen.has(side.id)) problem(['sides', sideIndex, 'id'], `duplicate side id "${side.id}"`);
    seen.add(side.id);
  });
}

/** Where a record's references point: each id's story, or undefined when there is no such record. */
export interface ReferenceLookup {
  story(id: string): Story | undefined;
  actorStory(id: string): string | undefined;
  sourceStory(id: string): string | undefined;
  eventStory(id: string): string | undefined;
  /** A statement's story and side (for a position's supporting statement); absent where no position is checked. */
  statement?(id: string): { storyId: string; sideId: string } | undefined;
}

function mapLookup(data: ReferenceData): ReferenceLookup {
  const stories = new Map(data.stories.map((story) => [story.id, story]));
  const inStory = (items: ReadonlyArray<{ id: string; storyId: string }>) => new Map(items.map((item) => [item.id, item.storyId]));
  const actors = inStory(data.actors);
  const sources = inStory(data.sources);
  const events = inStory(data.events);
  const statements = new Map(data.statements.map((statement) => [statement.id, statement]));
  return {
    story: (id) => stories.get(id),
    actorStory: (id) => actors.get(id),
    sourceStory: (id) => sources.get(id),
    eventStory: (id) => events.get(id),
    statement: (id) => statements.get(id),
  };
}

/** Checks that the given records' references resolve (through `lookup`) inside their own story. */
export function checkRecordReferences(
  lookup: ReferenceLookup,
  data: Partial<ReferenceData>,
  problem: (path: PropertyKey[], message: string) => void,
): void {
  // Paths are built only for a problem: this runs over every reference of a 100k-event store at start.
  type Path = () => PropertyKey[];
  const storyOf = lookup.story;
  const sideIn = (storyId: string, sideId: string) => storyOf(storyId)?.sides.some((side) => side.id === sideId) ?? false;
  const checkStory = (path: Path, storyId: string) => {
    if (!storyOf(storyId)) problem([...path(), 'storyId'], `unknown story "${storyId}"`);
  };
  const checkSide = (path: Path, storyId: string, sideId: string) => {
    if (storyOf(storyId) && !sideIn(storyId, sideId)) problem(path(), `unknown side "${sideId}" in story "${storyId}"`);
  };
  const checkRef = (path: Path, kind: string, ownerOf: (id: string) => string | undefined, storyId: string, id: string) => {
    const owner = ownerOf(id);
    if (owner === undefined) problem(path(), `unknown ${kind} "${id}"`);
    else if (owner !== storyId) problem(path(), `${kind} "${id}" belongs to story "${owner}", not "${storyId}"`);
  };
  const actors = lookup.actorStory;
  const sources = lookup.sourceStory;
  const events = lookup.eventStory;

  data.actors?.forEach((actor, i) => {
    checkStory(() => ['actors', i], actor.storyId);
    checkSide(() => ['actors', i, 'sideId'], actor.storyId, actor.sideId);
  });
  data.sources?.forEach((source, i) => checkStory(() => ['sources', i], source.storyId));
  data.events?.forEach((event, i) => {
    const path = ['events', i];
    checkStory(() => path, event.storyId);
    event.sideIds.forEach((id, j) => checkSide(() => [...path, 'sideIds', j], event.storyId, id));
    event.actorIds.forEach((id, j) => checkRef(() => [...path, 'actorIds', j], 'actor', actors, event.storyId, id));
    event.sourceIds.forEach((id, j) => checkRef(() => [...path, 'sourceIds', j], 'source', sources, event.storyId, id));
    if (event.status === 'retracted' && !event.retraction) problem([...path, 'retraction'], 'a retracted event needs its retraction');
  });
  data.statements?.forEach((statement, i) => {
    const path = ['statements', i];
    checkStory(() => path, statement.storyId);
    checkSide(() => [...path, 'sideId'], statement.storyId, statement.sideId);
    if (statement.eventId) checkRef(() => [...path, 'eventId'], 'event', events, statement.storyId, statement.eventId);
    if (statement.actorId) checkRef(() => [...path, 'actorId'], 'actor', actors, statement.storyId, statement.actorId);
    statement.sourceIds.forEach((id, j) => checkRef(() => [...path, 'sourceIds', j], 'source', sources, statement.storyId, id));
  });
  data.claims?.forEach((claim, i) => {
    const path = ['claims', i];
    checkStory(() => path, claim.storyId);
    if (claim.eventId) checkRef(() => [...path, 'eventId'], 'event', events, claim.storyId, claim.eventId);
    claim.accounts.forEach((account, j) => {
      checkRef(() => [...path, 'accounts', j, 'sourceId'], 'source', sources, claim.storyId, account.sourceId);
      if (account.sideId) checkSide(() => [...path, 'accounts', j, 'sideId'], claim.storyId, account.sideId);
    });
  });
  const livePositions = new Set<string>();
  data.positions?.forEach((position, i) => {
    const path = ['positions', i];
    checkStory(() => path, position.storyId);
    checkSide(() => [...path, 'sideId'], position.storyId, position.sideId);
    const statement = lookup.statement?.(position.statementId);
    if (lookup.statement && !statement) problem([...path, 'statementId'], `unknown statement "${position.statementId}"`);
    else if (statement && (statement.storyId !== position.storyId || statement.sideId !== position.sideId)) {
      problem([...path, 'statementId'], `statement "${position.statementId}" is not a statement of side "${position.sideId}" in story "${position.storyId}"`);
    }
    const key = `${position.storyId}\u0000${position.sideId}`;
    if (!position.retraction && livePositions.has(key)) problem([...path, 'sideId'], `side "${position.sideId}" already has a position`);
    if (!position.retraction) livePositions.add(key);
  });
}
