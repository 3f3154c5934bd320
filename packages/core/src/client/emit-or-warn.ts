import type { AnalyticsEvents } from '../events/event-types.js'
import type { TypedEmitter } from '../events/typed-emitter.js'
import { emitWarning } from '../platform/emit-warning.js'

/**
 * An emit function for the client's background work: events go to listeners, and an `error` nobody
 * listens to becomes a process warning, once per destination and code (never thrown, never silent).
 */
export function emitOrWarn(emitter: TypedEmitter<AnalyticsEvents>): <K extends keyof AnalyticsEvents>(event: K, payload: AnalyticsEvents[K]) => void {
  const warned = new Set<string>()
  return (event, payload) => {
    if (emitter.emit(event, payload) || event !== 'error') return
    const { error, destination } = payload as AnalyticsEvents['error']
    const key = `${destination ?? ''}:${error.code}`
    if (warned.has(key)) return
    warned.add(key)
    emitWarning(`${error.message} (listen for 'error' events to handle this; further warnings of this kind are not shown)`, 'POLYTRACK_DELIVERY')
  }
}
