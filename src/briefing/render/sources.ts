import type { Source, Story } from '../../data/schema.js';
import { safe } from '../format.js';
import { notice, type Reply } from '../reply.js';
import { sourceLine } from './citations.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument } from './document.js';

export interface SourcesView {
  story: Story;
  sources: readonly Source[];
}

/** The `/sources` reply: every report the story is built from, with outlet, date and note. */
export function renderSources(view: SourcesView, options: PageOptions): Reply {
  if (view.sources.length === 0) return notice(`**${safe(view.story.title)}** has no sources yet.`);
  return renderPagedDocument(
    {
      title: `Sources — ${safe(view.story.title)}`,
      blocks: view.sources.map((source, index) => ({
        text: `${sourceLine(source, index + 1)}${source.note ? `\n> ${safe(source.note)}` : ''}`,
        sourceIds: [],
      })),
      sourceLines: new Map(),
      countLabel: `${view.sources.length} sources`,
      maxBlocksPerPage: 10,
      separator: '\n\n',
    },
    options,
  );
}
