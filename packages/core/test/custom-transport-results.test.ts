// What a custom transport returns is checked like any other input: a result that breaks the
// SendResult contract fails its batch with an error event, and never crashes the process.
import { describe, expect, it } from 'vitest'
import { Analytics, type DeliveryReport } from '../src/index.js'
import type { PolytrackError } from '../src/errors.js'
import { testDestination } from './helpers/test-destination.js'

async function deliverWith(result: unknown): Promise<{ report: DeliveryReport; errors: PolytrackError[] }> {
  const transport = () =>
    ({ send: () => Promise.resolve(result), exchange: () => Promise.reject(new Error('unused')), close: () => Promise.resolve() }) as never
  const analytics = new Analytics({ destination: testDestination('http://127.0.0.1:9'), transport, maxRetries: 0 })
  const errors: PolytrackError[] = []
  analytics.on('error', ({ error }) => errors.push(error))
  analytics.track({ userId: 'u1', event: 'Custom' })
  const report = await analytics.close({ timeoutMs: 5_000 })
  return { report, errors }
}

describe('results of a custom transport', () => {
  it('a failure without a reason fails the batch with its status, no crash', async () => {
    const { report, errors } = await deliverWith({ kind: 'failed', status: 400 })
    expect(report).toMatchObject({ delivered: 0, failed: 1 })
    expect(errors[0]?.message).toContain('HTTP 400')
  })

  it.each([null, {}, { kind: 'delivered' }, { kind: 'retryable', reason: 42 }, 'ok'])(
    '%j fails the batch as a broken transport',
    async (result) => {
      const { report, errors } = await deliverWith(result)
      expect(report).toMatchObject({ delivered: 0, failed: 1 })
      expect(errors[0]?.message).toContain('transport')
    },
  )

  it('a well-formed success still delivers', async () => {
    const { report, errors } = await deliverWith({ kind: 'success', status: 200 })
    expect(report).toMatchObject({ delivered: 1, failed: 0 })
    expect(errors).toEqual([])
  })
})
