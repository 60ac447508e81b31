import { en } from './en.js';
import { fa } from './fa.js';
import { LANGUAGES, type Language, type Messages } from './messages.js';
import { ur } from './ur.js';

export { LANGUAGES, READER_COMMANDS, type Language, type Messages, type ModerationMessages, type ReaderCommand } from './messages.js';

export const MESSAGES: Record<Language, Messages> = { en, ur, fa };

export function messagesFor(language: Language | undefined): Messages {
  return MESSAGES[language ?? 'en'];
}

/**
 * The language to answer in: the server's choice (`/settings language`) first, since Discord's own
 * locales include neither Urdu nor Persian; then the reader's Discord locale when it is one we write;
 * else English.
 */
export function replyLanguage(serverLanguage: Language | undefined, locale: string | undefined): Language {
  if (serverLanguage) return serverLanguage;
  const base = locale?.split('-')[0];
  return LANGUAGES.find((language) => language === base) ?? 'en';
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Stored text inside a right-to-left line keeps its own direction (an English title in an Urdu
 * sentence), and its punctuation stays with it: a Unicode isolate around it.
 */
export function isolate(text: string, messages: Messages): string {
  return messages.direction === 'rtl' ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}` : text;
}
