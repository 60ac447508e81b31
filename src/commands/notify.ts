import type { SitrepEvent } from '../data/schema.js';
import { sendBreaking } from '../schedule/breaking.js';
import type { CommandContext } from './types.js';

export { breakingNonce } from '../schedule/breaking.js';

/**
 * Posts a "breaking update" — the same rendering as `/event` — to every channel subscribed to the
 * event's story, after the Confirm that saved it (whose rights were checked there). A channel that
 * cannot be posted to does not stop the others. Returns how many got it. See `sendBreaking`.
 */
export async function postToSubscribers(event: SitrepEvent, context: CommandContext): Promise<number> {
  const { publish } = context;
  if (!publish) return 0;
  return sendBreaking(event, { store: context.store, now: context.now, publish });
}
