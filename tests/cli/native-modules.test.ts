import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkNativeModules, NATIVE_MODULES } from '../../src/native-modules.js';
import { tempDir } from '../fixtures/temp-store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

describe('checkNativeModules', () => {
  it('passes when every module loads (the real ones, on this machine)', async () => {
    expect(NATIVE_MODULES.map((module) => module.name)).toEqual(['better-sqlite3', '@resvg/resvg-js']);
    expect(await checkNativeModules()).toBeUndefined();
  });

  it('names the first module that fails, why, and what to do, in one line', async () => {
    const problem = await checkNativeModules([
      { name: 'fine', probe: async () => undefined },
      {
        name: 'better-sqlite3',
        probe: async () => {
          throw new Error("Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/better_sqlite3.node");
        },
      },
      { name: 'never-reached', probe: async () => expect.unreachable() },
    ]);
    expect(problem).toBe(
      `the native module better-sqlite3 does not load (Could not locate the bindings file. Tried:). Reinstall it for this Node.js ${process.version}: \`npm rebuild better-sqlite3\` (or \`npm ci\`), and check that npm did not skip its install script.`,
    );
    expect(problem).not.toContain('\n');
  });
});

/**
 * A real start with a broken binary: a preload makes `process.dlopen` fail for one module's `.node`
 * file as a binary built for another Node.js fails, so the module's own loading code runs and fails.
 */
async function startWithBrokenBinary(binaryName: string) {
  const hook = join(await tempDir(), 'break-native.cjs');
  await writeFile(
    hook,
    `const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  if (filename.includes(${JSON.stringify(binaryName)})) {
    throw Object.assign(new Error(filename + ' was compiled against a different Node.js version using NODE_MODULE_VERSION 1.\\nThis version of Node.js requires NODE_MODULE_VERSION ' + process.versions.modules + '.'), { code: 'ERR_DLOPEN_FAILED' });
  }
  return dlopen.call(this, module, filename, ...rest);
};
`,
  );
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: 'x', SITREP_DATA_FILE: join(await tempDir(), 'sitrep.json') };
  return run(process.execPath, ['--require', hook, '--import', 'tsx', `${root}src/main.ts`], { cwd: root, env }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm start with a missing or broken native module', () => {
  it.each([
    ['better-sqlite3', 'better_sqlite3.node'],
    ['@resvg/resvg-js', 'resvgjs.'],
  ])('stops at start with one line naming %s', async (name, binaryName) => {
    const result = await startWithBrokenBinary(binaryName);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^sitrep: the native module ${name.replace('/', '\\/')} does not load \\(.*NODE_MODULE_VERSION 1\\.\\)\\. Reinstall it`));
    expect(lines[0]).toContain(`npm rebuild ${name}`);
  });

  it('stops at start with one line when the package is missing altogether', async () => {
    // A resolve hook answers for better-sqlite3 as Node does when node_modules lacks it.
    const hook = join(await tempDir(), 'missing-package.mjs');
    const resolveHook = `export async function resolve(specifier, context, next) {
      if (specifier === 'better-sqlite3') throw Object.assign(new Error("Cannot find package 'better-sqlite3' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`;
    await writeFile(hook, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(resolveHook)}`)});\n`);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: 'x', SITREP_DATA_FILE: join(await tempDir(), 'sitrep.json') };
    const result = await run(process.execPath, ['--import', hook, '--import', 'tsx', `${root}src/main.ts`], { cwd: root, env }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^sitrep: the native module better-sqlite3 does not load \(Cannot find package 'better-sqlite3' imported from .*\)\. Reinstall it/);
  });

  it('`--check` says so when they load', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', `${root}src/main.ts`, '--check'], { cwd: root });
    expect(stdout.trim()).toBe('sitrep: the native modules load.');
  });
});
