import { DiscordAPIError, REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commands as registry } from '../commands/index.js';
import type { Command } from '../commands/types.js';
import { applicationId, requireToken, type Config } from '../config.js';

type Payload = RESTPostAPIChatInputApplicationCommandsJSONBody;
/** A command as Discord returns it: what was sent, plus its id, version and Discord's defaults. */
export type RegisteredCommand = Record<string, unknown> & { id: string; name: string };

/** Where commands are registered: for every server (global) or in one server. */
export type Scope = { kind: 'global' } | { kind: 'guild'; guildId: string };

export interface Registration {
  scope: Scope;
  commands: Payload[];
}

/**
 * What should be registered where, read from the commands themselves: moderator commands
 * (`scope: 'editorial'`) in each editorial server, every other command globally.
 */
export function desiredRegistrations(editorialGuildIds: readonly string[], commands: readonly Command[] = registry): Registration[] {
  const editorial = commands.filter((command) => command.scope === 'editorial').map((command) => command.data);
  return [
    { scope: { kind: 'global' }, commands: commands.filter((command) => command.scope !== 'editorial').map((command) => command.data) },
    ...editorialGuildIds.map((guildId): Registration => ({ scope: { kind: 'guild', guildId }, commands: editorial })),
  ];
}

// ---- comparing what is wanted with what Discord has ----

const COMMAND_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'default_member_permissions',
  'contexts',
  'integration_types',
  'nsfw',
  'options',
] as const;
const OPTION_FIELDS = [
  'type',
  'name',
  'name_localizations',
  'description',
  'description_localizations',
  'required',
  'choices',
  'channel_types',
  'min_value',
  'max_value',
  'min_length',
  'max_length',
  'autocomplete',
  'options',
] as const;
const CHOICE_FIELDS = ['name', 'name_localizations', 'value'] as const;

/** A value that says nothing beyond Discord's default: absent, null, false, empty. */
function isDefault(key: string, value: unknown): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (Array.isArray(value) && value.length === 0) return true;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return true;
  // Discord's defaults for what a command leaves unset: a chat-input command, installable in servers.
  if (key === 'type' && value === 1) return true;
  if (key === 'integration_types' && Array.isArray(value) && value.length === 1 && value[0] === 0) return true;
  return false;
}

function canonical(value: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields) {
    let field = value[key];
    if (isDefault(key, field)) continue;
    if (key === 'options') field = (field as Array<Record<string, unknown>>).map((option) => canonical(option, OPTION_FIELDS));
    if (key === 'choices') field = (field as Array<Record<string, unknown>>).map((choice) => canonical(choice, CHOICE_FIELDS));
    if (key === 'default_member_permissions') field = String(field);
    out[key] = field;
  }
  return out;
}

/**
 * A command's fields as they matter for comparison: only what a command definition sets, Discord's
 * defaults (dm_permission, nsfw: false, required: false, integration_types [0], nulls) dropped, so a
 * command Discord echoes back with its defaults equals the definition it came from.
 */
export function canonicalCommand(command: Record<string, unknown>): Record<string, unknown> {
  return canonical(command, COMMAND_FIELDS);
}

/** The top-level fields that differ (`description`, `options`), none when the two are the same. */
export function changedFields(wanted: Payload, registered: Record<string, unknown>): string[] {
  const a = canonicalCommand(wanted as unknown as Record<string, unknown>);
  const b = canonicalCommand(registered);
  return COMMAND_FIELDS.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

export interface PlannedRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  route: string;
  name: string;
  body?: unknown;
}

export interface ScopePlan {
  scope: Scope;
  route: string;
  added: string[];
  changed: Array<{ name: string; fields: string[] }>;
  unchanged: string[];
  /** Registered but no longer defined here: removed with --prune, else only reported. */
  extra: string[];
  requests: PlannedRequest[];
}

/** Fields a PATCH must clear explicitly (set to null) when the definition no longer sets them. */
const CLEARABLE = ['default_member_permissions', 'name_localizations', 'description_localizations', 'contexts'] as const;

/**
 * What to send to make one scope match its definitions: a POST for each new command, a PATCH (the
 * whole definition) for each changed one, a DELETE for each command no longer defined — only with
 * `prune`. Never a bulk PUT: what did not change is not touched.
 */
export function planScope(route: string, scope: Scope, wanted: readonly Payload[], registered: readonly RegisteredCommand[], prune: boolean): ScopePlan {
  const plan: ScopePlan = { scope, route, added: [], changed: [], unchanged: [], extra: [], requests: [] };
  const byName = new Map(registered.filter((command) => (command.type ?? 1) === 1).map((command) => [command.name, command]));
  for (const command of wanted) {
    const existing = byName.get(command.name);
    if (!existing) {
      plan.added.push(command.name);
      plan.requests.push({ method: 'POST', route, name: command.name, body: command });
      continue;
    }
    const fields = changedFields(command, existing);
    if (fields.length === 0) {
      plan.unchanged.push(command.name);
      continue;
    }
    plan.changed.push({ name: command.name, fields });
    const cleared = Object.fromEntries(CLEARABLE.filter((key) => command[key] == null && existing[key] != null).map((key) => [key, null]));
    plan.requests.push({ method: 'PATCH', route: `${route}/${existing.id}`, name: command.name, body: { ...command, ...cleared } });
  }
  const names = new Set(wanted.map((command) => command.name));
  for (const command of registered) {
    if (names.has(command.name) && (command.type ?? 1) === 1) continue;
    plan.extra.push(command.name);
    if (prune) plan.requests.push({ method: 'DELETE', route: `${route}/${command.id}`, name: command.name });
  }
  return plan;
}

// ---- talking to Discord ----

/** A deploy that cannot go on, worded for the operator. */
export class DeployError extends Error {
  override name = 'DeployError';
}

export const scopeName = (scope: Scope) => (scope.kind === 'global' ? 'global' : `server ${scope.guildId}`);

function explain(scope: Scope, error: unknown, doing: string): DeployError {
  if (error instanceof DiscordAPIError) {
    const hint =
      error.code === 50001 && scope.kind === 'guild'
        ? ': the bot is not in that server, or was added without the applications.commands scope (check SITREP_EDITORIAL_GUILD_IDS / DISCORD_GUILD_ID)'
        : error.status === 401
          ? ': Discord refused the token (DISCORD_TOKEN)'
          : '';
    return new DeployError(`could not ${doing} (${scopeName(scope)}): Discord error ${error.code} ${error.message}${hint}`);
  }
  return new DeployError(`could not ${doing} (${scopeName(scope)}): ${error instanceof Error ? error.message : String(error)}`);
}

export interface DeployOptions {
  prune?: boolean;
  /** Read and compare, send nothing. */
  dryRun?: boolean;
  /** The command set; the registry unless a test gives its own. */
  commands?: readonly Command[];
}

export interface DeployReport {
  plans: ScopePlan[];
  /** The requests made (none in a dry run). */
  sent: PlannedRequest[];
  dryRun: boolean;
  prune: boolean;
  /** No editorial server is configured, so the moderator commands are registered nowhere. */
  noEditorialServer: boolean;
}

/**
 * Reads what Discord has registered in every scope first (so a scope it cannot read stops the deploy
 * before anything is written), compares it with the definitions, then sends only the differences.
 */
export async function deployCommands(config: Config, options: DeployOptions = {}): Promise<DeployReport> {
  const rest = new REST({ api: config.apiUrl }).setToken(requireToken(config));
  const appId = applicationId(config);
  const prune = options.prune ?? false;
  const dryRun = options.dryRun ?? false;
  const plans: ScopePlan[] = [];
  for (const { scope, commands } of desiredRegistrations(config.editorialGuildIds, options.commands)) {
    const route = scope.kind === 'global' ? Routes.applicationCommands(appId) : Routes.applicationGuildCommands(appId, scope.guildId);
    let registered: RegisteredCommand[];
    try {
      registered = (await rest.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as RegisteredCommand[];
    } catch (error) {
      throw explain(scope, error, 'read the registered commands');
    }
    plans.push(planScope(route, scope, commands, registered, prune));
  }
  const sent: PlannedRequest[] = [];
  if (!dryRun) {
    for (const plan of plans) {
      for (const request of plan.requests) {
        try {
          if (request.method === 'POST') await rest.post(request.route as `/${string}`, { body: request.body });
          else if (request.method === 'PATCH') await rest.patch(request.route as `/${string}`, { body: request.body });
          else await rest.delete(request.route as `/${string}`);
        } catch (error) {
          throw explain(plan.scope, error, `${request.method} /${request.name} (${sent.length} request(s) already sent)`);
        }
        sent.push(request);
      }
    }
  }
  return { plans, sent, dryRun, prune, noEditorialServer: config.editorialGuildIds.length === 0 };
}

/** The deploy's report as the terminal shows it: per scope, each command added, changed, unchanged or to remove. */
export function formatReport(report: DeployReport): string {
  const lines: string[] = [];
  const will = report.dryRun;
  for (const plan of report.plans) {
    const title =
      plan.scope.kind === 'global' ? 'Global (reader commands, in every server)' : `Server ${plan.scope.guildId} (editorial: moderator commands)`;
    lines.push(`${title}:`);
    for (const name of plan.added) lines.push(`  + /${name}  ${will ? 'would add' : 'added'}`);
    for (const { name, fields } of plan.changed) lines.push(`  ~ /${name}  ${will ? 'would change' : 'changed'}: ${fields.join(', ')}`);
    for (const name of plan.unchanged) lines.push(`  = /${name}  unchanged`);
    for (const name of plan.extra) {
      lines.push(`  - /${name}  ${report.prune ? (will ? 'would remove' : 'removed') : 'would remove (no longer defined here; run with --prune to remove it)'}`);
    }
  }
  if (report.noEditorialServer) {
    lines.push('No editorial server (SITREP_EDITORIAL_GUILD_IDS or DISCORD_GUILD_ID): the moderator commands are not registered anywhere.');
  }
  const requests = report.plans.flatMap((plan) => plan.requests);
  const count = (method: PlannedRequest['method']) => requests.filter((request) => request.method === method).length;
  const summary = `${count('POST')} POST (new), ${count('PATCH')} PATCH (changed), ${count('DELETE')} DELETE (pruned)`;
  if (requests.length === 0) lines.push('Nothing to change: Discord already has these commands.');
  else if (report.dryRun) lines.push(`Dry run: nothing sent. Would send ${summary}.`);
  else lines.push(`Sent ${summary}.`);
  return lines.join('\n');
}

/** What `--dry-run` without a token prints: the JSON each scope would be given, compared with nothing. */
export function tokenlessDryRun(config: Pick<Config, 'editorialGuildIds'>, commands?: readonly Command[]): string {
  const registrations = desiredRegistrations(config.editorialGuildIds, commands);
  return JSON.stringify(
    {
      global: registrations.find((registration) => registration.scope.kind === 'global')!.commands,
      guilds: Object.fromEntries(
        registrations.flatMap((registration) => (registration.scope.kind === 'guild' ? [[registration.scope.guildId, registration.commands]] : [])),
      ),
    },
    null,
    2,
  );
}
