/**
 * The "workload only" baseline: what every client pays before any SDK work. Runs the same paced
 * workload (`drive()` with `makeEvent`) and builds the same Segment-spec message objects as the floor
 * (random UUID ids, ISO timestamps, context.library, integrations), collected in batches of 100,
 * but serializes and sends nothing: each full batch is dropped. Expected at the sink: 0 messages.
 */
import { randomUUID } from 'node:crypto'
import { childArgs } from '../lib/child-args.mjs'
import { startMeasure } from '../lib/measure.mjs'
import { BATCH, drive } from '../lib/workload.mjs'

const { events } = childArgs()
const measure = startMeasure()
const library = { name: 'floor', version: '0.0.0' }
let built = 0
let batch = []

await drive(events, ({ userId, event, properties }) => {
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
    built += batch.length
    batch = []
  }
})
built += batch.length
measure.finish({ sdk: { built } })
