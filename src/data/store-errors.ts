/** The data file cannot be used as it is; the bot stops and leaves the file untouched. */
export class StoreLoadError extends Error {
  override name = 'StoreLoadError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`The data file ${path} cannot be loaded:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Another process has the data file open for writing. */
export class StoreLocked extends StoreLoadError {
  override name = 'StoreLocked';
}

/** The files were changed on disk by something other than this store; it refuses to overwrite them. */
export class StoreChangedOnDisk extends Error {
  override name = 'StoreChangedOnDisk';
  constructor(readonly path: string) {
    super(
      `The data file ${path} (or its journal) was changed on disk by something other than this bot, so nothing was saved. ` +
        'Restart the bot to load the file as it is now.',
    );
  }
}

/**
 * The data file and its journal disagree, or the data file does not match its checksum: loading
 * either way could lose a hand edit or the journal's writes, so the operator chooses (store:check flags).
 */
export class StoreNeedsDecision extends StoreLoadError {
  override name = 'StoreNeedsDecision';
}

/**
 * Writing to disk failed (full disk, I/O error): nothing was saved, the store is unchanged and stays
 * usable; the next write tries again.
 */
export class StoreWriteFailed extends Error {
  override name = 'StoreWriteFailed';
  readonly code: string | undefined;
  constructor(
    /** The file that could not be written. */
    readonly file: string,
    override readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`Could not write to ${file} (${code ?? (cause as Error | undefined)?.message ?? cause}); nothing was saved. The next write tries again.`);
    this.code = code;
  }
}
