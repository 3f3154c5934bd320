import type { DeliveryPipeline } from '../delivery/delivery-pipeline.js'
import { buildReport, type DeliveryReport } from '../delivery/delivery-report.js'
import type { Spool } from '../spool/spool-types.js'

/**
 * Closes a client's lanes: stops their timers, sends everything, and waits until all is settled
 * (or every lane holding messages is paused by an outage: they are in the spool), or `timeoutMs`
 * passed. Then stops what is still in flight or probing, releases sockets, closes the spool, and
 * reports. Never rejects.
 */
export async function closeLanes(
  pipelines: readonly DeliveryPipeline[],
  flagsClosed: Promise<void>,
  spool: Spool | undefined,
  timeoutMs: number,
): Promise<DeliveryReport> {
  for (const pipeline of pipelines) pipeline.startClosing()
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, timeoutMs))
  })
  const outcome = await Promise.race([Promise.all(pipelines.map((p) => p.flush())), deadline])
  await Promise.race([flagsClosed.catch(() => undefined), deadline])
  clearTimeout(timer)
  await Promise.all(pipelines.map((p) => p.abort()))
  await Promise.all(pipelines.map((p) => p.release()))
  await spool?.close().catch(() => undefined)
  return buildReport(Object.fromEntries(pipelines.map((p) => [p.name, p.snapshot()])), outcome === 'timeout')
}
