import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { shortKey } from '../../src/commands/short-key.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { smallDisk, type SmallDisk } from '../fixtures/full-disk.js';
import { stateOnDisk } from '../fixtures/temp-store.js';
import { buttonInteraction, modalSubmitInteraction, PERMISSIONS, type Invoker } from '../discord/interactions.js';
import { DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, startDiscordStandIn, type DiscordStandIn, type RecordedRequest } from '../discord/stand-in.js';
import { reportReliability } from './reliability-report.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.fulldisk.secret`;
const MODERATOR: Invoker = { id: '600000000000000001', username: 'mod' };
const STORY = 'iran-pakistan-2024';
const asModerator = { user: MODERATOR, memberPermissions: PERMISSIONS.manageMessages };
const addForm = `update:add:${shortKey(STORY)}:memo-2024-01-18:4:0`;

let standIn: DiscordStandIn;
let bot: RunningBot | undefined;
let disk: SmallDisk;
let dataFile: string;
const logs = captureLogger();

beforeAll(async () => {
  standIn = await startDiscordStandIn({ guilds: [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }] }] });
  // A real 4 MB tmpfs when this process may mount one (root, as here); injected ENOSPC otherwise
  // (the reliability report names the mode that ran).
  disk = await smallDisk('tmpfs');
  dataFile = join(disk.dir, 'sitrep.json');
  bot = await startSitrep(
    { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile, DISCORD_GUILD_ID: standIn.guildIds[0] },
    { logger: logs.logger },
  );
});

afterAll(async () => {
  await disk?.free();
  await bot?.stop();
  await standIn?.close();
  await disk?.unmount();
});

const app = () => ({ applicationId: standIn.applicationId });

function click(reply: RecordedRequest, label: string) {
  const button = reply.body.data.components[0].components.find((component: { label: string }) => component.label === label);
  return standIn.interact(buttonInteraction({ ...app(), ...asModerator, invoker: MODERATOR, customId: button.custom_id, message: { ...reply.body.data, flags: 64 } }));
}

describe('a full disk, through Discord', () => {
  it('a moderator’s Confirm on a full disk is told nothing was saved; a later Confirm, once space is back, saves', async () => {
    const title = 'Border crossings reopen for traders';
    const preview = await standIn.interact(
      modalSubmitInteraction({ ...app(), ...asModerator, customId: addForm, fields: { title, summary: `${title}, in neutral words.`, when: '2024-01-21', sides: ['pakistan', 'iran'], location: '' } }),
    );
    expect(preview.body.data.content).toContain('nothing is saved until you press Confirm');
    await bot!.store.compact(); // an empty journal: the next append needs space the disk no longer has
    await disk.fill();
    const mark = logs.lines().length;

    const refused = await click(preview, 'Confirm');
    reportReliability({ suite: 'store', fault: `full disk (${disk.mode})`, injected: 1, duplicatePosts: 0, lostPosts: 0 });
    expect(refused.body.data.content).toMatch(/^Nothing was saved: Sitrep could not write to its data file \(the disk may be full\)/);
    expect(refused.body.data.content).not.toMatch(/Something went wrong|changed outside/);
    expect(refused.body.data.flags).toBe(64);
    const logged = logs.lines().slice(mark).find((line) => line.msg === 'a write failed; nothing was saved');
    expect(logged).toMatchObject({ file: `${dataFile}.journal`, code: 'ENOSPC' });
    expect(JSON.stringify(logs.lines().slice(mark))).not.toContain(title);
    expect(bot!.store.read().events.some((event) => event.title === title)).toBe(false);

    await disk.free();
    const saved = await click(preview, 'Confirm');
    expect(saved.body.data.content).toMatch(/^Saved \*\*Border crossings reopen for traders\*\*/);
    expect((await stateOnDisk(dataFile)).events.filter((event) => event.title === title)).toHaveLength(1);
  });
});
