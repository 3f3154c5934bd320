/**
 * An official SDK's client, in its child process: imports `specifier` (unavailable when missing, or
 * when `exportName` is given and not a function), then measures `run({ mod, events, sinkUrl, failures })`,
 * which builds the client, drives the workload and waits for delivery; reports the measurements with
 * the failures and whatever `run` returns.
 */
import { childArgs } from './child-args.mjs'
import { failureLog, reportUnavailable, startMeasure, tryImport } from './measure.mjs'

export async function runOfficialClient(specifier, exportName, run) {
  const loaded = await tryImport(specifier, exportName)
  if (loaded.error) return reportUnavailable(loaded.error)
  const { events, sinkUrl } = childArgs()
  const failures = failureLog()
  const measure = startMeasure()
  const extra = await run({ mod: loaded.mod, events, sinkUrl, failures })
  measure.finish({ ...extra, ...failures.summary() })
}
