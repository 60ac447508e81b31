import { snowflake } from './snowflake.js';

/** A message object as Discord returns it, with `fields` over the defaults. */
export function messagePayload(fields: { channel_id: string; author: Record<string, unknown> } & Record<string, unknown>) {
  return {
    id: snowflake(),
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: 0,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...fields,
  };
}
