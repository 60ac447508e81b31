import type { StoreData } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { safe } from '../format.js';
import { shorten } from '../paginate.js';
import { LIMITS } from '../limits.js';
import type { Reply } from '../reply.js';

/** `/story list`: each story with its id, summary and size; the server's default marked. */
export function renderStoryList(data: Readonly<StoreData>, defaultStoryId: string, m: Messages = messagesFor('en')): Reply {
  const lines = data.stories.map((story) => {
    const events = data.events.filter((event) => event.storyId === story.id && event.status !== 'retracted').length;
    const marker = story.id === defaultStoryId ? ` · **${m.defaultHere}**` : '';
    return `**${isolate(safe(story.title), m)}** — \`${story.id}\`${marker}\n${safe(shorten(story.summary, 300))}\n-# ${m.events(events)}`;
  });
  return {
    embeds: [
      {
        title: m.storiesTitle,
        description: shorten(lines.join('\n\n'), LIMITS.embedDescription),
        footer: { text: `${m.stories(data.stories.length)} · /story use ${m.setsServerDefault}` },
      },
    ],
  };
}
