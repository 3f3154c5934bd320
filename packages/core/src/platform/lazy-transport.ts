import type { Transport } from '../delivery/http-transport.js'

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A transport whose implementation is loaded on its first request rather than when the client is
 * created: on Node that keeps undici (most of the package's import time) out of a cold start until
 * something is sent. A load that fails is reported by each request as a retryable failure (a batch)
 * or a network failure (an exchange); nothing rejects. `close()` before any request loads nothing.
 */
export function lazyTransport(load: () => Promise<Transport>): Transport {
  let loading: Promise<Transport> | undefined
  let closed = false
  const transport = (): Promise<Transport> => (loading ??= load())
  return {
    async send(request, options) {
      if (closed) return { kind: 'aborted', reason: 'closed' }
      let loaded: Transport
      try {
        loaded = await transport()
      } catch (error) {
        return { kind: 'retryable', reason: `the transport could not be loaded: ${describe(error)}` }
      }
      return loaded.send(request, options)
    },
    async exchange(request, options) {
      if (closed) return { kind: 'failure', failure: 'aborted', message: 'aborted' }
      let loaded: Transport
      try {
        loaded = await transport()
      } catch (error) {
        return { kind: 'failure', failure: 'network', message: `the transport could not be loaded: ${describe(error)}` }
      }
      return loaded.exchange(request, options)
    },
    async close() {
      closed = true
      const loaded = await loading?.catch(() => undefined)
      await loaded?.close()
    },
  }
}
