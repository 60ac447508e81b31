import type { StoreData } from '../../data/schema.js';
import { safe } from '../format.js';
import { shorten } from '../paginate.js';
import { LIMITS } from '../limits.js';
import type { Reply } from '../reply.js';

/** `/story list`: each story with its id, summary and size; the server's default marked. */
export function renderStoryList(data: Readonly<StoreData>, defaultStoryId: string): Reply {
  const lines = data.stories.map((story) => {
    const events = data.events.filter((event) => event.storyId === story.id && event.status !== 'retracted').length;
    const marker = story.id === defaultStoryId ? ' · **default here**' : '';
    return `**${safe(story.title)}** — \`${story.id}\`${marker}\n${safe(shorten(story.summary, 300))}\n-# ${events} events`;
  });
  return {
    embeds: [
      {
        title: 'Stories',
        description: shorten(lines.join('\n\n'), LIMITS.embedDescription),
        footer: { text: `${data.stories.length} stories · /story use sets this server’s default` },
      },
    ],
  };
}
