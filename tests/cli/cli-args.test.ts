import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../../src/cli/cli-args.js';

const spec = {
  name: 'export',
  usage: 'usage: npm run export -- [--format json|csv] [--out <file>]\n\n  -h, --help  this text\n',
  options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, apply: { type: 'boolean' } },
} as const;

describe('readCommandLine', () => {
  it('runs with the flags and values given', () => {
    expect(readCommandLine(spec, ['--format', 'csv', '-o', 'x.csv', '--apply'])).toEqual({
      kind: 'run',
      values: { format: 'csv', out: 'x.csv', apply: true },
      positionals: [],
    });
    expect(readCommandLine(spec, [])).toEqual({ kind: 'run', values: {}, positionals: [] });
  });

  it('prints the usage and exits 0 on --help or -h, wherever it stands and whatever else is given', () => {
    const help = { kind: 'exit', code: 0, stdout: spec.usage.trimEnd() };
    expect(readCommandLine(spec, ['--help'])).toEqual(help);
    expect(readCommandLine(spec, ['-h'])).toEqual(help);
    expect(readCommandLine(spec, ['--format', 'csv', '--bogus', '--help'])).toEqual(help);
  });

  it('answers an unknown flag with one line naming it and exit 2', () => {
    const request = readCommandLine(spec, ['--bogus']);
    expect(request).toEqual({ kind: 'exit', code: 2, stderr: "export: Unknown option '--bogus' (see --help)" });
  });

  it('answers a missing value, a value given to a switch and a stray positional the same way', () => {
    for (const argv of [['--format'], ['--apply=yes'], ['stray']]) {
      const request = readCommandLine(spec, argv);
      expect(request, argv.join(' ')).toMatchObject({ kind: 'exit', code: 2 });
      const stderr = (request as { stderr: string }).stderr;
      expect(stderr).toMatch(/^export: .+ \(see --help\)$/);
      expect(stderr).not.toContain('\n');
    }
  });

  it('keeps positionals when the command takes them', () => {
    expect(readCommandLine({ ...spec, allowPositionals: true }, ['story.json', '--apply'])).toEqual({
      kind: 'run',
      values: { apply: true },
      positionals: ['story.json'],
    });
  });
});
