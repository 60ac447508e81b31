import { parseArgs } from 'node:util';
import { commandPayload, deployCommands } from './cli/deploy-commands.js';
import { ConfigError, parseConfig } from './config.js';
import { loadDotEnv } from './env-file.js';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });

if (values['dry-run']) {
  console.log(JSON.stringify(commandPayload(), null, 2));
} else {
  loadDotEnv();
  try {
    const result = await deployCommands(parseConfig(process.env));
    console.log(`Registered ${result.count} commands (${result.scope}: ${result.route}).`);
  } catch (error) {
    console.error(`deploy: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
    process.exit(1);
  }
}
