import type { Source, Story } from '../../data/schema.js';
import { isolate, messagesFor } from '../../i18n/index.js';
import { safe } from './format.js';
import { notice, type Reply } from '../reply/reply.js';
import { sourceLine } from './citations.js';
import type { PageOptions } from './components.js';
import { renderPagedDocument } from './document.js';
import { correctedMark, retractionLine } from '../query/corrections.js';

export interface SourcesView {
  story: Story;
  sources: readonly Source[];
  /** When a source was last corrected, for its mark. */
  correctedAt?: (source: Source) => string | undefined;
}

/** The `/sources` reply: every report the story is built from, with outlet, date and note. */
export function renderSources(view: SourcesView, options: PageOptions): Reply {
  const m = options.messages ?? messagesFor('en');
  const title = isolate(safe(view.story.title), m);
  if (view.sources.length === 0) return notice(m.noSources(title));
  return renderPagedDocument(
    {
      title: m.sourcesTitle(title),
      blocks: view.sources.map((source, index) => ({
        // A retracted source keeps its number (citations never shift) and says when and why it was retracted.
        text: `${sourceLine(source, index + 1, m)}${correctedMark(view.correctedAt?.(source), m)}${source.retraction ? `\n${retractionLine(source.retraction, m)}` : ''}${source.note ? `\n> ${safe(source.note)}` : ''}`,
        sourceIds: [],
      })),
      sourceLines: new Map(),
      sourcesHeading: m.sources,
      countLabel: m.sourceCount(view.sources.length),
      separator: '\n\n',
    },
    options,
  );
}
