/**
 * The targets (issue 8), each computed from this run's numbers: met, not met, or n/a
 * when what it needs was not measured (a client unavailable, a mode skipped).
 */
import { cpuPerEvent } from './summarize.mjs'

const f = (x, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d }) : 'n/a')
const target = (id, text, measured, met) => ({ id, text, measured, met })
const complete = (row) => row && row.cpuPerEventUs && row.received?.median === row.expected

export function evaluateTargets(results) {
  const rows = results.throughput ?? []
  const byName = Object.fromEntries(rows.map((r) => [r.name, r]))
  const floorRow = byName.floor
  const single = [byName['polytrack-segment'], ...rows.filter((r) => r.kind === 'polytrack')].find(complete)
  const officials = rows.filter((r) => r.kind === 'official' && complete(r))
  const best = officials.sort((a, b) => cpuPerEvent(a) - cpuPerEvent(b))[0]
  const mux = byName['polytrack-multiplex-4']
  const out = []
  const s = cpuPerEvent(single)
  const fl = cpuPerEvent(floorRow)
  out.push(
    s && fl
      ? target('single-vs-floor', 'Single destination: CPU per event ≤ 1.5× the floor', `${single.name} ${f(s, 1)} µs vs floor ${f(fl, 1)} µs = ${f(s / fl)}×`, s / fl <= 1.5)
      : target('single-vs-floor', 'Single destination: CPU per event ≤ 1.5× the floor', 'not measured', null),
  )
  out.push(
    s && best
      ? target('single-vs-official', 'Single destination: ≥ 5× less CPU per event than the best official SDK', `best official ${best.name} ${f(cpuPerEvent(best), 1)} µs / ${single.name} ${f(s, 1)} µs = ${f(cpuPerEvent(best) / s)}×`, cpuPerEvent(best) / s >= 5)
      : target('single-vs-official', 'Single destination: ≥ 5× less CPU per event than the best official SDK', 'not measured (no official SDK delivered every event)', null),
  )
  if (s && complete(mux)) {
    const members = mux.vendors.map((v) => cpuPerEvent(byName[`polytrack-${v}`])).filter(Boolean)
    const mean = members.length === 4 ? members.reduce((a, b) => a + b, 0) / 4 : undefined
    out.push(
      target(
        'multiplex',
        'Multiplex to four vendors: ≤ 3× the single-destination CPU',
        `${f(cpuPerEvent(mux), 1)} µs vs ${single.name} ${f(s, 1)} µs = ${f(cpuPerEvent(mux) / s)}×` + (mean ? ` (vs the mean of its four members alone, ${f(mean, 1)} µs: ${f(cpuPerEvent(mux) / mean)}×)` : ''),
        cpuPerEvent(mux) / s <= 3,
      ),
    )
  } else out.push(target('multiplex', 'Multiplex to four vendors: ≤ 3× the single-destination CPU', 'not measured', null))
  const m = results.memory
  if (m?.ok) {
    const growth = m.peakMb - m.at10Mb
    out.push(
      target(
        'rss-flat',
        `Peak RSS for ${f(m.events, 0)} events with a bounded queue: flat (peak ≤ RSS at 10 % of the events + 25 %)`,
        `start ${f(m.startMb, 0)} MB, at 10 % ${f(m.at10Mb, 0)} MB, peak ${f(m.peakMb, 0)} MB, end ${f(m.endMb, 0)} MB (growth after 10 %: ${f(growth, 0)} MB); dropped ${f(m.report?.dropped, 0)}`,
        growth <= 0.25 * m.at10Mb,
      ),
    )
  } else out.push(target('rss-flat', 'Peak RSS for 1,000,000 events with a bounded queue: flat', m ? `failed: ${m.crashed ?? m.reason}` : 'not run', null))
  const fl2 = results.flags
  const pt = fl2?.polytrack?.opsPerSec
  const ph = fl2?.posthogNode?.opsPerSec
  const sha = fl2?.sha1?.opsPerSec
  out.push(target('flags-vs-posthog', 'Flag evaluation ≥ 20× posthog-node evaluations/s', pt && ph ? `${f(pt, 0)}/s vs ${f(ph, 0)}/s = ${f(pt / ph, 1)}×` : `not measured (${fl2?.polytrack?.unavailable ?? 'flags mode not run'})`, pt && ph ? pt / ph >= 20 : null))
  out.push(target('flags-vs-sha1', 'Flag evaluation within 2× of the bare SHA-1 per rollout', pt && sha ? `SHA-1 ${f(sha, 0)}/s vs ${f(pt, 0)}/s: ${f(sha / pt)}× slower than the hash alone` : 'not measured', pt && sha ? sha / pt <= 2 : null))
  const agree = fl2?.agreement
  out.push(target('flags-identical', 'Identical flag answers (Polytrack vs posthog-node)', agree ? `${f(agree.checked, 0)} (flag, person) pairs, ${agree.mismatches} mismatches` : 'not measured', agree ? agree.mismatches === 0 : null))
  const lat = results.latency
  out.push(target('track-p99', 'track() p99 ≤ 10 µs (one destination, no spool)', lat?.ok ? `p50 ${f(lat.p50)} µs, p99 ${f(lat.p99)} µs, p99.9 ${f(lat.p999, 1)} µs over ${f(lat.calls, 0)} calls (timing baseline p99 ${f(lat.baseline?.p99)} µs)` : 'not measured', lat?.ok ? lat.p99 <= 10 : null))
  return out
}

export const mark = (met) => (met === true ? 'met' : met === false ? 'NOT MET' : 'n/a')

export function formatTargets(targets) {
  return ['Targets (issue 8):', ...targets.map((t) => `  [${mark(t.met).padEnd(7)}] ${t.text}: ${t.measured}`)].join('\n')
}
