import fc from 'fast-check';

/** Discord markdown that would restyle a message, hide text or disguise a link if shown live. */
export const MARKDOWN = [
  '**', '__', '*', '_', '~~', '`', '```', '||', '> ', '>>> ', '# ', '## ', '### ', '-# ', '- ', '* ', '1. ', '\\', '\\*',
  '[a](https://x)', '[click me](<https://evil.example/login>)', '](', '[', ']', ')', '<https://x.example>', ':smile:', '```js\n', '\n```',
];
export const MENTIONS = ['@everyone', '@here', '<@123>', '<@!123>', '<@&456>', '<#789>', '</help:1>', '<t:0:R>', '<:e:1>', '<a:e:1>', '@', '<@', '<'];
export const INVISIBLE = ['\u200B', '\u200D', '\uFEFF', '\u200E', '\u200F', '\u00AD', '\u2060', '\u034F'];
export const BIDI = [
  '\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069',
  'اردو میں خبر', 'پاکستان', 'ایران', 'فارسی', 'سلام دنیا', 'עברית', '\u202Etxt.exe', 'ﷺ',
];
export const EMOJI = ['😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇵🇰', '🇮🇷', '👍🏽', '❤️', '🧑‍🚀', '#️⃣', '🫠', '𝕏', '𝐀𝐁'];
export const BLANK = ['', ' ', '   ', '\t', '\n', '\r\n', '\u00A0', '\u3000', '\u2028', '\u3000\u00A0 '];
export const DATES = [
  '2024-02-30', '0000-01-01', '9999-12-31T23:59:59Z', 'yesterday', '-1', 'today', 'yesterday 14:00', 'today 25:00',
  '2024-01-18', '2024-01-18 11:26', '18 Jan 2024', 'January 2024', 'Jan 2024', '2024-01', '2024', '2019', '0099', '1000',
  '2024-01-18T06:26:00Z', '2024-01-18T06:26:00+05:00', '2024-13-01', '2024-00-10', '2024-01-32', '1970-01-01', '2099-01-01',
  '2024-01-21', '2024-01-22', '24h', '7d', '2w', '90m', '0h', '9999w', '9999d', '1e3', 'NaN', 'Infinity', '2024-01-17 14:00',
  '2024-01-17T14:00', '2024-01-17 14.00', '24:00', '08:00', '8:00', '23:59', '00:00', '12:60', '-0', '1705,000', '٢٠٢٤-٠١-١٨',
];
const WORDS = ['iran', 'pakistan', 'Iran', 'Pakistan', 'strike', 'kerman', 'ambassador', 'Jaish al-Adl', 'BLA', 'the', 'a', ':', '::', ' ', '\n', '.', '…', '“', '”', "'", '"'];

/** Ends `text` at `max` UTF-16 units without cutting a character in half (inputs from Discord are valid Unicode). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 3, arbitrary: fc.constantFrom(...MENTIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...BIDI) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...BLANK) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
);

/** A short hostile mix: markdown, mentions, invisible and right-to-left characters, emoji, words. */
export const mixed = (maxParts = 24) => fc.array(fragment, { maxLength: maxParts }).map((parts) => parts.join(''));

/** 1,900 to 6,100 characters: around and past the 2,000 of a message and up to Discord's 6,000 for an option. */
export const huge = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1_900, max: 6_100 }))
  .map(([parts, length]) => {
    const unit = parts.join('') || 'x';
    return cut(unit.repeat(Math.ceil(length / unit.length)), length);
  });

/** Anything a person could type into a text option or field. */
export const hostileText = fc.oneof(
  { weight: 6, arbitrary: mixed() },
  { weight: 1, arbitrary: fc.constantFrom(...BLANK) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Text that fits a field of at most `max` characters once trimmed and is not blank: what a store accepts. */
export function storableText(max: number, options: { multiline?: boolean } = {}) {
  const source = fc.oneof(
    { weight: 5, arbitrary: mixed(options.multiline ? 40 : 20) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MARKDOWN, ...MENTIONS, ...EMOJI), fc.integer({ min: 1, max })).map(([unit, n]) => unit.repeat(n)) },
  );
  return source
    .map((text) => (options.multiline ? text : text.replace(/[\r\n\u2028\u2029]+/g, ' ')))
    .map((text) => cut(text, max))
    .filter((text) => text.trim() !== '');
}

/** Slugs that look like ids but name nothing. */
export const unknownId = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/),
  fc.constantFrom('nope', 'x', '0', '-', 'memo-2024-01-18-', 'IRAN', 'iran ', ' kerman-bombing', 'kerman-bombing\u200B', '../etc/passwd', 'undefined', 'null', '__proto__', 'constructor'),
);

/** Discord ids: what a channel, role or user option carries, known or not. */
export const snowflake = fc.oneof(
  fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String),
  fc.constantFrom('100000000000000000', '999999999999999999', '18446744073709551615'),
);

/** Integers Discord would send, and ones it would refuse as out of range. */
export const hostileInteger = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, 6, 99, 1e9, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
);

/** Discord usernames (2–32 of a-z, 0-9, "_" and "."), which reach stored audit entries and notices. */
export const username = fc.oneof(fc.stringMatching(/^[a-z0-9_.]{2,32}$/), fc.constantFrom('__init__', 'a_b_c', '..', 'everyone', 'here', 'mod'));
