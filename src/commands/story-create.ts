import { z } from 'zod';
import { safe } from '../briefing/render/format.js';
import { form, textField } from '../briefing/render/forms.js';
import { UserError, type Reply } from '../briefing/reply/reply.js';
import { draftOf } from '../data/draft.js';
import { StorySchema } from '../data/schema.js';
import { createStory, StoryFormError, storyFromForm, type StoryForm } from '../data/story-admin.js';
import { previewKind, refusalsAsUserErrors, showPreview, type PreviewKinds } from './pending.js';
import { requireEditor } from './rights.js';
import { readerMessages } from './shared.js';
import { en } from '../i18n/en.js';
import { isolate, type Messages } from '../i18n/index.js';
import type { Answer, CommandContext, ModalFields } from './types.js';
import { componentCodec, FORM_GONE } from './codec.js';

/** The create form: `story:create`. */
export const createFormId = componentCodec('story', [], { tag: 'create', refusal: FORM_GONE });

/**
 * `/story create`: a form (title, lead, sides with aliases, time zone), a preview, Confirm. Only
 * moderators of an editorial server: a story is the store's, not one server's.
 */

const createForm = (id: string, values: Partial<StoryForm>, defaultZone: string, { moderation: m }: Messages = en) =>
  form(id, m.startStoryTitle, [
    textField({ id: 'title', label: m.titleLabel, maxLength: 200, value: values.title, placeholder: 'Iran–Pakistan cross-border strikes, January 2024' }),
    textField({ id: 'summary', label: m.leadLabel, long: true, maxLength: 1000, value: values.summary }),
    textField({
      id: 'sides',
      label: 'Sides: one a line, "Name: alias, alias"',
      long: true,
      maxLength: 4000,
      value: values.sides,
      placeholder: 'Iran: Tehran, Iranian\nPakistan: Islamabad, Pakistani',
    }),
    textField({ id: 'timeZone', label: 'Time zone (IANA)', required: false, maxLength: 64, value: values.timeZone, placeholder: `e.g. Asia/Karachi — empty: ${defaultZone}` }),
  ]);

/** Opens the empty form; its submission comes back as `story:create`. */
export function openCreateForm(context: CommandContext): Answer {
  requireEditor(context);
  return { modal: createForm(createFormId.encode({}), {}, context.timeZone, readerMessages(context)) };
}

/** Problems listed in one refusal, so that it fits a Discord message. */
const PROBLEMS_SHOWN = 10;

const FormSchema = z.strictObject({ title: z.string(), summary: z.string(), sides: z.string(), timeZone: z.string() });
const PayloadSchema = z.strictObject({ story: StorySchema, form: FormSchema });
type Payload = z.infer<typeof PayloadSchema>;

const text = (fields: ModalFields, id: string) => {
  const value = fields[id];
  return typeof value === 'string' ? value : '';
};

function payloadOf(fields: ModalFields, context: CommandContext): Payload {
  const typed: StoryForm = { title: text(fields, 'title'), summary: text(fields, 'summary'), sides: text(fields, 'sides'), timeZone: text(fields, 'timeZone') };
  try {
    return { story: storyFromForm(context.store.read(), typed, context.now, context.timeZone), form: typed };
  } catch (error) {
    if (error instanceof StoryFormError) {
      const shown = error.problems.slice(0, PROBLEMS_SHOWN).map((problem) => `• ${problem.length > 160 ? `${problem.slice(0, 159)}…` : problem}`);
      const more = error.problems.length > PROBLEMS_SHOWN ? [`…and ${error.problems.length - PROBLEMS_SHOWN} more.`] : [];
      throw new UserError(['The story cannot be started as written:', ...shown, ...more, 'Nothing was changed.'].join('\n'));
    }
    throw error;
  }
}

/** The submitted form: a preview kept in the store. */
export function previewCreate(fields: ModalFields, context: CommandContext, kinds: PreviewKinds): Promise<Reply> {
  requireEditor(context);
  return showPreview('story.create', payloadOf(fields, context), context, kinds);
}

export const CREATE_KINDS: PreviewKinds = {
  'story.create': previewKind<Payload>({
    command: 'story',
    payload: PayloadSchema,
    render({ story }, context) {
      const messages = readerMessages(context);
      refusalsAsUserErrors(() => createStory(draftOf(context.store.read()), story, context), messages);
      const sides = story.sides.map((side) => `• **${safe(side.name)}** (\`${side.id}\`)${side.aliases.length ? ` — also ${side.aliases.map(safe).join(', ')}` : ''}`);
      return {
        heading: messages.moderation.newStoryPreview,
        embeds: [
          {
            title: safe(story.title),
            description: [safe(story.summary), '', '**Sides**', ...sides, '', `Id: \`${story.id}\` · dates worked out in ${safe(story.timeZone ?? context.timeZone)}`].join('\n'),
          },
        ],
        warnings: [],
      };
    },
    apply(draft, { story }, author, messages = en) {
      const at = author.now.toISOString();
      const saved = createStory(draft, { ...story, createdAt: at, updatedAt: at }, author);
      return {
        text: messages.moderation.startedStory(isolate(safe(saved.title), messages), saved.id),
        recordId: saved.id,
      };
    },
    reopen: ({ form: values }, formId, context) => createForm(formId, values, context.timeZone, readerMessages(context)),
    revise: (_payload, fields, context) => payloadOf(fields, context),
  }),
};
