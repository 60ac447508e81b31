import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SlashCommandBuilder } from 'discord.js';
import { startSitrep } from '../src/app.js';
import { searchStory } from '../src/briefing/search/search.js';
import { storyLookup } from '../src/briefing/query/story-lookup.js';
import { commands } from '../src/commands/index.js';
import type { Command } from '../src/commands/types.js';
import { addEvent, buildEvent } from '../src/data/mutations.js';
import { createLogger } from '../src/logger.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, modalSubmitInteraction, PERMISSIONS } from '../tests/discord/interactions.js';
import { startDiscordStandIn } from '../tests/discord/stand-in.js';
import { percentiles, timed } from './percentiles.js';

/**
 * `measure-bot.ts <data file> <events>`: the bot's own figures, in a process of its own so its peak
 * RSS is the bot's: cold start (until it answers; the search index then builds in the background), command latency through discord.js against the stand-in (warm, and
 * first call after a write), moderator writes and how long the event loop stalls meanwhile.
 */
const [file, sizeArgument] = process.argv.slice(2);
const size = Number(sizeArgument);
// p99 of 500 samples is their fifth largest: a stray pause or two does not make the figure.
const runs = 500;
const STORY = 'bench-story';
const author = { userId: 'bench', userName: 'bench', guildId: null, now: new Date('2024-06-01T00:00:00Z') };

const noop: Command = { data: new SlashCommandBuilder().setName('noop').setDescription('bench floor').toJSON(), execute: () => ({ content: 'ok' }) };
const standIn = await startDiscordStandIn();
const startStall = monitorEventLoopDelay({ resolution: 1 });
const started = performance.now();
const [bot, coldStartMs] = await timed(async () => {
  const running = await startSitrep(
    { DISCORD_TOKEN: `${Buffer.from('111111111111111111').toString('base64')}.b.c`, DISCORD_API_URL: standIn.apiUrl, SITREP_DATA_FILE: file!, DISCORD_GUILD_ID: standIn.guildIds[0] },
    { logger: createLogger('silent'), commands: [...commands, noop] },
  );
  // What every reading command needs: the story's lookups. (Search builds in the background;
  // autocomplete candidates are built by the first autocomplete, about 0.15 s at 100k.)
  startStall.enable();
  storyLookup(running.store.read(), running.store.read().stories[0]!);
  return running;
});
// While the search index builds in the background the bot answers; how long until it is built, and the longest
// event-loop stall from the bot being ready until then (warming autocomplete included).
const scanSearchMs = (await timed(() => standIn.interact(chatInputInteraction({ applicationId: standIn.applicationId, name: 'search', options: { query: 'ceasefire envoy' } }), 60_000)))[1];
await bot.searchReady;
const searchReadyMs = performance.now() - started;
startStall.disable();
searchStory(bot.store.read(), STORY, 'warm');

const app = { applicationId: standIn.applicationId };
const calls = {
  floor: () => chatInputInteraction({ ...app, name: 'noop' }),
  brief: () => chatInputInteraction({ ...app, name: 'brief' }),
  timeline: () => chatInputInteraction({ ...app, name: 'timeline', options: { page: 3 } }),
  statements: () => chatInputInteraction({ ...app, name: 'statements', options: { side: 'north' } }),
  search: () => chatInputInteraction({ ...app, name: 'search', options: { query: 'ceasefire envoy' } }),
  autocomplete: () => autocompleteInteraction({ ...app, name: 'event', options: { id: 'event 12' }, focused: 'id' }),
};

let writeCount = 0;
const write = () =>
  bot.store.update((draft) => {
    const fields = { storyId: STORY, title: `Bench write ${writeCount++}`, summary: 'A ceasefire envoy write.', occurredAt: '2024-05-01', precision: 'day' as const, sideIds: ['north'], sourceIds: ['source-0'], significance: 3 };
    return addEvent(draft, buildEvent(draft, fields, author), author);
  });

// Every command is called once to warm up, then the commands take turns, call by call, so a slow
// moment of the machine (or a garbage collection) falls on all of them alike, not on one command's window.
const latency: Record<string, { p50: number; p99: number }> = {};
const afterWrite: Record<string, { p50: number; p99: number }> = {};
for (const make of Object.values(calls)) await standIn.interact(make(), 60_000);
const samples = new Map(Object.keys(calls).map((name) => [name, [] as number[]]));
for (let i = 0; i < runs; i++) {
  for (const [name, make] of Object.entries(calls)) samples.get(name)!.push((await timed(() => standIn.interact(make(), 60_000)))[1]);
}
for (const [name, taken] of samples) latency[name] = percentiles(taken);
for (const [name, make] of Object.entries(calls)) {
  const firsts: number[] = [];
  for (let i = 0; i < 5; i++) {
    await write();
    firsts.push((await timed(() => standIn.interact(make(), 60_000)))[1]);
  }
  afterWrite[name] = percentiles(firsts);
}

// A moderator's whole flow through Discord: the form, its preview (where the write is tried on a draft) and Confirm.
const moderator = { ...app, user: { id: '600000000000000001', username: 'mod' }, memberPermissions: PERMISSIONS.manageMessages };
const previews: number[] = [];
const confirms: number[] = [];
for (let i = 0; i < 10; i++) {
  const form = await standIn.interact(chatInputInteraction({ ...moderator, name: 'source', subcommand: 'add', options: {} }), 60_000);
  const fields = { outlet: `Bench outlet ${i}`, title: 'A bench report', url: '', date: '2024-05-01', note: '' };
  const [preview, previewMs] = await timed(() => standIn.interact(modalSubmitInteraction({ ...moderator, customId: form.body.data.custom_id, fields }), 60_000));
  const confirm = preview.body.data.components[0].components.find((component: { label: string }) => component.label === 'Confirm');
  const message = { ...preview.body.data, flags: 64 };
  confirms.push((await timed(() => standIn.interact(buttonInteraction({ ...moderator, invoker: moderator.user, customId: confirm.custom_id, message }), 60_000)))[1]);
  previews.push(previewMs);
}

// Moderator writes while reads keep coming: the longest the event loop (every read) stalled.
const writes: number[] = [];
const stall = monitorEventLoopDelay({ resolution: 1 });
stall.enable();
for (let i = 0; i < 20; i++) writes.push((await timed(write))[1]);
const [, compactMs] = await timed(() => bot.store.compact());
stall.disable();

await bot.stop();
await standIn.close();
console.log(
  JSON.stringify({
    size,
    runs,
    coldStartMs,
    searchReadyMs,
    scanSearchMs,
    startStallMaxMs: startStall.max / 1e6,
    writeMs: percentiles(writes),
    moderatorPreviewMs: percentiles(previews),
    moderatorConfirmMs: percentiles(confirms),
    compactMs,
    readStallMaxMs: stall.max / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    latency,
    afterWrite,
  }),
);
