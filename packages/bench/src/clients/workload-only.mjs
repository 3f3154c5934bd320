/**
 * The "workload only" baseline: what every client pays before any SDK work. Runs the same paced
 * workload (`drive()` with `makeEvent`) and builds the same Segment-spec message objects as the floor
 * (random UUID ids, ISO timestamps, context.library, integrations), collected in batches of 100,
 * but serializes and sends nothing: each full batch is dropped. Expected at the sink: 0 messages.
 */
import { childArgs } from '../lib/child-args.mjs'
import { startMeasure } from '../lib/measure.mjs'
import { floorMessage } from '../lib/floor-message.mjs'
import { BATCH, drive } from '../lib/workload.mjs'

const { events } = childArgs()
const measure = startMeasure()
let built = 0
let batch = []

await drive(events, (params) => {
  batch.push(floorMessage(params))
  if (batch.length === BATCH) {
    built += batch.length
    batch = []
  }
})
built += batch.length
measure.finish({ sdk: { built } })
