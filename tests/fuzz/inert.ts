/**
 * Whether text typed by a moderator shows back in a message exactly as typed and inert: every
 * character that Discord would read as markdown, a masked link or a tag (mention, channel, role,
 * timestamp, emoji) is escaped with a backslash. Written from Discord's markdown rules, not from
 * the bot's own escaping, so it checks that escaping rather than repeating it.
 */

/** Discord removes a backslash before ASCII punctuation and shows the character as typed. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
/** Live anywhere on a line: emphasis, underline, strike, code, spoiler, masked link, tags. */
const INLINE = new Set(['*', '_', '~', '`', '|', '[', ']', '<']);
/** Live at the start of a line (after spaces or a quote marker): quote, heading, list, subtext. */
const LINE_START = new Set(['>', '#', '-']);
const LINE_BREAK = /[\n\r\u2028\u2029]/;

interface Shown {
  ch: string;
  escaped: boolean;
  /** Index in the rendered text. */
  at: number;
}

function unescape(rendered: string): Shown[] {
  const shown: Shown[] = [];
  for (let i = 0; i < rendered.length; i++) {
    const next = rendered.charAt(i + 1);
    if (rendered.charAt(i) === '\\' && ESCAPABLE.test(next)) {
      shown.push({ ch: next, escaped: true, at: i + 1 });
      i++;
    } else {
      shown.push({ ch: rendered.charAt(i), escaped: false, at: i });
    }
  }
  return shown;
}

/** True when only spaces and quote markers come before `at` on its line. */
function atLineStart(rendered: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const ch = rendered.charAt(i);
    if (LINE_BREAK.test(ch)) return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '>') return false;
  }
  return true;
}

function liveAt(rendered: string, shown: Shown[], index: number): string | undefined {
  const { ch, escaped, at } = shown[index]!;
  if (escaped) return undefined;
  if (INLINE.has(ch)) return `“${ch}” at ${at}`;
  if (!atLineStart(rendered, at)) return undefined;
  if (LINE_START.has(ch)) return `“${ch}” starting the line at ${at}`;
  if (/\d/.test(ch)) {
    let end = index;
    while (end < shown.length && /\d/.test(shown[end]!.ch) && !shown[end]!.escaped) end++;
    const after = shown[end];
    if (after && after.ch === '.' && !after.escaped) return `a numbered list (“${ch}….”) at ${at}`;
  }
  return undefined;
}

export interface Display {
  /** The text appears (after Discord's unescaping) in the rendered message. */
  found: boolean;
  /** For the best occurrence: the characters of the typed text that Discord would read as markup. */
  live: string[];
}

export interface Layout {
  /** What the renderer puts at each line break of the typed text (`\n> ` inside a quote). */
  lineBreak?: string;
}

/**
 * The closers of directional controls (PDF U+202C, PDI U+2069) are left out when comparing what was typed
 * with what is shown: a renderer may add them (to close what the text opened) or drop one that closes
 * nothing; `bidiProblems` checks separately that nothing is left open.
 */
const BIDI_CLOSER = /[\u202C\u2069]/g;

/** Where `typed` shows in `rendered`, and which of its characters would be live; the most inert occurrence wins. */
export function display(rendered: string, typedAsIs: string, layout: Layout = {}): Display {
  const typed = typedAsIs.replace(BIDI_CLOSER, '');
  const shown = unescape(rendered).filter((item) => !(item.ch === '\u202C' || item.ch === '\u2069'));
  const plain = shown.map((item) => item.ch).join('');
  // The typed text as laid out, and which of its characters were typed (not added by the renderer).
  let expected = '';
  const typedAt: boolean[] = [];
  for (const ch of typed) {
    const piece = ch === '\n' && layout.lineBreak ? layout.lineBreak : ch;
    expected += piece;
    for (let i = 0; i < piece.length; i++) typedAt.push(piece === ch || i === 0);
  }
  let best: Display = { found: false, live: [] };
  for (let start = plain.indexOf(expected); start !== -1; start = plain.indexOf(expected, start + 1)) {
    const live: string[] = [];
    for (let offset = 0; offset < expected.length; offset++) {
      const problem = typedAt[offset] ? liveAt(rendered, shown, start + offset) : undefined;
      if (problem) live.push(problem);
    }
    if (!best.found || live.length < best.live.length) best = { found: true, live };
    if (live.length === 0) break;
  }
  return best;
}

/** Throws unless `typed` shows in `rendered` as typed, with nothing live. */
export function expectInert(rendered: string | undefined, typed: string, where: string, layout: Layout = {}): void {
  if (rendered === undefined) throw new Error(`${where}: nothing was shown`);
  const result = display(rendered, typed, layout);
  const excerpt = (text: string) => JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  if (!result.found) throw new Error(`${where}: ${excerpt(typed)} is not shown as typed in ${excerpt(rendered)}`);
  if (result.live.length) {
    throw new Error(`${where}: ${excerpt(typed)} shows with live markup (${result.live.slice(0, 5).join('; ')}) in ${excerpt(rendered)}`);
  }
}

/**
 * For a place that may shorten the text (an embed title): the whole of `rendered` comes from
 * `typed`, possibly cut and ended with "…", and nothing in it is live.
 */
export function expectInertPrefix(rendered: string | undefined, typed: string, where: string): void {
  if (rendered === undefined) throw new Error(`${where}: nothing was shown`);
  const whole = display(rendered, typed);
  if (whole.found) return expectInert(rendered, typed, where);
  const body = rendered.endsWith('…') ? rendered.slice(0, -1).replace(/\\$/, '') : rendered;
  const shown = unescape(body);
  const plain = shown.map((item) => item.ch).join('').replace(BIDI_CLOSER, '');
  if (!typed.replace(BIDI_CLOSER, '').startsWith(plain.replace(/[\uD800-\uDBFF]$/, ''))) throw new Error(`${where}: ${JSON.stringify(rendered)} is not the start of ${JSON.stringify(typed)}`);
  const live = shown.flatMap((_item, index) => liveAt(body, shown, index) ?? []);
  if (live.length) throw new Error(`${where}: ${JSON.stringify(rendered)} shows with live markup (${live.slice(0, 5).join('; ')})`);
}

/** Every place `typed` shows in `rendered` with live markup (for text that must never show live anywhere). */
export function liveOccurrences(rendered: string, typed: string): string[] {
  const shown = unescape(rendered);
  const plain = shown.map((item) => item.ch).join('');
  const found: string[] = [];
  for (let start = plain.indexOf(typed); start !== -1; start = plain.indexOf(typed, start + 1)) {
    const live: string[] = [];
    for (let index = start; index < start + typed.length; index++) {
      const problem = liveAt(rendered, shown, index);
      if (problem) live.push(problem);
    }
    if (live.length) found.push(`at ${shown[start]!.at}: ${live.slice(0, 3).join('; ')}`);
  }
  return found;
}

/**
 * The directional controls (U+202A–202E, U+2066–2069) `text` leaves open at the end of a line or of
 * itself, or closes without having opened: the ways stored text could reverse what follows it (a
 * citation "[1]" read backwards), leak out of an isolate, or disguise a choice. Written from the
 * Unicode Bidirectional Algorithm's matching rules (X1–X8), not from the bot's code: LRE, RLE, LRO and
 * RLO open an embedding closed by PDF; LRI, RLI and FSI open an isolate closed by PDI, which also
 * closes the embeddings inside it; a PDF inside an isolate closes only embeddings opened in it; a
 * paragraph separator (class B) ends everything.
 */
export function bidiProblems(text: string): string[] {
  const name = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const problems: string[] = [];
  let open: Array<{ ch: string; isolate: boolean; at: number }> = [];
  const unclosed = (where: string) => {
    for (const item of open) problems.push(`${name(item.ch)} opened at ${item.at} is still open at ${where}`);
    open = [];
  };
  for (let at = 0; at < text.length; at++) {
    const ch = text.charAt(at);
    if ('\u202A\u202B\u202D\u202E'.includes(ch)) open.push({ ch, isolate: false, at });
    else if ('\u2066\u2067\u2068'.includes(ch)) open.push({ ch, isolate: true, at });
    else if (ch === '\u202C') {
      if (open.length && !open.at(-1)!.isolate) open.pop();
      else problems.push(`U+202C at ${at} closes nothing`);
    } else if (ch === '\u2069') {
      const isolate = open.map((item) => item.isolate).lastIndexOf(true);
      if (isolate >= 0) open = open.slice(0, isolate);
      else problems.push(`U+2069 at ${at} closes nothing`);
    } else if (['\n', '\r', '\u001C', '\u001D', '\u001E', '\u0085', '\u2029'].includes(ch)) unclosed(`the line break at ${at}`);
  }
  unclosed('the end');
  return problems;
}
