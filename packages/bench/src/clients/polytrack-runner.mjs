/**
 * Runs the workload through Polytrack with the destination `makeDestination(sinkUrl)` builds,
 * then `close()`s and reports the measurements with Polytrack's own delivery report.
 */
import { childArgs } from '../lib/child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from '../lib/measure.mjs'
import { drive } from '../lib/workload.mjs'

/** The key every client gives its vendor (the benchmark's sink accepts any). */
export const BENCH_KEY = 'wk_bench'

/**
 * @param {{ packages: [string, string][], makeDestination: (mods: object[], sinkUrl: string) => unknown }} spec
 *   `packages`: `[specifier, exportName]` pairs to import; any missing one makes the client unavailable.
 */
export async function runPolytrack({ packages, makeDestination }) {
  const core = await tryImport('@polytrack/core', 'Analytics')
  if (core.error) return reportUnavailable(core.error)
  const mods = []
  for (const [specifier, exportName] of packages) {
    const loaded = await tryImport(specifier, exportName)
    if (loaded.error) return reportUnavailable(loaded.error)
    mods.push(loaded.mod[exportName])
  }
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const analytics = new core.mod.Analytics({
    destination: makeDestination(mods, sinkUrl),
    flushAt: 100,
    maxQueueSize: Math.max(10_000, events),
  })
  analytics.on('error', (e) => failures.add(e.error?.code ?? 'error', e.error))
  await drive(events, (params) => analytics.track(params))
  const report = await analytics.close()
  const { delivered, failed, dropped, pending } = report
  measure.finish({ sdk: { delivered, failed, dropped, pending }, ...failures.summary() })
}
