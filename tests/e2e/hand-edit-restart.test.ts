import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSitrep, type RunningBot } from '../../src/app.js';
import { StoreNeedsDecision } from '../../src/data/store.js';
import { repairStore } from '../../src/data/store-repair.js';
import { captureLogger } from '../fixtures/capture-logger.js';
import { tempDir } from '../fixtures/temp-store.js';
import { chatInputInteraction, PERMISSIONS } from '../discord/interactions.js';
import { startDiscordStandIn, type DiscordStandIn } from '../discord/stand-in.js';

const TOKEN = `${Buffer.from('111111111111111111').toString('base64')}.handedit.secret`;
let standIn: DiscordStandIn;
const running: RunningBot[] = [];

beforeAll(async () => {
  standIn = await startDiscordStandIn();
});

afterAll(async () => {
  await Promise.all(running.map((bot) => bot.stop()));
  await standIn?.close();
});

const start = async (dataFile: string) => {
  const bot = await startSitrep({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: dataFile }, { logger: captureLogger().logger });
  running.push(bot);
  return bot;
};
const storyUse = () =>
  standIn.interact(
    chatInputInteraction({ applicationId: standIn.applicationId, name: 'story', subcommand: 'use', options: { story: 'iran-pakistan-2024' }, memberPermissions: PERMISSIONS.manageServer }),
  );
const brief = () => standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'brief' }));

describe('a data file edited by hand, then the restart the bot asks for', () => {
  it('is refused naming both files instead of replaying the journal over the edit; after --discard-journal the bot serves the edit', async () => {
    const dataFile = join(await tempDir(), 'sitrep.json');
    const first = await start(dataFile);
    expect((await storyUse()).body.data.content).toContain('default story is now'); // a write in the journal
    const title = first.store.read().stories[0]!.title;
    const text = await readFile(dataFile, 'utf8');
    await writeFile(dataFile, text.replace(title, 'Edited by hand'));
    expect((await storyUse()).body.data.content).toMatch(/^Nothing was saved: the story’s data file was changed outside Sitrep/);
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const refused = await start(dataFile).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreNeedsDecision);
    expect((refused as Error).message).toContain(`${dataFile} cannot be loaded`);
    expect((refused as Error).message).toContain(`${dataFile}.journal holds 1 write`);
    expect((refused as Error).message).toMatch(/--discard-journal[^]*--apply-journal/);
    expect(await readFile(dataFile, 'utf8')).toContain('Edited by hand');

    await repairStore(dataFile, 'discard-journal', { backups: 1 });
    await start(dataFile);
    expect((await brief()).body.data.embeds[0].title).toBe('Briefing — Edited by hand');
  });
});
