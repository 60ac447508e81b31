import type { Reply } from './reply.js';

/**
 * What a reader sees of a message, as text: the content, then each embed's author, title, description,
 * fields (name and value) and footer, one after another with a line break between them, with Discord's
 * markdown markup removed and each `<t:…>` timestamp replaced by a stand-in as long as Discord renders it
 * in English (en-US). Buttons, images and attachments are not text and are not counted.
 *
 * "Visible characters" (issue 16) is the length of this text in UTF-16 code units minus its line breaks:
 * - markup removed: `**`, `__`, `*`, `_` emphasis, `~~`, `||`, backticks, a line's leading `> `, `>>> `,
 *   `-# `, `# `/`## `/`### ` and `- `/`• ` stay as "•" (a bullet is seen), a backslash escape shows the
 *   character it escapes, a masked link `[text](url)` shows its text, `<https://…>` shows the URL;
 * - a timestamp counts as rendered: `<t:…:t>` 7 ("4:05 PM"), `:T` 10, `:d` 10 ("01/18/2024"), `:D` 16
 *   ("January 18, 2024"), `:f` and no style 25 ("January 18, 2024 4:05 PM"), `:F` 34, `:R` 12 ("3 months ago");
 * - Unicode directional controls (isolates, embeddings) are invisible and not counted.
 */
export function visibleText(reply: Pick<Reply, 'content' | 'embeds'>): string {
  const parts: string[] = [];
  if (reply.content) parts.push(reply.content);
  for (const embed of reply.embeds ?? []) {
    if (embed.author?.name) parts.push(embed.author.name);
    if (embed.title) parts.push(embed.title);
    if (embed.description) parts.push(embed.description);
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
    if (embed.footer?.text) parts.push(embed.footer.text);
  }
  return parts.map(unmarked).join('\n');
}

/** The number of visible characters of a message (see `visibleText`): line breaks are not counted. */
export function visibleLength(reply: Pick<Reply, 'content' | 'embeds'>): number {
  return visibleText(reply).replace(/\n/g, '').length;
}

/** How long Discord's English rendering of each timestamp style is (typical values). */
const TIMESTAMP_LENGTH: Record<string, number> = { t: 7, T: 10, d: 10, D: 16, f: 25, F: 34, R: 12 };

const ESCAPE = '\u0000';

/** One piece of markdown as the reader sees it. */
export function unmarked(markdown: string): string {
  return (
    markdown
      // A backslash escape shows its character: keep it aside so the markup rules below leave it alone.
      .replace(/\\([^\sA-Za-z0-9])/g, (_m, ch: string) => `${ESCAPE}${ch.charCodeAt(0)}${ESCAPE}`)
      .replace(/<t:-?\d+(?::([tTdDfFR]))?>/g, (_m, style: string | undefined) => 'x'.repeat(TIMESTAMP_LENGTH[style ?? 'f']!))
      .replace(/\[([^\]\n]*)\]\((?:<)?https?:\/\/[^)\s]*(?:>)?\)/g, '$1')
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
      .replace(/^(?:>>> |> |-# |#{1,3} )/gm, '')
      .replace(/^(\s*)- /gm, '$1• ')
      .replace(/\*\*|__|~~|\|\||`/g, '')
      .replace(/(^|[^\p{L}\p{N}])[*_](?=\S)|(?<=\S)[*_](?=$|[^\p{L}\p{N}])/gu, '$1')
      .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(new RegExp(`${ESCAPE}(\\d+)${ESCAPE}`, 'g'), (_m, code: string) => String.fromCharCode(Number(code)))
  );
}
