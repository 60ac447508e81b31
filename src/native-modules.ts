/**
 * The two native modules Sitrep needs: better-sqlite3 (the /search index) and @resvg/resvg-js (the
 * timeline picture). A missing or broken binary (an install script npm skipped, a binary built for
 * another Node.js) would otherwise crash the bot on the first /search or picture; start refuses instead.
 */
export interface NativeModule {
  name: string;
  /** Loads the module and makes it do the least real work (its binary is loaded lazily by some). */
  probe(): Promise<void>;
}

export const NATIVE_MODULES: readonly NativeModule[] = [
  {
    name: 'better-sqlite3',
    async probe() {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(':memory:');
      try {
        db.exec('CREATE VIRTUAL TABLE probe USING fts5(text)');
      } finally {
        db.close();
      }
    },
  },
  {
    name: '@resvg/resvg-js',
    async probe() {
      const { Resvg } = await import('@resvg/resvg-js');
      new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>').render();
    },
  },
];

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((part) => part.trim()) ?? 'unknown error';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * Probes each module; the first that fails gives one line saying which module, why, and what to do.
 * Undefined when all load.
 */
export async function checkNativeModules(modules: readonly NativeModule[] = NATIVE_MODULES): Promise<string | undefined> {
  for (const module of modules) {
    try {
      await module.probe();
    } catch (error) {
      return (
        `the native module ${module.name} does not load (${firstLine(error)}). ` +
        `Reinstall it for this Node.js ${process.version}: \`npm rebuild ${module.name}\` (or \`npm ci\`), and check that npm did not skip its install script.`
      );
    }
  }
  return undefined;
}
