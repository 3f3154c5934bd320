import { redactSecrets } from '../config/secret-forms.js'
import type { AnalyticsEvents } from '../events/event-types.js'
import type { TypedEmitter } from '../events/typed-emitter.js'
import { emitWarning } from '../platform/emit-warning.js'
import { logLine } from './log-lines.js'
import { levelEnabled, type Logging } from './logger-option.js'

/**
 * An emit function for the client's background work. Events go to listeners. With `logging`
 * (the `logger` and `logLevel` options), each event is also logged at its level (see
 * `levelOf`), its text masked of `secrets()` (the destinations' keys and the proxy's
 * credentials), and a logger that throws is ignored. Without it, an `error` nobody listens to
 * becomes a process warning, once per destination and code. Never throws, never silent (unless
 * `logLevel: 'silent'`).
 */
export function emitOrWarn(
  emitter: TypedEmitter<AnalyticsEvents>,
  logging?: Logging,
  secrets: () => readonly string[] = () => [],
): <K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]) => void {
  const warned = new Set<string>()
  return (event, payload) => {
    const listened = emitter.emit(event, payload)
    if (logging !== undefined) {
      log(logging, event, payload, secrets())
      return
    }
    if (listened || event !== 'error') return
    const { error, destination } = payload as AnalyticsEvents['error']
    const key = `${destination ?? ''}:${error.code}`
    if (warned.has(key)) return
    warned.add(key)
    const masked = secrets()
    emitWarning(
      `${masked.length === 0 ? error.message : redactSecrets(error.message, masked)} (listen for 'error' events to handle this; further warnings of this kind are not shown)`,
      'POLYTRACK_DELIVERY',
    )
  }
}

/**
 * Does `logging` take some `event`, so that the client must build it even with no listener? Each
 * request and delivered batch only at `debug`; the rest whenever there is a logging setup, even
 * `silent` (which takes `dropped` to say nothing, where the client would otherwise warn).
 */
export function logsEvent(logging: Logging | undefined, event: keyof AnalyticsEvents): boolean {
  if (logging === undefined) return false
  return event === 'request' || event === 'delivered' ? levelEnabled('debug', logging.level) : true
}

function log<K extends keyof AnalyticsEvents>(logging: Logging, event: K, payload: AnalyticsEvents[K], secrets: readonly string[]): void {
  if (logging.level === 'silent') return
  try {
    const line = logLine(event, payload)
    if (!levelEnabled(line.level, logging.level)) return
    const mask = (text: string) => (secrets.length === 0 ? text : redactSecrets(text, secrets))
    const fields = Object.fromEntries(
      Object.entries(line.fields).map(([name, value]) => [name, typeof value === 'string' ? mask(value) : value]),
    )
    const result: unknown = logging.logger[line.level](mask(line.message), fields)
    // An async logger's rejection is its own: handled here, so it never becomes an unhandled rejection in the host.
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      ;(result as PromiseLike<unknown>).then(undefined, () => undefined)
    }
  } catch {
    // A logger that throws must not break delivery, nor a call in the host.
  }
}
