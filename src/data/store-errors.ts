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
