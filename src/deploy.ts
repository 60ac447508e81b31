import { commandLine } from './cli/cli-args.js';
import { commandPayload, deployCommands } from './cli/deploy-commands.js';
import { ConfigError, parseConfig } from './config.js';
import { loadDotEnv } from './env-file.js';

const { values } = commandLine({
  name: 'deploy',
  usage: `usage: npm run deploy [-- --dry-run]

Registers Sitrep's slash commands with Discord (DISCORD_TOKEN from .env; in DISCORD_GUILD_ID only, when set).

  --dry-run   print the JSON that would be sent, without a token or a request
  -h, --help  this text`,
  options: { 'dry-run': { type: 'boolean', default: false } },
});

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
