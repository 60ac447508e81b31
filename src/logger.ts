import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout (pino's default), so `npm start | npx pino-pretty` and a process
 * manager's log capture see them. The CLIs that print results (deploy, console, import, export) make
 * no logger; a start-up failure is one plain line on stderr (src/main.ts).
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(1)): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
