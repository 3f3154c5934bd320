import type { HttpRequest } from '../../src/destination.js'
import type { Transport } from '../../src/delivery/http-transport.js'
import type { SendResult } from '../../src/delivery/send-result.js'
import type { ExchangeResult } from '../../src/delivery/exchange.js'

/** One request the scripted transport received. */
export interface ScriptedRequest {
  request: HttpRequest
  /** Message ids in the batch (the test destination's items are `{"id": …}`). */
  ids: string[]
}

/**
 * A transport that answers from a script instead of the network: `answer(request, n)` returns the
 * result of the n-th request (from 0), or a promise of it. Records every request in order.
 */
export function scriptedTransport(
  answer: (request: ScriptedRequest, n: number) => SendResult | Promise<SendResult>,
): Transport & { requests: ScriptedRequest[]; closed: boolean } {
  const requests: ScriptedRequest[] = []
  const transport = {
    requests,
    closed: false,
    async send(request: HttpRequest, { signal }: { signal: AbortSignal; timeoutMs: number }): Promise<SendResult> {
      if (signal.aborted) return { kind: 'aborted', reason: 'closed' }
      const ids = (JSON.parse(request.body) as { batch: { id: string }[] }).batch.map((m) => m.id)
      const entry = { request, ids }
      requests.push(entry)
      const result = answer(entry, requests.length - 1)
      if (!(result instanceof Promise)) return result
      return new Promise((resolve) => {
        const onAbort = (): void => resolve({ kind: 'aborted', reason: 'closed' })
        signal.addEventListener('abort', onAbort, { once: true })
        void result.then((r) => {
          signal.removeEventListener('abort', onAbort)
          resolve(r)
        })
      })
    },
    async exchange(): Promise<ExchangeResult> {
      return { kind: 'failure', failure: 'network', message: 'the scripted transport makes no exchanges' }
    },
    async close() {
      transport.closed = true
    },
  }
  return transport
}

/** Results, for scripts. */
export const OK: SendResult = { kind: 'success', status: 200 }
export const HTTP_500: SendResult = { kind: 'retryable', status: 500, reason: 'HTTP 500' }
export const HTTP_400: SendResult = { kind: 'failed', status: 400, reason: 'HTTP 400' }
