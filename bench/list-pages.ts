import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../src/cli/parse-command-line.js';
import { commands } from '../src/commands/index.js';
import { runCommand } from '../src/commands/shared.js';
import { isModal, type CommandContext } from '../src/commands/types.js';
import { bundledStoreData } from '../src/data/seed.js';
import { openStore } from '../src/data/store.js';
import type { StoreData } from '../src/data/schema.js';
import { syntheticStore } from './synthetic-store.js';
import { visibleLength } from '../src/briefing/reply/visible.js';
import { commandLine } from '../src/cli/cli-args.js';

/**
 * The lists' first messages (issue 16 items 4–6): visible characters (`visibleLength`, the same
 * measure as `npm run bench:phone`), pages, and the items the first page's select menu opens — on the
 * bundled story and on a 1,000-event story. `npm run bench:lists`
 */
commandLine({
  name: 'bench:lists',
  usage: `usage: npm run bench:lists

The lists on a phone, on the bundled story and a synthetic 1k-event story: for /timeline, /claims,
/statements (alone and compare), /search and /sources, the first message's visible characters, its pages
and the items its select menu opens. Figures, not assertions.

  -h, --help  this text`,
  options: {},
});

async function measure(label: string, data: () => StoreData | Promise<StoreData>, lines: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-lists-'));
  const store = await openStore(join(dir, 'sitrep.json'), { initialData: data });
  const context: CommandContext = { store, now: new Date(), guildId: null, userId: 'bench', userName: 'bench', member: null, locale: 'en-US', timeZone: 'UTC', editorialGuildIds: [] };
  console.log(`\n${label}`);
  console.log('command'.padEnd(44), 'visible', 'pages', 'menu items');
  for (const line of lines) {
    const { command, input } = parseCommandLine(line, commands);
    const reply = await runCommand(command, input, context);
    if (isModal(reply)) continue;
    const visible = visibleLength(reply);
    const footer = reply.embeds?.[0]?.footer?.text ?? '';
    const pages = /of (\d+)/.exec(footer)?.[1] ?? '1';
    const menu = reply.components?.flatMap((row) => row.components).find((component) => component.type === 3);
    console.log(line.padEnd(44), String(visible).padStart(7), pages.padStart(5), String(menu && 'options' in menu ? menu.options.length : 0).padStart(10));
  }
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

await measure('bundled story', bundledStoreData, ['/timeline', '/claims', '/statements side:pakistan', '/statements side:pakistan compare:iran', '/search query:strike', '/sources']);
await measure('1,000-event story', () => syntheticStore(1000), ['/timeline', '/claims', '/statements side:north', '/statements side:north compare:south', '/search query:border', '/sources']);
