import type { AnalyticsEvents } from '../events/event-types.js'
import type { LogFields, LogLevel } from './logger-option.js'

/** One log line: its level, a whole sentence, and the same facts as fields. */
export interface LogLine {
  level: Exclude<LogLevel, 'silent'>
  message: string
  fields: LogFields
}

/**
 * The level each client event is logged at: each request and each delivered batch `debug`, a
 * destination resuming `info`, a retry and a pause `warn`, an error `error`; a dropped message
 * `error`, except one left out on purpose (`filtered`), `debug`. Pure.
 */
export function levelOf<K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]): LogLine['level'] {
  switch (event) {
    case 'request':
    case 'delivered':
      return 'debug'
    case 'resumed':
      return 'info'
    case 'retry':
    case 'paused':
      return 'warn'
    case 'dropped':
      return (payload as AnalyticsEvents['dropped']).reason === 'filtered' ? 'debug' : 'error'
    default:
      return 'error'
  }
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

/**
 * The log line of a client event. Its text comes from the event's payload, which the client has
 * already cleared of keys (the caller masks them again, with the proxy's credentials). Message
 * ids are left out, except of lost messages (`dropped`, `error`). Pure.
 */
export function logLine<K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]): LogLine {
  const level = levelOf(event, payload)
  const p = 'polytrack:'
  switch (event) {
    case 'request': {
      const e = payload as AnalyticsEvents['request']
      const answer = e.status === undefined ? 'no answer' : `HTTP ${e.status}`
      return {
        level,
        message: `${p} ${e.destination}: sent ${plural(e.count, 'message')} (${e.bytes} bytes, attempt ${e.attempt}) to ${e.url}: ${answer}, ${e.outcome}, in ${e.durationMs} ms`,
        fields: { event, ...e },
      }
    }
    case 'delivered': {
      const { messageIds: _ids, ...e } = payload as AnalyticsEvents['delivered']
      return {
        level,
        message: `${p} ${e.destination}: delivered ${plural(e.count, 'message')} (HTTP ${e.status}, ${plural(e.attempts, 'attempt')}, ${e.durationMs} ms)`,
        fields: { event, ...e },
      }
    }
    case 'retry': {
      const e = payload as AnalyticsEvents['retry']
      return {
        level,
        message: `${p} ${e.destination}: attempt ${e.attempt} to send ${plural(e.count, 'message')} failed (${e.reason}); retrying in ${e.delayMs} ms`,
        fields: { event, ...e },
      }
    }
    case 'dropped': {
      const e = payload as AnalyticsEvents['dropped']
      return { level, message: `${p} ${e.destination}: dropped ${plural(e.count, 'message')} (${e.reason})`, fields: { event, ...e } }
    }
    case 'paused': {
      const e = payload as AnalyticsEvents['paused']
      return {
        level,
        message: `${p} ${e.destination}: paused after transient failures (${e.reason}); messages stay in the spool and one batch probes until the vendor answers`,
        fields: { event, ...e },
      }
    }
    case 'resumed': {
      const e = payload as AnalyticsEvents['resumed']
      return { level, message: `${p} ${e.destination}: resumed after ${e.pausedMs} ms`, fields: { event, ...e } }
    }
    default: {
      const e = payload as AnalyticsEvents['error']
      const where = e.destination === undefined ? '' : ` ${e.destination}:`
      const lost = e.messageIds.length === 0 ? '' : ` (${plural(e.messageIds.length, 'message')} lost)`
      return {
        level,
        message: `${p}${where} ${e.error.message}${lost}`,
        fields: {
          event,
          ...(e.destination === undefined ? {} : { destination: e.destination }),
          code: e.error.code,
          error: e.error.message,
          messageIds: e.messageIds,
        },
      }
    }
  }
}
