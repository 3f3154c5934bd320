/**
 * The floor: the work any client must do, with no SDK. Builds the same Segment-spec messages
 * (random UUID ids, ISO timestamps, context.library, integrations) and POSTs each batch of 100 with
 * Basic auth over an undici keep-alive Agent to the sink's Segment route, 4 requests in flight at
 * most (like Polytrack's default). The producer is never paused, as no SDK can pause its caller:
 * while 4 requests are in flight, finished batches (arrays of message objects) wait in a FIFO and
 * the next one starts when a request completes. Each batch is serialized once, when it is sent.
 */
import { Agent, request } from 'undici'
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, startMeasure } from '../lib/measure.mjs'
import { floorMessage } from '../lib/floor-message.mjs'
import { BATCH, drive } from '../lib/workload.mjs'

const MAX_IN_FLIGHT = 4
const { events, sinkUrl } = childArgs()
const failures = failureLog()
const measure = startMeasure()
const agent = new Agent({ connections: MAX_IN_FLIGHT, keepAliveTimeout: 4_000 })
const url = `${sinkUrl}/segment/v1/batch`
const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('wk_bench:').toString('base64')}` }
const inFlight = new Set()
const waiting = [] // finished batches, oldest first
let delivered = 0
let queuedMax = 0
let batch = []

function send(messages) {
  const body = JSON.stringify({ batch: messages, sentAt: new Date().toISOString() })
  const done = request(url, { method: 'POST', headers, body, dispatcher: agent })
    .then(async (res) => {
      await res.body.dump()
      if (res.statusCode === 200) delivered += messages.length
      else failures.add(`http_${res.statusCode}`, `status ${res.statusCode}`)
    })
    .catch((error) => failures.add('network', error))
    .finally(() => {
      inFlight.delete(done)
      if (waiting.length > 0) send(waiting.shift())
    })
  inFlight.add(done)
}

function post(messages) {
  if (inFlight.size < MAX_IN_FLIGHT) return send(messages)
  waiting.push(messages)
  queuedMax = Math.max(queuedMax, waiting.length * BATCH)
}

await drive(events, (params) => {
  batch.push(floorMessage(params))
  if (batch.length === BATCH) {
    post(batch)
    batch = []
  }
})
if (batch.length > 0) post(batch)
// A completing request starts the next waiting batch before its own promise settles, so the set
// is empty only once every batch has been sent and answered.
while (inFlight.size > 0) await Promise.race(inFlight)
await agent.close()
measure.finish({ sdk: { delivered, queuedMax }, ...failures.summary() })
