/**
 * Turns one client's runs into its table row: medians, spread, counts and a status ('ok', or
 * 'baseline' for the workload-only row that sends nothing; 'failures', 'failed', 'unavailable').
 */
import { summarize } from '../lib/stats.mjs'

export function summarizeClient(client, runs, events) {
  const row = { name: client.name, kind: client.kind, note: client.note, pkg: client.pkg, vendors: client.vendors, events, runs }
  if (runs.some((r) => r.unavailable)) return { ...row, status: 'unavailable', reason: runs.find((r) => r.unavailable).reason }
  const measured = runs.filter((r) => r.ok)
  row.wallMs = summarize(measured.map((r) => r.wallMs))
  row.cpuMs = summarize(measured.map((r) => r.cpuMs))
  row.rssMb = summarize(measured.map((r) => r.maxRssMb))
  row.requests = summarize(runs.map((r) => r.sink.requests))
  row.received = summarize(runs.map((r) => r.sink.received))
  row.expected = runs[0]?.expected ?? events * client.vendors.length
  row.cpuPerEventUs = row.cpuMs && {
    median: (row.cpuMs.median * 1000) / events,
    min: (row.cpuMs.min * 1000) / events,
    max: (row.cpuMs.max * 1000) / events,
  }
  const problems = []
  const crashed = runs.filter((r) => !r.ok)
  if (crashed.length) problems.push(`${crashed.length}/${runs.length} runs failed: ${crashed[0].crashed}`)
  const short = runs.filter((r) => r.sink.received !== r.expected)
  if (short.length)
    problems.push(`${short.length}/${runs.length} runs delivered ${short.map((r) => r.sink.received).join(', ')} of ${row.expected}`)
  const failureCounts = {}
  for (const r of runs) for (const [k, v] of Object.entries(r.failures ?? {})) failureCounts[k] = (failureCounts[k] ?? 0) + v
  if (Object.keys(failureCounts).length) {
    problems.push(
      `reported failures: ${Object.entries(failureCounts)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')}` +
        (runs.find((r) => r.firstFailure)?.firstFailure ? ` (first: ${runs.find((r) => r.firstFailure).firstFailure})` : ''),
    )
  }
  const dup = runs.reduce((a, r) => a + (r.sink.duplicates ?? 0), 0)
  if (dup) problems.push(`${dup} duplicate messages at the sink`)
  row.problems = problems
  row.status = crashed.length === runs.length ? 'failed' : problems.length ? 'failures' : client.kind === 'baseline' ? 'baseline' : 'ok'
  return row
}

/** True for a row whose every run completed as expected ('ok' or 'baseline'). */
export const healthy = (row) => row?.status === 'ok' || row?.status === 'baseline'

/** Median CPU µs per event of a row, or undefined. */
export const cpuPerEvent = (row) => row?.cpuPerEventUs?.median
