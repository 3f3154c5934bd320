/**
 * The floor: the work any client must do, with no SDK. Builds the same Segment-spec messages
 * (random UUID ids, ISO timestamps, context.library, integrations), serializes each batch of 100
 * once and POSTs it with Basic auth over an undici keep-alive Agent (4 requests in flight at most,
 * like Polytrack's default), to the sink's Segment route.
 */
import { randomUUID } from 'node:crypto'
import { Agent, request } from 'undici'
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, startMeasure } from '../lib/measure.mjs'
import { BATCH, drive } from '../lib/workload.mjs'

const { events, sinkUrl } = childArgs()
const failures = failureLog()
const measure = startMeasure()
const agent = new Agent({ connections: 4, keepAliveTimeout: 4_000 })
const url = `${sinkUrl}/segment/v1/batch`
const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('wk_bench:').toString('base64')}` }
const library = { name: 'floor', version: '0.0.0' }
const inFlight = new Set()
let delivered = 0
let batch = []

function post(messages) {
  const body = JSON.stringify({ batch: messages, sentAt: new Date().toISOString() })
  const done = request(url, { method: 'POST', headers, body, dispatcher: agent })
    .then(async (res) => {
      await res.body.dump()
      if (res.statusCode === 200) delivered += messages.length
      else failures.add(`http_${res.statusCode}`, `status ${res.statusCode}`)
    })
    .catch((error) => failures.add('network', error))
    .finally(() => inFlight.delete(done))
  inFlight.add(done)
}

await drive(
  events,
  ({ userId, event, properties }) => {
    batch.push({
      type: 'track',
      messageId: randomUUID(),
      timestamp: new Date().toISOString(),
      context: { library },
      integrations: {},
      userId,
      event,
      properties,
    })
    if (batch.length === BATCH) {
      post(batch)
      batch = []
    }
  },
  async () => {
    while (inFlight.size >= 4) await Promise.race(inFlight)
  },
)
if (batch.length > 0) post(batch)
await Promise.all(inFlight)
await agent.close()
measure.finish({ sdk: { delivered }, ...failures.summary() })
