import { commandLine } from './cli/cli-args.js';
import { deployCommands, formatReport, tokenlessDryRun } from './cli/deploy-commands.js';
import { parseConfig } from './config.js';
import { loadDotEnv } from './env-file.js';

const { values } = commandLine({
  name: 'deploy',
  usage: `usage: npm run deploy [-- --dry-run] [-- --prune]

Registers Sitrep's slash commands with Discord (DISCORD_TOKEN from .env): the reader commands globally,
the moderator commands (/update, /statement, /claim, /source, /subscribe) only in the editorial servers
(SITREP_EDITORIAL_GUILD_IDS, else DISCORD_GUILD_ID). It first reads what Discord has registered, prints
each command as added, changed, unchanged or to remove, and sends only the differences.

  --dry-run   read and compare, send nothing; without a token, print the JSON each scope would get
  --prune     remove registered commands that Sitrep no longer defines (without it they are only listed)
  -h, --help  this text`,
  options: { 'dry-run': { type: 'boolean', default: false }, prune: { type: 'boolean', default: false } },
});

loadDotEnv();
try {
  const config = parseConfig(process.env);
  if (values['dry-run'] && !config.token) {
    console.error('deploy: no DISCORD_TOKEN, so nothing was compared with Discord: this is what each scope would be given.');
    console.log(tokenlessDryRun(config));
  } else {
    console.log(formatReport(await deployCommands(config, { prune: values.prune, dryRun: values['dry-run'] })));
  }
} catch (error) {
  console.error(`deploy: ${(error as Error).message}`);
  process.exit(1);
}
