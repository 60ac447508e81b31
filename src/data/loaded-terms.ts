import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config.js';
import { LoadedTermsSchema, type LoadedTerms } from '../briefing/input/neutrality.js';
import bundled from './loaded-terms.json' with { type: 'json' };

/** The bundled list of loaded terms (src/data/loaded-terms.json), used unless SITREP_LOADED_TERMS_FILE names another. */
export const BUNDLED_LOADED_TERMS: LoadedTerms = bundled;

/**
 * Reads the list SITREP_LOADED_TERMS_FILE names (same format as the bundled one, which it replaces),
 * or the bundled list when none is named. A file that is missing or malformed stops the start with one line.
 */
export async function loadLoadedTerms(file: string | undefined): Promise<LoadedTerms> {
  if (!file) return BUNDLED_LOADED_TERMS;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(`SITREP_LOADED_TERMS_FILE is "${file}", which cannot be read: point it at a JSON list of loaded terms, or leave it empty for the bundled list.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`SITREP_LOADED_TERMS_FILE (${file}) is not JSON: it must look like {"en": ["terrorist*", "regime"], "ur": [...], "fa": [...]}.`);
  }
  const parsed = LoadedTermsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`SITREP_LOADED_TERMS_FILE (${file}): ${issue.path.join('.') || 'the list'} ${issue.message}; it must look like {"en": ["terrorist*", "regime"], "ur": [...], "fa": [...]}.`);
  }
  return parsed.data;
}
