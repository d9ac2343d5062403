import pino from 'pino';
import { redactValue } from './redact';

/** How much the gateway writes (LOG_LEVEL). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never be written: the API secret and anything derived from it. */
  secrets: readonly string[];
  destination?: pino.DestinationStream;
}

/**
 * JSON lines on stdout. Every argument of every log call passes through redaction, so a secret
 * that slipped into a message or an error is masked before it is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter(Boolean);
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: {
        paths: ['*.apiSecret', '*.api_secret', '*.authorization', '*.headers.authorization'],
        censor: '***',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactValue(args, secrets) as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (error: Error) => redactValue(pino.stdSerializers.err(error), secrets),
      },
    },
    options.destination,
  );
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
