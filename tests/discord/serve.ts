import { startDiscordStandIn } from './stand-in.js';

/**
 * The local Discord stand-in as a process, for scripts that start the real bot (scripts/verify-image-steps.sh):
 * prints its API URL on one line, serves until SIGTERM or SIGINT.
 */
const standIn = await startDiscordStandIn();
console.log(standIn.apiUrl);
const close = () => void standIn.close().then(() => process.exit(0));
process.once('SIGTERM', close);
process.once('SIGINT', close);
