import { safe } from '../briefing/format.js';
import { eventView } from '../briefing/queries.js';
import { renderEvent } from '../briefing/render/event.js';
import { storyLookup } from '../briefing/story-lookup.js';
import type { SitrepEvent } from '../data/schema.js';
import type { CommandContext } from './types.js';

/**
 * Posts a "breaking update" — the same rendering as `/event` — to every channel subscribed to the
 * event's story. A channel that cannot be posted to does not stop the others. Returns how many got it.
 */
export async function postToSubscribers(event: SitrepEvent, context: CommandContext): Promise<number> {
  const { publish } = context;
  if (!publish) return 0;
  const data = context.store.read();
  const story = data.stories.find((candidate) => candidate.id === event.storyId)!;
  const targets = data.guilds.flatMap((guild) =>
    guild.subscriptions
      .filter((subscription) => subscription.storyId === event.storyId)
      .map((subscription) => ({
        channelId: subscription.channelId,
        guildId: guild.guildId,
        kind: subscription.channelKind,
        crosspost: subscription.crosspost,
        threadName: `Breaking: ${event.title}`,
      })),
  );
  const rendered = renderEvent(
    eventView(data, event),
    storyLookup(data, story),
    { page: 1, customIdFor: () => '' },
  );
  const post = { content: `🔔 **Breaking update** — ${safe(story.title)}`, embeds: rendered.embeds };
  const results = await Promise.allSettled(targets.map((target) => publish(target, post)));
  return results.filter((result) => result.status === 'fulfilled').length;
}
