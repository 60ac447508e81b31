/**
 * Fetching a report's page safely: http and https only; every address the name resolves to must be public
 * (no private, loopback, link-local, carrier-grade NAT, documentation, multicast or cloud-metadata ranges),
 * checked after DNS at connection time (so a name cannot re-resolve to a private address between the check
 * and the connection) and again on every redirect; at most 5 redirects, 2 MB and 10 s in all; only
 * text/html and text/plain, decoded by their charset; no cookies are sent or kept, and a plain User-Agent.
 * Nothing on the page is run: the page is only parsed (linkedom has no script engine).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { decodeReport, IntakeError } from './article.js';

export const FETCH_LIMITS = { redirects: 5, bytes: 2 * 1024 * 1024, timeoutMs: 10_000 };
export const USER_AGENT = 'Sitrep/0.1 (news briefing bot; report intake)';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** Whether an address may be reached: public, or named in `allow` (SITREP_FETCH_ALLOW, for tests on 127.0.0.1). */
export function isPublicAddress(address: string, allow: readonly string[] = []): boolean {
  if (allow.includes(address)) return true;
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is checked as the IPv4 address it is; BlockList would match every IPv4 against ::ffff:0:0/96.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!, allow);
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface FetchOptions {
  /** Addresses reachable although not public (SITREP_FETCH_ALLOW, comma-separated). */
  allow?: readonly string[];
  limits?: Partial<typeof FETCH_LIMITS>;
}

export interface FetchedPage {
  url: string;
  kind: 'html' | 'text';
  text: string;
}

export const allowFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  (env.SITREP_FETCH_ALLOW ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

function safeLookup(allow: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = list.find((entry) => !isPublicAddress(entry.address, allow));
      if (refused || list.length === 0) {
        return callback(Object.assign(new Error(`not a public address`), { code: 'SITREP_PRIVATE' }), '', 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function checkUrl(url: URL, allow: readonly string[]): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IntakeError(`Only http and https links can be fetched (not ${url.protocol.replace(/:$/, '')}).`);
  if (url.username || url.password) throw new IntakeError('Links with a user name or password are not fetched.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host, allow)) throw new IntakeError(`The link points to a private or local address (${host}); only public pages are fetched.`);
  if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(host) && !allow.includes(host)) throw new IntakeError(`The link points to a local name (${host}); only public pages are fetched.`);
}

interface Hop {
  status: number;
  location?: string;
  contentType: string;
  body?: Buffer;
}

function request(url: URL, allow: readonly string[], limits: typeof FETCH_LIMITS, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const module = url.protocol === 'https:' ? https : http;
    const req = module.request(
      url,
      {
        method: 'GET',
        headers: { 'user-agent': USER_AGENT, accept: 'text/html, text/plain;q=0.9', 'accept-encoding': 'identity' },
        lookup: safeLookup(allow),
        signal,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = String(res.headers['content-type'] ?? '');
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, ...(res.headers.location ? { location: res.headers.location } : {}), contentType });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return resolve({ status, contentType });
        }
        if (!/^\s*text\/(?:html|plain)\b/i.test(contentType) && !/^\s*application\/xhtml\+xml\b/i.test(contentType)) {
          res.destroy();
          return reject(new IntakeError(`The link is not a web page or text (it is ${contentType.split(';')[0] || 'of no stated type'}).`));
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > limits.bytes) {
          res.destroy();
          return reject(new IntakeError(`The page is larger than ${limits.bytes / 1024 / 1024} MB.`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.bytes) {
            res.destroy();
            reject(new IntakeError(`The page is larger than ${limits.bytes / 1024 / 1024} MB.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, contentType, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Fetches a report's page; every refusal is an IntakeError with a sentence for the person who gave the link. */
export async function fetchReport(link: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const limits = { ...FETCH_LIMITS, ...options.limits };
  const allow = options.allow ?? [];
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new IntakeError(`That is not a link I can read (${link.slice(0, 80)}).`);
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; ; hop++) {
    checkUrl(url, allow);
    let answer: Hop;
    try {
      answer = await request(url, allow, limits, signal);
    } catch (error) {
      if (error instanceof IntakeError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'SITREP_PRIVATE') throw new IntakeError(`The link's address (${url.hostname}) is private or local; only public pages are fetched.`);
      if (signal.aborted || code === 'ABORT_ERR') throw new IntakeError(`The page did not arrive within ${limits.timeoutMs / 1000} s.`);
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new IntakeError(`No such site (${url.hostname}).`);
      throw new IntakeError(`The page could not be fetched (${code ?? 'connection failed'}).`);
    }
    if (answer.status >= 300 && answer.status < 400) {
      if (!answer.location) throw new IntakeError(`The site redirected without saying where (HTTP ${answer.status}).`);
      if (hop >= limits.redirects) throw new IntakeError(`The link redirects more than ${limits.redirects} times.`);
      url = new URL(answer.location, url);
      continue;
    }
    if (!answer.body) throw new IntakeError(`The site answered HTTP ${answer.status}.`);
    const { kind, text } = decodeReport(answer.body, { contentType: answer.contentType });
    return { url: url.href, kind, text };
  }
}
