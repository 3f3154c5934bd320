import { ConfigError } from '../errors.js'

/** How much the client logs: each level includes the ones after it; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

/** The levels, most verbose first. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze(['debug', 'info', 'warn', 'error', 'silent'])

/** Default `logLevel` (the level pino and winston start at). */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info'

/** The structured part of a log line: the event's name and its payload (never a key or a proxy password). */
export type LogFields = Record<string, unknown>

/**
 * Where the client logs (`new Analytics({ logger })`): any object with `debug`, `info`, `warn` and
 * `error` methods, such as `console`, a pino logger or a winston logger. Each line is one call
 * `logger.<level>(message, fields)`: `message` is a whole sentence (destination, counts, status
 * and reason included), `fields` the same facts as an object (`event`, `destination`, …). Console
 * prints both, winston merges `fields` into the entry, pino logs `message` (see
 * docs/configuration.md, "Logging", to get pino's structured fields too). A method that throws is
 * ignored.
 */
export interface Logger {
  /** Each request and each delivered batch (and messages left out on purpose), with `logLevel: 'debug'`. */
  debug(message: string, fields: LogFields): void
  /** A paused destination sending again. */
  info(message: string, fields: LogFields): void
  /** A retry, or a destination paused by an outage (with a spool). */
  warn(message: string, fields: LogFields): void
  /** An error, or messages lost (failed or dropped). */
  error(message: string, fields: LogFields): void
}

/** A checked logging setup: the logger and the most verbose level it gets. */
export interface Logging {
  logger: Logger
  level: LogLevel
}

const METHODS = ['debug', 'info', 'warn', 'error'] as const

/**
 * Checks `logger` and `logLevel`: `undefined` when neither is given (the client then warns once
 * per reason through `process.emitWarning`, as without this option); `console` as the logger when
 * only `logLevel` is given; the level defaults to {@link DEFAULT_LOG_LEVEL}. Throws a `ConfigError`
 * naming `logger` when it lacks one of the four methods, or `logLevel` when it is not a
 * {@link LogLevel}. Pure.
 */
export function resolveLogging(logger: unknown, logLevel: unknown): Logging | undefined {
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new ConfigError(
      'logLevel',
      `must be one of ${LOG_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${typeof logLevel === 'string' && logLevel.length <= 16 ? `'${logLevel}'` : typeof logLevel}`,
    )
  }
  if (logger === undefined) return logLevel === undefined ? undefined : { logger: console, level: logLevel as LogLevel }
  if (logger === null || (typeof logger !== 'object' && typeof logger !== 'function')) {
    throw new ConfigError(
      'logger',
      `must be an object with the methods debug, info, warn and error (console, pino and winston loggers have them), got ${logger === null ? 'null' : typeof logger}`,
    )
  }
  let missing: string[]
  try {
    missing = METHODS.filter((method) => typeof (logger as Record<string, unknown>)[method] !== 'function')
  } catch {
    throw new ConfigError('logger', 'could not be read: reading its debug, info, warn or error method threw')
  }
  if (missing.length > 0) {
    throw new ConfigError(
      'logger',
      `must have the methods debug, info, warn and error (console, pino and winston loggers have them); missing: ${missing.join(', ')}`,
    )
  }
  return { logger: logger as Logger, level: (logLevel as LogLevel | undefined) ?? DEFAULT_LOG_LEVEL }
}

/** Does `level` reach a logger set to `threshold`? Pure. */
export function levelEnabled(level: Exclude<LogLevel, 'silent'>, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold)
}
