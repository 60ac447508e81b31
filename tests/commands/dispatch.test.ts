import { ComponentType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/briefing/reply/reply.js';
import { dispatch } from '../../src/commands/dispatch.js';
import { commands } from '../../src/commands/index.js';
import { isModal, type Answer } from '../../src/commands/types.js';
import { bundledStoreData } from '../../src/data/seed.js';
import type { Store } from '../../src/data/store.js';
import { tempStore, testContext } from '../fixtures/temp-store.js';

let store: Store;
beforeAll(async () => {
  store = await tempStore(bundledStoreData);
});
afterAll(() => store?.close());

const reply = (answer: Answer): Reply => {
  if (isModal(answer)) throw new Error('a form');
  return answer;
};
const nextButton = (answer: Reply) =>
  (answer.components ?? []).flatMap((row) => row.components).find((button) => button.type === ComponentType.Button && 'custom_id' in button && button.label?.includes('Next') && !button.disabled);

describe('the one dispatch (plain data in, answer out)', () => {
  it('runs a command, then a click on its Next button, by the custom_id alone', async () => {
    const first = reply(await dispatch(commands, { kind: 'command', name: 'statements', input: { options: { side: 'iran', compare: 'pakistan' } } }, testContext(store)));
    const next = nextButton(first);
    expect(next && 'custom_id' in next ? next.custom_id : '').toMatch(/^statements:2:[a-z0-9]+:[a-z0-9]+:[a-z0-9]+::$/);
    const second = reply(await dispatch(commands, { kind: 'component', customId: next && 'custom_id' in next ? next.custom_id : '' }, testContext(store)));
    expect(JSON.stringify(second.embeds)).not.toBe(JSON.stringify(first.embeds));
  });

  it('answers autocomplete with choices, and private:true privately', async () => {
    const choices = await dispatch(commands, { kind: 'autocomplete', name: 'timeline', focused: { name: 'side', value: 'pak' }, input: { options: {} } }, testContext(store));
    expect(choices.map((choice) => choice.value)).toContain('pakistan');
    const answer = reply(await dispatch(commands, { kind: 'command', name: 'sources', input: { options: { private: true } } }, testContext(store)));
    expect(answer.ephemeral).toBe(true);
  });

  it('refuses politely what no command answers: an unknown command, button or form', async () => {
    await expect(dispatch(commands, { kind: 'command', name: 'nope', input: { options: {} } }, testContext(store))).rejects.toThrow("I don't know `/nope`");
    await expect(dispatch(commands, { kind: 'component', customId: 'nope:1:2' }, testContext(store))).rejects.toThrow('This button no longer works');
    await expect(dispatch(commands, { kind: 'component', customId: 'timeline:1:k:::::o:extra' }, testContext(store))).rejects.toThrow('This button no longer works');
    await expect(dispatch(commands, { kind: 'modal', customId: 'timeline:1', fields: {} }, testContext(store))).rejects.toThrow('This form no longer works');
    expect(await dispatch(commands, { kind: 'autocomplete', name: 'nope', focused: { name: 'x', value: '' }, input: { options: {} } }, testContext(store))).toEqual([]);
  });
});
