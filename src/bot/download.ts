import { UserError } from '../briefing/reply/reply.js';

/** How long fetching an attachment may take before it is given up. */
const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Fetches a file a member attached to a command, as UTF-8 text, reading at most `maxBytes`: a
 * larger file (by its Content-Length or as it streams) is refused before it is read whole. Only
 * http(s) URLs, which is what Discord gives for attachments.
 */
export async function downloadText(url: string, maxBytes: number): Promise<string> {
  if (!/^https?:\/\//i.test(url)) throw new UserError('That attachment has no address Sitrep can fetch. Nothing was changed.');
  const tooLarge = () => new UserError(`The file is larger than ${Math.round(maxBytes / 1024)} KB, the most an import takes. Nothing was changed.`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch {
    throw new UserError('Sitrep could not fetch the attachment (Discord did not answer in time) — try again. Nothing was changed.');
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new UserError(`Sitrep could not fetch the attachment (HTTP ${response.status}) — try again. Nothing was changed.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
