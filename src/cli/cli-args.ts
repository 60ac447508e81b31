import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** The npm script's name, as the user types it (`import`, `store:check`). */
  name: string;
  /** The usage text printed by `--help`: its first line is the synopsis, then one line per flag. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

/** What a command line asks for: run with these values, or print something and exit with a code. */
export type CliRequest<O extends Options> =
  | { kind: 'run'; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] }
  | { kind: 'exit'; code: 0 | 2; stdout?: string; stderr?: string };

/**
 * Reads a command line the same way for every Sitrep CLI: `--help`/`-h` prints the usage and exits 0;
 * an unknown flag, a missing value or a stray positional gives one line and exit 2 — never a stack trace.
 * Pure: it returns what to do, so it is tested without spawning a process.
 */
export function readCommandLine<O extends Options>(spec: CliSpec<O>, argv: readonly string[]): CliRequest<O> {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'exit', code: 0, stdout: spec.usage.trimEnd() };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: spec.options,
      allowPositionals: spec.allowPositionals ?? false,
      strict: true,
    });
    return { kind: 'run', values: values as never, positionals };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '').replace(/\.$/, '') : String(error);
    return { kind: 'exit', code: 2, stderr: `${spec.name}: ${reason} (see --help)` };
  }
}

/** `readCommandLine` on this process's arguments; prints and exits for `--help` and bad flags. */
export function commandLine<O extends Options>(spec: CliSpec<O>, argv: readonly string[] = process.argv.slice(2)) {
  const request = readCommandLine(spec, argv);
  if (request.kind === 'exit') {
    if (request.stdout) console.log(request.stdout);
    if (request.stderr) console.error(request.stderr);
    process.exit(request.code);
  }
  return request;
}
