import { UserError } from '../briefing/reply/reply.js';

/** What a click on a component whose id no codec reads is told, and a form's submission likewise. */
export const BUTTON_GONE = 'This button no longer works — run the command again.';
export const FORM_GONE = 'This form no longer works — run the command again.';

/** A value a custom_id carries: a slug, a short key or a number, so ":" never appears inside one (but see `rest`). */
type Part = string | number | undefined;

export interface ComponentCodec<F extends string> {
  readonly command: string;
  readonly tag?: string;
  /**
   * The custom_id: `<command>[:<tag>]:<field>:<field>…`, each field in its declared place (an
   * undefined one empty). Every field must be given — a missing or misnamed one is a type error.
   */
  encode(values: { readonly [K in F]: Part }): string;
  /**
   * The fields of a custom_id's parts after the command name (as the dispatch hands them over).
   * A part an older id did not carry reads as `''`; an id of another shape — another tag, or
   * more parts than declared — is refused politely, since its button no longer works.
   */
  decode(parts: readonly string[]): { [K in F]: string };
  /** Whether these parts (after the command name) are this codec's shape: its tag, if it has one. */
  matches(parts: readonly string[]): boolean;
}

/**
 * One encode/decode pair per button, select or form: `componentCodec('timeline', ['page', 'story'] as const)`.
 * `tag` is a fixed first part (`update:history:…`, `statement:add:…`); with `rest`, the last field
 * takes every remaining part, joined by ":" again (a search query may contain ":").
 */
export function componentCodec<const F extends readonly string[]>(
  command: string,
  fields: F,
  { tag, rest = false, refusal = BUTTON_GONE }: { tag?: string; rest?: boolean; refusal?: string } = {},
): ComponentCodec<F[number]> {
  const head = tag === undefined ? [command] : [command, tag];
  return {
    command,
    ...(tag === undefined ? {} : { tag }),
    encode: (values) => [...head, ...fields.map((field: F[number]) => values[field] ?? '')].join(':'),
    decode(parts) {
      if (tag !== undefined && parts[0] !== tag) throw new UserError(refusal);
      const own = tag === undefined ? parts : parts.slice(1);
      if (own.length > fields.length && !rest) throw new UserError(refusal);
      const decoded: Record<string, string> = {};
      fields.forEach((field, index) => {
        decoded[field] = rest && index === fields.length - 1 ? own.slice(index).join(':') : (own[index] ?? '');
      });
      return decoded as { [K in F[number]]: string };
    },
    matches: (parts) => tag === undefined || parts[0] === tag,
  };
}
