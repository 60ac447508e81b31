import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchReport, isPublicAddress, USER_AGENT } from '../../src/intake/fetch.js';

const ARTICLE = `<!doctype html><html><head><meta property="og:site_name" content="The Herald">
<meta property="og:title" content="Norland rejects ultimatum"><meta property="article:published_time" content="2025-03-15T08:30:00Z">
<script>globalThis.__fetchedRan = true</script></head><body><article><h1>Norland rejects ultimatum</h1>
<p>Norland on Saturday rejected what it called an "ultimatum" from Sudria. Ilse Marten said the dam would open "when it is safe, not before", in Vessen.</p>
<p>Sudria's defence ministry said Norland would face "grave consequences" if the water did not flow by Monday, caf\xe9 owners said.</p></article></body></html>`;

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const path = req.url ?? '/';
    const redirect = /^\/hop\/(\d+)$/.exec(path);
    if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/article', 'set-cookie': 'session=abc' }).end();
    } else if (path === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252', 'set-cookie': 'tracking=1' }).end(Buffer.from(ARTICLE, 'latin1'));
    } else if (path === '/to-private') {
      res.writeHead(301, { location: 'http://10.0.0.1/article' }).end();
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const push = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', push);
        }
        res.end();
      };
      push();
    } else if (path === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else if (path === '/slow') {
      // Never answers.
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allow = ['127.0.0.1'];

describe('fetching a report safely', () => {
  it('fetches a page over redirects, decodes it by its charset, sends no cookie and a plain User-Agent', async () => {
    seen.length = 0;
    const page = await fetchReport(`${base}/hop/3`, { allow });
    expect(page.kind).toBe('html');
    expect(page.text).toContain('café owners');
    expect(page.url).toBe(`${base}/article`);
    expect(seen).toHaveLength(5);
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined();
      expect(headers['user-agent']).toBe(USER_AGENT);
    }
    expect((globalThis as { __fetchedRan?: boolean }).__fetchedRan).toBeUndefined();
  });

  it('refuses more than 5 redirects', async () => {
    await expect(fetchReport(`${base}/hop/5`, { allow })).rejects.toThrow('The link redirects more than 5 times.');
  });

  it('refuses 127.0.0.1 unless SITREP_FETCH_ALLOW names it, and a redirect to a private or metadata address', async () => {
    await expect(fetchReport(`${base}/article`)).rejects.toThrow(/private or local address \(127\.0\.0\.1\)/);
    await expect(fetchReport(`${base}/to-private`, { allow })).rejects.toThrow(/private or local address \(10\.0\.0\.1\)/);
    await expect(fetchReport(`${base}/to-metadata`, { allow })).rejects.toThrow(/169\.254\.169\.254/);
  });

  it('checks the addresses a name resolves to, at connection time', async () => {
    // The name is let through, but it resolves to loopback addresses that are not allowed.
    const port = new URL(base).port;
    await expect(fetchReport(`http://localhost:${port}/article`, { allow: ['localhost'] })).rejects.toThrow(/address \(localhost\) is private or local/);
  });

  it('refuses other schemes, pages over 2 MB, non-text content and slow pages', async () => {
    await expect(fetchReport('ftp://example.com/report.txt')).rejects.toThrow('Only http and https links can be fetched (not ftp).');
    await expect(fetchReport('file:///etc/passwd')).rejects.toThrow(/not file/);
    await expect(fetchReport(`${base}/big`, { allow })).rejects.toThrow('The page is larger than 2 MB.');
    await expect(fetchReport(`${base}/image`, { allow })).rejects.toThrow('The link is not a web page or text (it is image/png).');
    await expect(fetchReport(`${base}/slow`, { allow, limits: { timeoutMs: 300 } })).rejects.toThrow('The page did not arrive within 0.3 s.');
  });

  it('knows which addresses are public', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) expect(isPublicAddress(address), address).toBe(true);
  });
});

describe('npm run intake', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const TSX_LOADER = pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href;
  const run = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, ['--import', TSX_LOADER, `${root}src/intake-cli.ts`, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('--json on a link prints the documented object; a private link without SITREP_FETCH_ALLOW is one clear line and exit 1', async () => {
    const [ok, refused] = await Promise.all([run([`${base}/article`, '--json'], { SITREP_FETCH_ALLOW: '127.0.0.1' }), run([`${base}/article`, '--json'])]);
    expect(ok.stderr).toBe('');
    const result = JSON.parse(ok.stdout);
    expect(result.source).toEqual({ outlet: 'The Herald', title: 'Norland rejects ultimatum', publishedAt: '2025-03-15T08:30:00Z', publishedPrecision: 'minute' });
    expect(result.statements[0]).toEqual(
      expect.objectContaining({ quote: 'ultimatum', speaker: 'Norland', role: null, side: null, saidAt: '2025-03-15', precision: 'day', dateBasis: expect.any(String), via: null }),
    );
    expect(result.statements.map((s: { quote: string }) => s.quote)).toEqual(['ultimatum', 'when it is safe, not before', 'grave consequences']);
    expect(Array.isArray(result.figures) && Array.isArray(result.dates)).toBe(true);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe('intake: The link points to a private or local address (127.0.0.1); only public pages are fetched.\n');
  });

  it('a file with --story, --published and --outlet: speakers matched to the story, stored quotes marked', async () => {
    const result = await run(['tests/fixtures/intake/wire-split.txt', '--json', '--outlet', 'Wire', '--published', '2025-03-13']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.source).toMatchObject({ outlet: 'Wire', publishedAt: '2025-03-13', publishedPrecision: 'day' });
    expect(json.statements).toHaveLength(6);
    const bad = await run(['tests/fixtures/intake/wire-split.txt', '--story', 'no-such-story']);
    expect(bad).toMatchObject({ code: 1, stderr: 'intake: No story "no-such-story" (stories: iran-pakistan-2024).\n' });
  });
});
