import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { COLLECTIONS, type CollectionName } from './change-set.js';

/** A data file read record by record: each collection's records as `accept` returned them. */
export interface LineSnapshot {
  schemaVersion: unknown;
  sequence: number;
  collections: Record<CollectionName, unknown[]>;
  /** The `"checksum"` line's value; absent in a file written before checksums. */
  checksum?: string;
  /** SHA-256 of every byte before the `"checksum"` line (of the whole file when it has none). */
  hash: string;
}

const READ_BYTES = 1 << 22;

/**
 * Reads a data file in the layout `SnapshotFile` writes (a header line, then each collection's
 * records one per line), handing each record to `accept` as soon as it is parsed. A 100 MB store
 * is then never held as one string, and each parsed record can be checked and dropped while it is
 * young, which is what keeps start-up fast and its memory low.
 *
 * Returns null when the file does not exist, and 'other layout' for anything that is not exactly
 * that layout (a file written by hand, say): the caller then parses it whole.
 */
export async function readLineSnapshot(
  path: string,
  accept: (collection: CollectionName, record: unknown, index: number) => unknown,
): Promise<LineSnapshot | 'other layout' | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const layout = new LayoutReader(accept);
  // The bytes are hashed as whole lines are consumed, up to the checksum line: a few calls per read.
  const hash = createHash('sha256');
  let hashing = true;
  try {
    // Lines are cut on bytes ("\n" never occurs inside a UTF-8 sequence) and decoded one at a time.
    let buffer = Buffer.allocUnsafe(READ_BYTES);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      const end = filled + bytesRead;
      let start = 0;
      for (let newline = buffer.indexOf(10, start); newline !== -1 && newline < end; newline = buffer.indexOf(10, start)) {
        if (!layout.line(buffer.toString('utf8', start, newline))) return 'other layout';
        if (hashing && layout.checksum !== undefined) {
          hash.update(buffer.subarray(0, start));
          hashing = false;
        }
        start = newline + 1;
      }
      if (bytesRead === 0) {
        if (hashing) hash.update(buffer.subarray(0, end));
        return layout.line(buffer.toString('utf8', start, end)) ? layout.finished(hash.digest('hex')) : 'other layout';
      }
      if (hashing) hash.update(buffer.subarray(0, start));
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
    }
  } finally {
    await handle.close();
  }
}

/** The layout as a small state machine; `line` is false at the first line that does not fit it (commas included, so what it accepts is valid JSON). */
class LayoutReader {
  private header?: { schemaVersion: unknown; sequence: number };
  private readonly collections = {} as Record<CollectionName, unknown[]>;
  private next = 0;
  private open?: { name: CollectionName; records: unknown[]; more: boolean };
  private done = false;
  /** After the last collection: `"checksum"` line expected next. */
  private checksumNext = false;
  checksum?: string;

  constructor(private readonly accept: (collection: CollectionName, record: unknown, index: number) => unknown) {}

  line(line: string): boolean {
    if (this.done) return line === '';
    if (!this.header) return this.readHeader(line);
    if (this.open) return this.readRecord(line, this.open);
    if (this.checksumNext) return this.readChecksum(line);
    if (this.next === COLLECTIONS.length) return (this.done = line === '}');
    const name = COLLECTIONS[this.next]!;
    const last = this.next === COLLECTIONS.length - 1;
    const opening = `${JSON.stringify(name)}:[`;
    if (line === `${opening}]${last ? '' : ','}` || (last && line === `${opening}],`)) {
      this.collections[name] = [];
      this.next++;
      this.checksumNext = last && line.endsWith(',');
      return true;
    }
    if (line !== opening) return false;
    this.open = { name, records: (this.collections[name] = []), more: true };
    return true;
  }

  private readHeader(line: string): boolean {
    if (!line.startsWith('{"schemaVersion":') || !line.endsWith(',')) return false;
    const header = parse(`${line.slice(0, -1)}}`) as Record<string, unknown> | undefined;
    if (!header || Object.keys(header).join() !== 'schemaVersion,sequence' || !Number.isSafeInteger(header.sequence)) return false;
    this.header = { schemaVersion: header.schemaVersion, sequence: header.sequence as number };
    return true;
  }

  private readRecord(line: string, open: { name: CollectionName; records: unknown[]; more: boolean }): boolean {
    if (line === ']' || line === '],') {
      const last = this.next === COLLECTIONS.length - 1;
      if (open.more || open.records.length === 0 || (!last && line !== '],')) return false;
      this.open = undefined;
      this.next++;
      this.checksumNext = last && line === '],';
      return true;
    }
    if (!open.more || line[0] !== '{') return false;
    open.more = line.endsWith(',');
    const record = parse(open.more ? line.slice(0, -1) : line);
    if (record === undefined || typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    open.records.push(this.accept(open.name, record, open.records.length));
    return true;
  }

  private readChecksum(line: string): boolean {
    const match = /^"checksum":"([^"\\]*)"$/.exec(line);
    if (!match) return false;
    this.checksum = match[1]!;
    this.checksumNext = false;
    return true;
  }

  finished(hash: string): LineSnapshot | 'other layout' {
    if (!this.done || !this.header) return 'other layout';
    return { ...this.header, collections: this.collections, ...(this.checksum === undefined ? {} : { checksum: this.checksum }), hash };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
