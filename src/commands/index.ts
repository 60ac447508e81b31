import * as sources from './sources.js';
import * as timeline from './timeline.js';
import type { Command } from './types.js';

/** Every command, once. The bot's router, the deploy script and the console all read this list. */
export const commands: readonly Command[] = [timeline, sources];

export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.data.name === name);
}
