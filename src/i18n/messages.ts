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
  breakingUpdate: string;
  newSinceLast: string;
  continues: string;

  // /statements (and the statements in /brief and /event)
  statements(count: number): string;
  statementsTitle(side: string, scope?: string): string;
  comparisonTitle(side: string, other: string, scope?: string): string;
  noStatements(story: string, side: string, other?: string, scope?: string): string;
  notTiedToEvent: string;
  noRecordedStatement(side: string): string;

  // /claims (and the claims in /brief and /event)
  claims(count: number): string;
  claimsTitle(story: string): string;
  noClaims(story: string): string;
  /** "2 in conflict of 6 questions": only claims whose accounts conflict count as disputed. */
  disputedOf(disputed: number, total: number): string;
  /** How a claim's accounts relate: "accounts conflict", "accounts differ in detail", "sources agree". */
  disputeKind: Record<'conflict' | 'detail' | 'agree', string>;
  sourcesAgree(citations: string, position: string): string;
  /** Under a claim whose accounts conflict or differ: sources that give one position. */
  samePosition(citations: string, position: string): string;

  // /event
  when: string;
  where: string;
  sidesLabel: string;
  actorsLabel: string;
  status: string;
  relayed: string;
  /** "(known to the day)": how precise the date is. */
  knownTo(precision: string): string;
  reported: string;
  significance(value: number): string;
  id: string;
  whatWasSaid: string;
  whereAccountsDiffer: string;

  // /search
  searchTitle(query: string, story: string): string;
  noMatches(story: string, query: string): string;
  searchEvent: string;
  searchStatement: string;
  searchClaim: string;
  openWith(command: string): string;
  results(count: number): string;
  bestResults(count: number): string;

  // /sources
  sourcesTitle(story: string): string;
  noSources(story: string): string;
  sourceCount(count: number): string;
  undated: string;

  // /story list
  storiesTitle: string;
  defaultHere: string;
  stories(count: number): string;
  /** After the command name in the footer: "/story use sets this server’s default". */
  setsServerDefault: string;

  // /help
  helpTitle(bot: string): string;
  helpFooter: string;
  /** The help line of each reading command (moderator commands keep their English description). */
  commandHelp: Record<ReaderCommand, string>;
  /** `/story list archived:true`: its title, the line when none is archived, and its footer. */
  archivedStoriesTitle: string;
  noArchivedStories: string;
  archivedStoriesFooter: string;

  // Corrections where the record shows (issue 14 item 5)
  /** " · corrected <date>" on a corrected record's line; the date is a Discord timestamp. */
  correctedOn(date: string): string;
  /** A retracted record, still reachable by its id: "retracted on <date>: <reason>". */
  retractedOn(date: string, reason: string): string;
  /** What kind of record a correction line is about (an event's line names none). */
  recordKind: Record<'event' | 'statement' | 'claim' | 'source' | 'story' | 'position', string>;
  /** Who made a correction: the moderator's display name. */
  byModerator(name: string): string;
  why: string;
  /** The heading of `/event`'s list of corrections. */
  whatChanged: string;
  /** A digest's sections: what was recorded since the last post, whenever it was said or published. */
  newStatements: string;
  newAccounts: string;
  newSources: string;

  /** Moderator forms, previews, confirmations and refusals (issue 14 item 7): stored text stays as written. */
  moderation: ModerationMessages;
  /** The ledger of figures per claimant under a claim: an outcome's label ("Killed"). */
  figureOutcome: Record<'killed' | 'injured' | 'ill' | 'missing' | 'detained' | 'displaced' | 'casualties', string>;
  /** "Pakistan, via Middle East Monitor": a side's figure and the report that carries it. */
  figureVia(claimant: string, outlet: string): string;
  /** A posted event edited in place: its threaded note's word ("Update: …"; a correction says `correction`). */
  updateNote: string;
  /** In such a note: a record about the event added ("statement added"). */
  addedNote(kind: string): string;
  /** The name of the thread started on a post for its updates and corrections. */
  updatesThread(title: string): string;

  // Lists that open what they show (issue 16 items 4–6)
  /** A list's select menu placeholder: "Open an event…", "Open a claim…", "Open a result…". */
  openEvent: string;
  openClaim: string;
  openResult: string;
  /** A default placeholder for a list's select menu. */
  openPlaceholder: string;
  /** A heading repeated where what it heads continues (the next row or page): "… (continued)". */
  continued(heading: string): string;
  /** Under a statement or claim opened alone: the event it is about, and the button that opens it. */
  aboutEvent(event: string): string;
  openTheEvent: string;
  /** A list's choice whose item has since left the story. */
  noLongerInStory: string;
  /** `/brief` on a phone (issue 16): what we know first, each section one tap away. */
  phone: PhoneBriefMessages;
}

/** The labels of `/brief`'s first message, its buttons and its sections. */
export interface PhoneBriefMessages {
  /** "10 developments, 2019 – 18 Jan 2024" */
  span(count: number, from: string, to: string): string;
  /** "5 disputed questions · 2 sources" */
  counts(disputed: number, sources: number): string;
  /** Before a toll line: "Toll" */
  toll: string;
  /** Before the key dispute: "Disputed" */
  disputed: string;
  /** "2 corrections in the last 7 days (Corrections)" */
  corrections(count: number, days: number): string;
  /** A side with neither a written position nor a statement of four words or more. */
  noPosition: string;
  /** Before a side's latest statement, shown when it has no written position. */
  latestStatement: string;
  /** "…and 3 more sides (All sides)" */
  moreSides(count: number): string;
  /** Button labels. */
  developments: string;
  disputes: string;
  sourcesButton: string;
  timeline: string;
  correctionsButton: string;
  allSides: string;
  back: string;
  /** A section's title: "Developments — <story>". */
  sectionTitle(section: string, story: string): string;
  /** Under the compact disputes: where every account is in full. */
  everyAccount: string;
  /** A side's position and its supporting quote, in the side's section. */
  position: string;
  supportingQuote: string;
  /** "Pakistan: statements" button label and section. */
  sideStatements(side: string): string;
  /** The lead, heading the developments section. */
  lead: string;
  /** "Open" prefix of an event button: "Open 3". */
  open(number: number): string;
}

/**
 * What a moderator sees around a change: the preview's heading line and buttons, the confirmations, the
 * refusals every write flow shares, the statement and update forms, and the date field's refusals.
 * Form titles and labels must fit Discord's 45 characters.
 */
export interface ModerationMessages {
  /** The preview's first line: "**<heading>** — nothing is saved until you press Confirm." */
  previewHeading(heading: string): string;
  confirm: string;
  edit: string;
  cancel: string;
  cancelled: string;
  /** "🗓️ How the date was worked out: <basis>" (the basis is stored English, isolated by the caller). */
  dateBasis(basis: string): string;
  /** The neutrality check's flag: a loaded term in a field of the moderator's own words. */
  loadedTerm(term: string, field: string): string;
  nothingChanged: string;
  previewGone: string;
  previewForeign: string;
  alreadySaved(text: string): string;
  previewCancelled: string;
  previewExpired(date: string): string;
  buttonStale: string;
  formStale: string;
  previewUnreadable: string;
  noFormToReopen: string;
  editorialOnly: string;
  moderatorsOnly: string;
  /** The router's replies when nothing could be saved, or something broke. */
  unknownCommand(name: string): string;
  dataFileChanged: string;
  diskFull: string;
  somethingWentWrong(ref: string): string;
  /** The date field's refusals; `field` is the form's label, `typed` what was typed. */
  unreadableDate(field: string, typed: string, examples: string): string;
  futureDate(field: string, typed: string): string;
  undatedSource(field: string, typed: string, outlet: string, datedButNotToADay: boolean): string;
  ambiguousWeekday(field: string, typed: string): string;
  /** A range that cannot be stored; `problem` is the range check's own (English) words. */
  badRange(field: string, problem: string): string;
  /** /statement add and edit. */
  addStatementTitle: string;
  correctStatementTitle: string;
  speakerLabel: string;
  quoteLabel: string;
  whenSaidLabel: string;
  contextLabel: string;
  viaLabel: string;
  statementFieldsNeeded: string;
  newStatementPreview: string;
  savedStatement(speaker: string): string;
  chooseSpeakerSide: string;
  chooseSource: string;
  noSuchEvent(id: string): string;
  /** /update add and edit: the event form. */
  addUpdateTitle: string;
  editUpdateTitle: string;
  reviseUpdateTitle: string;
  eventTitleLabel: string;
  whatHappenedLabel: string;
  whenLabel: string;
  sidesInvolvedLabel: string;
  whereLabel: string;
  eventFieldsNeeded: string;
  chooseOneSide: string;
  newUpdatePreview: string;
  possibleDuplicate(title: string, id: string): string;
  alsoPostedOnConfirm: string;
  /** Corrections of any record (the label names the record in English, isolated in a right-to-left line). */
  editPreview(label: string): string;
  savedEdit(label: string): string;
  retractHeading(label: string): string;
  retractedRecord(label: string): string;
  reasonWithCorrection(reason: string): string;
  reasonShown(reason: string): string;
  leavesLists: string;
  fillFormFirst: string;
  recordGone(noun: string): string;
  retractedNoEdit(noun: string, reason: string): string;
  addClaimTitle: string;
  addAccountTitle: string;
  correctQuestionTitle: string;
  correctAccountTitle: string;
  questionLabel: string;
  positionLabel: string;
  accountLabel: string;
  accountViaLabel: string;
  noteLabel: string;
  positionAndAccountNeeded: string;
  questionNeeded: string;
  newClaimPreview: string;
  newAccountPreview: string;
  savedClaim(question: string): string;
  addedAccount(question: string): string;
  chooseQuestion: string;
  addSourceTitle: string;
  correctSourceTitle: string;
  outletLabel: string;
  headlineLabel: string;
  linkLabel: string;
  publishedLabel: string;
  sourceNoteLabel: string;
  outletNeeded: string;
  newSourcePreview: string;
  savedSource(outlet: string): string;
  startStoryTitle: string;
  correctStoryTitle: string;
  titleLabel: string;
  leadLabel: string;
  storyLeadLabel: string;
  newStoryPreview: string;
  titleAndLeadNeeded: string;
  startedStory(title: string, id: string): string;
  /** /update: "Saved <event line>.", the retraction's note, and the count of channels an update was posted to. */
  savedRecord(label: string): string;
  eventRetractNote: string;
  postedTo(count: number): string;
  /** Who may change a server's own settings, story list and schedules; `what` is one of the *What labels. */
  noServerHere(what: string): string;
  serverManagersOnly(what: string): string;
  serverModeratorsOnly(what: string): string;
  scheduleNoServer: string;
  scheduleManagersOnly: string;
  settingsWhat: string;
  defaultStoryWhat: string;
  storyListWhat: string;
  /** `/settings language`: said in the language just chosen. */
  languageSet(name: string): string;
  /** The store's commonest refusals (InvalidChange with a `refusal`); labels and names are stored English, isolated by the caller. */
  staleRevision(label: string, revision: number, by?: string, fields?: string): string;
  noReason: string;
  unchanged: string;
  unknownSource(id: string): string;
  sourceRetracted(id: string, reason: string): string;
  stillCited(label: string, count: number, names: string): string;
  /** /subscribe: `channel` is a channel mention, `story` a (bold) title. */
  chooseChannel: string;
  alreadySubscribed(channel: string, story: string): string;
  notSubscribed(channel: string, story: string): string;
  subscribed(channel: string, story: string): string;
  unsubscribed(channel: string, story: string): string;
  /** /story archive and unarchive. */
  chooseStory: string;
  alreadyArchived(story: string): string;
  notArchived(story: string): string;
  backInLists(story: string, stillPaused: number): string;
  archivedHere(story: string): string;
  defaultStoryNow(story: string): string;
  noStoryListed: string;
  pausedSchedules(count: number, ids: string): string;
  /** /source add url: and file: (the reason is the intake's own sentence). */
  reportNotRead(reason: string, from: 'link' | 'file'): string;
  linkOrFile: string;
  notReportFile(name: string): string;
  /** What a report proposes (kept for `/intake review`): its quotations and figures. */
  quotationsFound(count: number, figures: number): string;
  noOutletFound: string;
  noDateFound: string;
  /** The claim account forms' optional field: one figure a line. */
  figuresLabel: string;
  /** /source paste: the form for a short report's text. */
  pasteReportTitle: string;
  reportTextLabel: string;
  /** After a Confirm: how many channels' posts of the event were edited in place (with a note in their thread). */
  postsRevised(count: number): string;
  /** In a preview: Confirm will also edit the event's posts in place, and the note their threads get. */
  postsToRevise(count: number, note: string): string;
}

/** The commands (and subcommands) every reader sees in `/help`, each with a help line in every language. */
export const READER_COMMANDS = ['brief', 'timeline', 'statements', 'claims', 'event', 'search', 'sources', 'story list', 'story use', 'help'] as const;
export type ReaderCommand = (typeof READER_COMMANDS)[number];
