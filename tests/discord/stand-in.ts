import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { messagePayload } from './message.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import { snowflake } from './snowflake.js';

/**
 * A stand-in for Discord on 127.0.0.1: enough REST API and gateway for the real discord.js client
 * to log in, receive interactions and answer them. Every REST request is recorded for assertions,
 * and faults can be queued to answer the next matching requests.
 */

export interface RecordedRequest {
  method: string;
  /** Without `/api`, `/v10` or the query: `/interactions/1/tok/callback`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or for multipart bodies the parsed `payload_json`. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded bodies are whatever the client sent
  files: UploadedFile[];
  /** The status the stand-in answered with. */
  status: number;
  at: number;
  /** Set when a fault rule answered the request; `applied` when Discord acted on it all the same. */
  fault?: { applied: boolean };
}

export interface FaultRule {
  method?: string;
  path: RegExp;
  /** How many matching requests it answers (default 1). */
  times?: number;
  /**
   * Discord acts on the request (posts the message, takes the interaction's answer) before the
   * fault's answer goes out: a 5xx or a timeout after the fact, which a client's retry must not double.
   */
  applied?: boolean;
  /** Called when the rule matches, before any delay: lets a test act while the request is in flight. */
  onMatch?: (request: RecordedRequest) => void;
  /** Without `status`, the request gets its usual answer, after `delayMs` (a slow Discord). */
  respond: { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };
}

export interface StandInGuild {
  id: string;
  name?: string;
  channels?: Array<{ id: string; name?: string; type?: number }>;
  /** Role ids besides @everyone. */
  roles?: string[];
}

export interface StandInOptions {
  guilds?: StandInGuild[];
  applicationId?: string;
  /** How many shards `GET /gateway/bot` asks for (default 1). */
  shards?: number;
  /** The stand-in's clock in ms (a test's fake clock): message timestamps and the nonce window follow it. */
  clock?: () => number;
}

/** The shard a guild's events go to, as Discord splits them: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Discord checks an enforced nonce only against messages of "the past few minutes"; the stand-in, 5. */
export const NONCE_WINDOW_MS = 5 * 60_000;

export const DEFAULT_GUILD_ID = '900000000000000001';
export const DEFAULT_CHANNEL_ID = '900000000000000002';

export interface DiscordStandIn {
  port: number;
  /** For the client option `rest: { api }` and DISCORD_API_URL. */
  apiUrl: string;
  applicationId: string;
  botUserId: string;
  guildIds: string[];
  requests: RecordedRequest[];
  identifyCount: number;
  resumeCount: number;
  /** The `shard` of each IDENTIFY received, in order: `[shard_id, shard_count]`. */
  identifiedShards: Array<[number, number]>;
  /** How many requests a fault rule has answered (or delayed) since the start or the last reset. */
  faultsInjected: number;
  /**
   * Sends a gateway event to the connections that would receive it: an event of a guild (its
   * `guild_id`, or the `id` of a GUILD_* event) to that guild's shard, anything else to shard 0.
   */
  dispatch(event: string, data: unknown): void;
  /** Dispatches the interaction and resolves with the bot's callback request for it. */
  interact(interaction: { id: string; token: string }, timeoutMs?: number): Promise<RecordedRequest>;
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  addFault(rule: FaultRule): void;
  closeGatewayConnections(code?: number): void;
  /** Messages created in a channel (by posts, not interaction replies), oldest first. */
  channelMessages(channelId: string): Array<Record<string, unknown>>;
  /** Direct-message channels the bot opened (POST /users/@me/channels), by recipient id. */
  dmChannelOf(userId: string): string | undefined;
  /** Threads made in a forum channel, each with its first message. */
  forumThreads(channelId: string): Array<{ id: string; name: string; message: Record<string, unknown> }>;
  /** Threads started on a message of a text or announcement channel (`POST …/messages/:id/threads`): the thread's id is the message's. */
  messageThreads(channelId: string): Array<{ id: string; name: string; type: number }>;
  /** A message as it is now (after edits), wherever it was posted; undefined once deleted. */
  message(messageId: string): Record<string, unknown> | undefined;
  /** Deletes a posted message, as a member with Manage Messages would: editing it then answers 404 (10008). */
  deleteMessage(channelId: string, messageId: string): void;
  /** The application commands registered globally (no guild) or in a guild, as Discord returns them. */
  applicationCommands(guildId?: string): Array<Record<string, unknown> & { id: string; name: string }>;
  /** Registers commands as an earlier deploy would have (ids and Discord's defaults added). */
  setApplicationCommands(guildId: string | undefined, commands: Array<Record<string, unknown>>): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startDiscordStandIn(options: StandInOptions = {}): Promise<DiscordStandIn> {
  const applicationId = options.applicationId ?? '111111111111111111';
  const botUser = { id: applicationId, username: 'Sitrep', discriminator: '0', global_name: null, avatar: null, bot: true };
  const guilds = options.guilds ?? [{ id: DEFAULT_GUILD_ID, channels: [{ id: DEFAULT_CHANNEL_ID, name: 'general' }] }];
  const clock = options.clock ?? Date.now;
  const channels = new Map<string, { id: string; name?: string; type?: number; guild_id: string }>(
    guilds.flatMap((guild) => (guild.channels ?? []).map((channel) => [channel.id, { ...channel, guild_id: guild.id }] as const)),
  );
  /** Recipient id → DM channel id. */
  const dms = new Map<string, string>();
  /** When each posted message was created, by the stand-in's clock (for the nonce window). */
  const createdAt = new WeakMap<object, number>();
  const requests: RecordedRequest[] = [];
  const faults: FaultRule[] = [];
  const waiters = new Set<{ predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();
  const sockets = new Set<WebSocket>();
  const messages = new Map<string, Record<string, unknown>>();
  const posted: Array<Record<string, unknown>> = [];
  /** Forum posts: threads made in forum channels, each with its first message. */
  const threads: Array<{ id: string; parent_id: string; guild_id: string; name: string; message: Record<string, unknown> }> = [];
  /** Threads started on a message (in a text channel type 11, in an announcement channel type 10); id = the message's. */
  const startedThreads: Array<{ id: string; parent_id: string; guild_id: string; name: string; type: number }> = [];
  const answered = new Set<string>();
  /** Registered application commands: under '' the global ones, else under the guild's id. */
  const registeredCommands = new Map<string, Array<Record<string, unknown>>>();
  const shardCount = options.shards ?? 1;
  /** Each connection's `[shard_id, shard_count]` once it has identified (or resumed a session). */
  const socketShards = new Map<WebSocket, [number, number]>();
  const sessionShards = new Map<string, [number, number]>();
  let sequence = 0;

  const server = createServer((req, res) => void handle(req, res));
  const gateway = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const standIn: DiscordStandIn = {
    port,
    apiUrl: `http://127.0.0.1:${port}/api`,
    applicationId,
    botUserId: botUser.id,
    guildIds: guilds.map((guild) => guild.id),
    requests,
    identifyCount: 0,
    resumeCount: 0,
    identifiedShards: [],
    faultsInjected: 0,
    dispatch(event, data) {
      const payload = data as { guild_id?: string; id?: string } | null;
      const guildId = payload?.guild_id ?? (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(event) ? payload?.id : undefined);
      for (const socket of sockets) {
        const [shardId, count] = socketShards.get(socket) ?? [0, 1];
        if ((guildId ? shardOf(guildId, count) : 0) === shardId) send(socket, { op: 0, t: event, s: ++sequence, d: data });
      }
    },
    async interact(interaction, timeoutMs) {
      const callback = standIn.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, timeoutMs);
      standIn.dispatch('INTERACTION_CREATE', interaction);
      return callback;
    },
    waitForRequest(predicate, timeoutMs = 5000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (request: RecordedRequest) => (clearTimeout(timer), resolve(request)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n  ');
          reject(new Error(`No matching request within ${timeoutMs} ms. Recorded:\n  ${seen || '(none)'}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    addFault(rule) {
      faults.push({ times: 1, ...rule });
    },
    closeGatewayConnections(code = 4000) {
      for (const socket of sockets) socket.close(code);
    },
    channelMessages(channelId) {
      return posted.filter((message) => message.channel_id === channelId);
    },
    dmChannelOf(userId) {
      return dms.get(userId);
    },
    forumThreads(channelId) {
      return threads.filter((thread) => thread.parent_id === channelId);
    },
    messageThreads(channelId) {
      return startedThreads.filter((thread) => thread.parent_id === channelId);
    },
    message(messageId) {
      return posted.find((message) => message.id === messageId);
    },
    deleteMessage(channelId, messageId) {
      const at = posted.findIndex((message) => message.id === messageId && message.channel_id === channelId);
      if (at >= 0) posted.splice(at, 1);
      messages.delete(messageId);
    },
    applicationCommands(guildId) {
      return (registeredCommands.get(guildId ?? '') ?? []) as Array<Record<string, unknown> & { id: string; name: string }>;
    },
    setApplicationCommands(guildId, commands) {
      registeredCommands.set(guildId ?? '', commands.map((command) => registeredCommand(command, guildId)));
    },
    reset() {
      requests.length = 0;
      posted.length = 0;
      threads.length = 0;
      startedThreads.length = 0;
      faults.length = 0;
      standIn.faultsInjected = 0;
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  gateway.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => (sockets.delete(socket), socketShards.delete(socket)));
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: { shard?: [number, number]; session_id?: string } | null };
      if (packet.op === 1) send(socket, { op: 11, d: null, s: null, t: null });
      else if (packet.op === 2) identify(socket, packet.d?.shard ?? [0, 1]);
      else if (packet.op === 6) {
        standIn.resumeCount++;
        socketShards.set(socket, sessionShards.get(packet.d?.session_id ?? '') ?? [0, 1]);
        send(socket, { op: 0, t: 'RESUMED', s: ++sequence, d: {} });
      }
    });
  });

  function send(socket: WebSocket, packet: unknown) {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(packet));
  }

  /** READY with the guilds of the shard the client asked for, then one GUILD_CREATE for each of them. */
  function identify(socket: WebSocket, shard: [number, number]) {
    standIn.identifyCount++;
    standIn.identifiedShards.push(shard);
    socketShards.set(socket, shard);
    const sessionId = `session-${standIn.identifyCount}`;
    sessionShards.set(sessionId, shard);
    const own = guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    send(socket, {
      op: 0,
      t: 'READY',
      s: ++sequence,
      d: {
        v: 10,
        user: botUser,
        guilds: own.map((guild) => ({ id: guild.id, unavailable: true })),
        session_id: sessionId,
        resume_gateway_url: `ws://127.0.0.1:${port}`,
        shard,
        application: { id: applicationId, flags: 0 },
      },
    });
    for (const guild of own) send(socket, { op: 0, t: 'GUILD_CREATE', s: ++sequence, d: guildPayload(guild) });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname.replace(/^\/api/, '').replace(/^\/v\d+/, '');
    const contentType = req.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/') ? parseMultipart(raw, contentType) : undefined;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(path),
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value])),
      body: multipart ? multipart.payload : raw.length ? JSON.parse(raw.toString('utf8')) : undefined,
      files: multipart?.files ?? [],
      status: 0,
      at: Date.now(),
    };
    const fault = faults.find((rule) => (!rule.method || rule.method === record.method) && rule.path.test(record.path));
    let status: number;
    let body: unknown;
    let headers: Record<string, string> = {};
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      standIn.faultsInjected++;
      record.fault = { applied: Boolean(fault.applied) };
      fault.onMatch?.(record);
      const effect = fault.applied ? route(record) : undefined;
      if (fault.respond.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.respond.delayMs));
      if (fault.respond.status === undefined) [status, body] = effect ?? route(record);
      else ({ status, body } = fault.respond as { status: number; body?: unknown });
      headers = fault.respond.headers ?? {};
    } else {
      [status, body] = route(record);
    }
    record.status = status;
    requests.push(record);
    for (const waiter of waiters) {
      if (waiter.predicate(record)) {
        waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
    const empty = status === 204 || body === undefined;
    res.writeHead(status, { ...(empty ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(empty ? undefined : JSON.stringify(body));
  }

  function route(request: RecordedRequest): [number, unknown] {
    const { method, path, body } = request;
    const parts = path.split('/').filter(Boolean);
    const is = (pattern: string) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`).test(path);
    if (method === 'GET' && (is('/gateway/bot') || is('/gateway'))) {
      // max_concurrency as large as the shard count: every shard may identify at once (as for a large bot).
      return [200, { url: `ws://127.0.0.1:${port}`, shards: shardCount, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: shardCount } }];
    }
    if (method === 'GET' && is('/users/@me')) return [200, botUser];
    if (method === 'GET' && is('/applications/@me')) return [200, { id: applicationId, name: 'Sitrep', flags: 0, bot: botUser }];
    if (parts[0] === 'applications' && (parts[2] === 'commands' || (parts[2] === 'guilds' && parts[4] === 'commands'))) {
      return applicationCommandRoute(method, parts, body);
    }
    if (method === 'POST' && is('/interactions/:id/:token/callback')) {
      // Like Discord: an interaction is answered once; a second answer is a bug in the bot.
      if (answered.has(parts[1]!)) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      answered.add(parts[1]!);
      const message = body?.data && [4, 7].includes(body.type) ? storeMessage(`${parts[2]}`, body.data, DEFAULT_CHANNEL_ID) : undefined;
      if (request.query.with_response === 'true') {
        return [200, { interaction: { id: parts[1], type: 2 }, resource: { type: body?.type, ...(message ? { message } : {}) } }];
      }
      return [204, undefined];
    }
    if (is('/webhooks/:app/:token/messages/:message')) {
      const key = parts[4] === '@original' ? parts[2]! : parts[4]!;
      if (method === 'DELETE') return [204, undefined];
      if (method === 'PATCH') return [200, storeMessage(key, { ...messages.get(key), ...body }, DEFAULT_CHANNEL_ID)];
      return messages.has(key) ? [200, messages.get(key)] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (method === 'POST' && is('/webhooks/:app/:token')) return [200, storeMessage(snowflake(), body, DEFAULT_CHANNEL_ID)];
    if (is('/channels/:channel') && method === 'GET') {
      const channel = channels.get(parts[1]!);
      return channel ? [200, channelPayload(channel)] : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if (method === 'POST' && is('/channels/:channel/messages')) {
      if (!channels.has(parts[1]!)) return [404, { message: 'Unknown Channel', code: 10003 }];
      // Like Discord: with enforce_nonce, a nonce used in the channel in the past few minutes returns
      // that message; an older one is forgotten and the message is posted again.
      const earlier =
        body?.enforce_nonce && posted.find((m) => m.nonce === body.nonce && m.channel_id === parts[1] && clock() - (createdAt.get(m) ?? 0) < NONCE_WINDOW_MS);
      if (earlier) return [200, earlier];
      const message = storeMessage(snowflake(), body, parts[1]!);
      posted.push(message);
      createdAt.set(message, clock());
      return [200, message];
    }
    if (method === 'GET' && is('/channels/:channel/messages')) {
      if (!channels.has(parts[1]!)) return [404, { message: 'Unknown Channel', code: 10003 }];
      // Like Discord: newest first, at most `limit` (1–100, default 50); `after`/`before` take a message id.
      const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 50) || 50));
      const after = request.query.after ? BigInt(request.query.after) : undefined;
      const before = request.query.before ? BigInt(request.query.before) : undefined;
      const inChannel = posted
        .filter((m) => m.channel_id === parts[1])
        .filter((m) => (after === undefined || BigInt(String(m.id)) > after) && (before === undefined || BigInt(String(m.id)) < before))
        .sort((a, b) => (BigInt(String(a.id)) < BigInt(String(b.id)) ? -1 : 1));
      // With `after`, the oldest `limit` messages after it; otherwise the newest. Either way sent newest first.
      const page = after !== undefined ? inChannel.slice(0, limit) : inChannel.slice(-limit);
      return [200, page.reverse()];
    }
    if (method === 'POST' && is('/users/@me/channels')) {
      const recipient = String(body?.recipient_id ?? '');
      if (!/^\d{17,20}$/.test(recipient)) return [400, { message: 'Invalid Form Body', code: 50035 }];
      let id = dms.get(recipient);
      if (!id) {
        id = snowflake();
        dms.set(recipient, id);
        channels.set(id, { id, type: 1, guild_id: '' });
      }
      return [200, { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: 'member', discriminator: '0', global_name: null, avatar: null }] }];
    }
    if (method === 'POST' && is('/channels/:channel/threads')) {
      const forum = channels.get(parts[1]!);
      if (!forum) return [404, { message: 'Unknown Channel', code: 10003 }];
      if (forum.type !== 15) return [400, { message: 'Cannot start a thread without a message here', code: 50024 }];
      const id = snowflake();
      const message = storeMessage(id, body?.message ?? {}, id);
      posted.push(message);
      const thread = { id, parent_id: parts[1]!, guild_id: forum.guild_id, name: String(body?.name), message };
      threads.push(thread);
      channels.set(id, { id, name: thread.name, type: 11, guild_id: forum.guild_id });
      return [201, { ...channelPayload({ id, type: 11, name: thread.name, guild_id: forum.guild_id }), parent_id: parts[1], message }];
    }
    if (method === 'GET' && is('/guilds/:guild/threads/active')) {
      const active = threads.filter((thread) => thread.guild_id === parts[1]);
      return [200, { threads: active.map((thread) => ({ ...channelPayload({ id: thread.id, type: 11, name: thread.name, guild_id: thread.guild_id }), parent_id: thread.parent_id })), members: [] }];
    }
    if (method === 'PATCH' && is('/channels/:channel/messages/:message')) {
      // Like Discord: the fields sent replace the message's; a message deleted (or never posted here) is 10008.
      const message = posted.find((m) => m.id === parts[3] && m.channel_id === parts[1]);
      if (!channels.has(parts[1]!)) return [404, { message: 'Unknown Channel', code: 10003 }];
      if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
      const { nonce: _nonce, enforce_nonce: _enforce, ...fields } = (body ?? {}) as Record<string, unknown>;
      Object.assign(message, fields, { edited_timestamp: new Date(clock()).toISOString() });
      messages.set(parts[3]!, message);
      return [200, message];
    }
    if (method === 'POST' && is('/channels/:channel/messages/:message/threads')) {
      // Start Thread from Message: the thread's id is the message's; a second start on it is 160004.
      const parent = channels.get(parts[1]!);
      if (!parent) return [404, { message: 'Unknown Channel', code: 10003 }];
      if (parent.type === 15) return [400, { message: 'Cannot start a thread from a message in a forum', code: 50024 }];
      const message = posted.find((m) => m.id === parts[3] && m.channel_id === parts[1]);
      if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
      if (startedThreads.some((thread) => thread.id === parts[3])) return [400, { message: 'A thread has already been created for this message', code: 160004 }];
      const type = parent.type === 5 ? 10 : 11;
      const thread = { id: parts[3]!, parent_id: parts[1]!, guild_id: parent.guild_id, name: String(body?.name ?? ''), type };
      startedThreads.push(thread);
      channels.set(thread.id, { id: thread.id, name: thread.name, type, guild_id: parent.guild_id });
      Object.assign(message, { thread: { ...channelPayload({ id: thread.id, type, name: thread.name, guild_id: parent.guild_id }), parent_id: parts[1] } });
      return [201, { ...channelPayload({ id: thread.id, type, name: thread.name, guild_id: parent.guild_id }), parent_id: parts[1] }];
    }
    if (method === 'POST' && is('/channels/:channel/messages/:message/crosspost')) {
      return messages.has(parts[3]!) ? [200, messages.get(parts[3]!)] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (method === 'GET' && is('/guilds/:guild')) {
      const guild = guilds.find((candidate) => candidate.id === parts[1]);
      return guild ? [200, guildPayload(guild)] : [404, { message: 'Unknown Guild', code: 10004 }];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  /** A command as Discord keeps and returns it: an id, a version and Discord's defaults beside what was sent. */
  function registeredCommand(command: Record<string, unknown>, guildId: string | undefined, id: string = snowflake()) {
    return {
      id,
      application_id: applicationId,
      version: snowflake(),
      type: 1,
      default_member_permissions: null,
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...command,
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  /**
   * `GET/POST/PUT /applications/:app[/guilds/:guild]/commands` and `GET/PATCH/DELETE …/commands/:id`,
   * as Discord answers them: a POST with a known name replaces that command (200, same id), a PUT
   * replaces the whole list (keeping the ids of names it keeps), a guild the bot is not in is 50001.
   */
  function applicationCommandRoute(method: string, parts: string[], body: unknown): [number, unknown] {
    if (parts[1] !== applicationId) return [403, { message: 'Missing Access', code: 50001 }];
    const guildId = parts[2] === 'guilds' ? parts[3] : undefined;
    if (guildId && !guilds.some((guild) => guild.id === guildId)) return [403, { message: 'Missing Access', code: 50001 }];
    const key = guildId ?? '';
    const list = registeredCommands.get(key) ?? [];
    const commandId = guildId ? parts[5] : parts[3];
    if (commandId === undefined) {
      if (method === 'GET') return [200, list];
      if (method === 'POST') {
        const sent = body as Record<string, unknown>;
        const index = list.findIndex((command) => command.name === sent.name && (command.type ?? 1) === (sent.type ?? 1));
        const command = registeredCommand(sent, guildId, index >= 0 ? String(list[index]!.id) : undefined);
        registeredCommands.set(key, index >= 0 ? list.map((existing, at) => (at === index ? command : existing)) : [...list, command]);
        return [index >= 0 ? 200 : 201, command];
      }
      if (method === 'PUT') {
        const next = (Array.isArray(body) ? (body as Array<Record<string, unknown>>) : []).map((sent) =>
          registeredCommand(sent, guildId, list.find((command) => command.name === sent.name)?.id as string | undefined),
        );
        registeredCommands.set(key, next);
        return [200, next];
      }
      return [405, { message: '405: Method Not Allowed', code: 0 }];
    }
    const index = list.findIndex((command) => command.id === commandId);
    if (index < 0) return [404, { message: 'Unknown application command', code: 10063 }];
    if (method === 'GET') return [200, list[index]];
    if (method === 'DELETE') {
      registeredCommands.set(key, list.filter((_, at) => at !== index));
      return [204, undefined];
    }
    if (method === 'PATCH') {
      const command = { ...list[index]!, ...(body as Record<string, unknown>), version: snowflake() };
      registeredCommands.set(key, list.map((existing, at) => (at === index ? command : existing)));
      return [200, command];
    }
    return [405, { message: '405: Method Not Allowed', code: 0 }];
  }

  function storeMessage(id: string, data: Record<string, unknown>, channelId: string) {
    const message = messagePayload({ ...(/^\d+$/.test(id) ? { id } : {}), channel_id: channelId, author: botUser, timestamp: new Date(clock()).toISOString(), ...data });
    messages.set(id, message);
    return message;
  }

  function guildPayload(guild: StandInGuild) {
    return {
      id: guild.id,
      name: guild.name ?? 'Test server',
      icon: null,
      owner_id: '800000000000000001',
      joined_at: new Date().toISOString(),
      roles: [guild.id, ...(guild.roles ?? [])].map((id, position) => ({
        id,
        name: id === guild.id ? '@everyone' : `role-${position}`,
        permissions: '0',
        position,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      emojis: [],
      stickers: [],
      features: [],
      channels: (guild.channels ?? []).map((channel) => channelPayload({ ...channel, guild_id: guild.id })),
      threads: [],
      members: [],
      member_count: 2,
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      large: false,
      unavailable: false,
      premium_tier: 0,
      system_channel_flags: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      preferred_locale: 'en-US',
      afk_timeout: 300,
    };
  }

  return standIn;
}

function channelPayload(channel: { id: string; name?: string; type?: number; guild_id: string }) {
  return {
    id: channel.id,
    type: channel.type ?? 0,
    name: channel.name ?? `channel-${channel.id.slice(-4)}`,
    guild_id: channel.guild_id,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
