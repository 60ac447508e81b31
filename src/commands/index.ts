import * as brief from './brief.js';
import * as claim from './claim.js';
import * as claims from './claims.js';
import * as event from './event.js';
import * as help from './help.js';
import * as intake from './intake.js';
import * as position from './position.js';
import * as schedule from './schedule.js';
import * as search from './search.js';
import * as settings from './settings.js';
import * as source from './source.js';
import * as sources from './sources.js';
import * as statement from './statement.js';
import * as statements from './statements.js';
import * as story from './story.js';
import * as subscribe from './subscribe.js';
import * as timeline from './timeline.js';
import * as update from './update.js';
import type { Command } from './types.js';

/** Every command, once. The bot's router, the deploy script and the console all read this list. */
export const commands: readonly Command[] = [
  brief,
  timeline,
  statements,
  claims,
  event,
  search,
  sources,
  story,
  help,
  update,
  statement,
  claim,
  position,
  source,
  intake,
  subscribe,
  schedule,
  settings,
];
