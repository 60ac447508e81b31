import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { commandLine } from '../src/cli/cli-args.js';
import { bundledStoreData } from '../src/data/seed.js';
import { timelineImageInput } from '../src/briefing/query/timeline-picture.js';
import { layoutTimelinePicture, PICTURE_THEMES, renderTimelinePng, type TimelineImageInput } from '../src/briefing/render/timeline-image.js';
import type { StoreData } from '../src/data/schema.js';
import { syntheticStore } from './synthetic-store.js';

/**
 * `npm run bench:picture [-- --out DIR]`: draws the timeline picture of the bundled story and of
 * synthetic stories of 1,000 and 50,000 events in both themes, prints what each costs and how
 * legible it is, and (with --out) writes each PNG at 1,200 px and as shown 400 px wide. Figures, not assertions.
 */
const { values } = commandLine({
  name: 'bench:picture',
  usage: `usage: npm run bench:picture [-- --out DIR]

Prints, for the bundled story and synthetic stories of 1k and 50k events, in the dark and light themes:
render time (SVG layout + PNG), PNG bytes, height, labelled events (main ones), and the smallest text
in px at 1,200 and at 400 px display width. --out DIR also writes the PNGs there. Figures, not assertions.

  --out DIR   write <story>-<theme>.png and <story>-<theme>-400.png into DIR
  -h, --help  this text`,
  options: { out: { type: 'string' } },
  allowPositionals: false,
});
const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
if (out) await mkdir(out, { recursive: true });

const inputOf = (data: StoreData): TimelineImageInput => timelineImageInput(data, data.stories[0]!);
const stories: Array<[string, () => Promise<StoreData> | StoreData]> = [
  ['bundled', bundledStoreData],
  ['1k', () => syntheticStore(1_000)],
  ['50k', () => syntheticStore(50_000)],
];

const rows: string[][] = [];
for (const [name, load] of stories) {
  const input = inputOf(await load());
  for (const theme of PICTURE_THEMES) {
    // One warm-up, then the median of three.
    renderTimelinePng(input, { theme });
    const times: number[] = [];
    const cpu: number[] = [];
    let png: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 3; i++) {
      const [start, startCpu] = [performance.now(), process.cpuUsage()];
      png = renderTimelinePng(input, { theme });
      times.push(performance.now() - start);
      const used = process.cpuUsage(startCpu);
      cpu.push((used.user + used.system) / 1000);
    }
    const layoutStart = performance.now();
    const layout = layoutTimelinePicture(input, { theme });
    const layoutMs = performance.now() - layoutStart;
    const smallest = Math.min(...layout.fontSizes);
    if (out) {
      await writeFile(join(out, `${name}-${theme}.png`), png);
      await writeFile(join(out, `${name}-${theme}-400.png`), renderTimelinePng(input, { theme, fitWidth: 400 }));
    }
    rows.push([
      name,
      String(input.events.length),
      theme,
      `${times.sort((a, b) => a - b)[1]!.toFixed(0)} ms`,
      `${cpu.sort((a, b) => a - b)[1]!.toFixed(0)} ms`,
      `${layoutMs.toFixed(0)} ms`,
      `${(png.length / 1024).toFixed(0)} KB`,
      `${layout.width}×${layout.height}`,
      layout.mode === 'periods' ? `per ${layout.period}` : 'each event',
      `${layout.labels.length} (${layout.labels.filter((label) => label.main).length} main)`,
      `${smallest} px`,
      `${((smallest * 400) / layout.width).toFixed(1)} px`,
    ]);
  }
}
const head = ['story', 'events', 'theme', 'render', 'CPU', 'layout', 'PNG', 'size', 'drawn', 'labelled', 'smallest text @1200', '@400'];
const widths = head.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
console.log(`(${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}: times are the median of three renders; "render" is wall-clock layout + rasterising + PNG, "CPU" the CPU time it took, less disturbed by a busy machine)`);
