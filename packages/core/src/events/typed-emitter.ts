import { emitWarning } from '../platform/emit-warning.js'
import { describeThrown } from './describe-thrown.js'

/** A listener of one event. */
export type Listener<T> = (payload: T) => void

/**
 * A small typed event emitter. Unlike Node's, an `error` event with no listener is not thrown,
 * and a listener that throws cannot break delivery: its error is reported as a process warning.
 */
export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Listener<never>[]>()

  /** Adds a listener. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const list = this.listeners.get(event) ?? []
    this.listeners.set(event, [...list, listener as Listener<never>])
    return this
  }

  /** Adds a listener called at most once. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const wrapper: Listener<Events[K]> = (payload) => {
      this.off(event, wrapper)
      listener(payload)
    }
    return this.on(event, wrapper)
  }

  /** Removes a listener. */
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): this {
    const list = this.listeners.get(event)
    if (list)
      this.listeners.set(
        event,
        list.filter((l) => l !== (listener as Listener<never>)),
      )
    return this
  }

  /** Listeners of an event (to skip building a payload nobody reads). */
  listenerCount<K extends keyof Events>(event: K): number {
    return this.listeners.get(event)?.length ?? 0
  }

  /** Calls each listener; a throwing listener is reported as a warning and the others still run. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): boolean {
    const list = this.listeners.get(event)
    if (!list || list.length === 0) return false
    for (const listener of list) {
      try {
        ;(listener as Listener<Events[K]>)(payload)
      } catch (error) {
        emitWarning(`A listener of the '${String(event)}' event threw: ${describeThrown(error)}`, 'POLYTRACK_LISTENER')
      }
    }
    return true
  }
}
