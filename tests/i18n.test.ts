import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../src/briefing/render/format.js';
import { commands } from '../src/commands/index.js';
import { isolate, LANGUAGES, MESSAGES, READER_COMMANDS, replyLanguage } from '../src/i18n/index.js';

describe('translations', () => {
  it('every language gives every label, and none is empty or left in English by mistake', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const language of LANGUAGES) {
      const messages = MESSAGES[language] as unknown as Record<string, unknown>;
      expect(Object.keys(messages).sort(), language).toEqual(keys);
      // A record of labels (the help line of each command) is checked label by label.
      const entries = keys.flatMap((key) => {
        const value = messages[key];
        return typeof value === 'object' && value !== null
          ? Object.entries(value).map(([inner, label]) => [`${key}.${inner}`, label] as const)
          : [[key, value] as const];
      });
      for (const [key, value] of entries) {
        const sample = typeof value === 'function' ? (value as (...args: unknown[]) => unknown)(2, 3, 'x') : value;
        expect(String(sample).trim(), `${language}.${key}`).not.toBe('');
        if (language !== 'en' && typeof sample === 'string' && !['language', 'direction'].includes(key) && /[a-z]{4}/i.test(String(sample).replace(/`[^`]*`|\bSitrep\b/g, ''))) {
          throw new Error(`${language}.${key} looks untranslated: ${String(sample)}`);
        }
      }
      expect(Object.keys(MESSAGES[language].commandHelp).sort(), `${language}.commandHelp`).toEqual([...READER_COMMANDS].sort());
    }
  });

  it('gives each reading command in /help the English line its registration has', () => {
    const descriptions = new Map<string, string>();
    for (const command of commands) {
      descriptions.set(command.data.name, command.data.description);
      for (const option of command.data.options ?? []) {
        if (option.type === ApplicationCommandOptionType.Subcommand) descriptions.set(`${command.data.name} ${option.name}`, option.description);
      }
    }
    for (const path of READER_COMMANDS) expect(MESSAGES.en.commandHelp[path], path).toBe(descriptions.get(path));
  });

  it('answers in the server’s language first, then a Discord locale it writes, else English', () => {
    expect(replyLanguage('ur', 'en-US')).toBe('ur');
    expect(replyLanguage(undefined, 'fa')).toBe('fa');
    expect(replyLanguage(undefined, 'en-GB')).toBe('en');
    expect(replyLanguage(undefined, 'de')).toBe('en');
  });

  it('writes calendar dates in the reader’s language at their precision, never via a time of day', () => {
    expect(formatPartialDate('2024-01-16', 'day', 'en')).toBe('16 Jan 2024');
    expect(formatPartialDate('2024-01-16', 'day', 'ur')).toMatch(/16 جنوری،? 2024/);
    expect(formatPartialDate('2024-01-16', 'day', 'fa')).toBe('۱۶ ژانویه ۲۰۲۴');
    // A year before 100 stays that year in every language (not 1950).
    expect(formatPartialDate('0050-03-01', 'day', 'en')).toBe('1 Mar 0050');
    expect(formatPartialDate('0050-03-01', 'day', 'ur')).toMatch(/\b50$/);
    expect(formatPartialDate('0050-03', 'month', 'fa')).toBe('مارس ۰۰۵۰');
    expect(formatPartialDate('2024-01', 'month', 'fa')).toBe('ژانویه ۲۰۲۴');
  });

  it('isolates stored left-to-right text inside right-to-left lines', () => {
    expect(isolate('Jaish al-Adl', MESSAGES.ur)).toBe('\u2068Jaish al-Adl\u2069');
    expect(isolate('Jaish al-Adl', MESSAGES.en)).toBe('Jaish al-Adl');
  });
});

describe('moderator labels', () => {
  it('form titles and field labels fit Discord’s 45 characters in every language', () => {
    // Every title and label of a form; English's long source note is shortened by the form as before.
    const formText = Object.keys(MESSAGES.en.moderation).filter((key) => /(Title|Label)$/.test(key)) as Array<keyof typeof MESSAGES.en.moderation>;
    expect(formText.length).toBeGreaterThan(30);
    for (const language of LANGUAGES) {
      for (const key of formText) {
        if (language === 'en' && key === 'sourceNoteLabel') continue;
        expect(String(MESSAGES[language].moderation[key]).length, `${language}.${key}`).toBeLessThanOrEqual(45);
      }
    }
    for (const language of LANGUAGES) for (const key of ['confirm', 'edit', 'cancel'] as const) expect(MESSAGES[language].moderation[key].length).toBeLessThanOrEqual(80);
  });
});
