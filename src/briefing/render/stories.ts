import type { StoreData, Story } from '../../data/schema.js';
import { isolate, messagesFor, type Messages } from '../../i18n/index.js';
import { safe } from './format.js';
import { shorten } from './paginate.js';
import { LIMITS } from '../reply/limits.js';
import type { Reply } from '../reply/reply.js';

/**
 * `/story list`: each of `stories` (the server's listed ones) with its id, summary and size; the
 * server's default marked. With `archived`, the stories this server archived, and how to bring one back.
 */
export function renderStoryList(data: Readonly<StoreData>, stories: readonly Story[], defaultStoryId: string | undefined, m: Messages = messagesFor('en'), archived = false): Reply {
  const lines = stories.map((story) => {
    const events = data.events.filter((event) => event.storyId === story.id && event.status !== 'retracted').length;
    const marker = story.id === defaultStoryId ? ` · **${m.defaultHere}**` : '';
    return `**${isolate(safe(story.title), m)}** — \`${story.id}\`${marker}\n${safe(shorten(story.summary, 300))}\n-# ${m.events(events)}`;
  });
  return {
    embeds: [
      {
        title: archived ? m.archivedStoriesTitle : m.storiesTitle,
        description: shorten(lines.join('\n\n') || (archived ? m.noArchivedStories : '—'), LIMITS.embedDescription),
        footer: { text: `${m.stories(stories.length)} · ${archived ? `/story unarchive ${m.archivedStoriesFooter}` : `/story use ${m.setsServerDefault}`}` },
      },
    ],
  };
}
