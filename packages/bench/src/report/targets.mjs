/**
 * The issue's targets (issue 8), each computed from this run's numbers: met, not met, or n/a
 * when what it needs was not measured (a client unavailable, a mode skipped). The CPU targets
 * are judged on the paced table (`results.throughput`); the burst table's figure, when there is
 * one (`results.burst`), is appended to the measured text.
 */
import { cpuPerEvent } from './summarize.mjs'

const f = (x, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d }) : 'n/a')
const target = (id, text, measured, met) => ({ id, text, measured, met })
const complete = (row) => row && row.cpuPerEventUs && row.received?.median === row.expected

/**
 * The rows the CPU targets compare, picked from one throughput table: the floor, the single
 * destination (polytrack-segment, else the first complete Polytrack row), the best complete
 * official SDK and the multiplex row. The 'baseline' row (workload only) is never picked.
 */
function pick(rows = []) {
  const byName = Object.fromEntries(rows.filter((r) => r.kind !== 'baseline').map((r) => [r.name, r]))
  const single = [byName['polytrack-segment'], ...rows.filter((r) => r.kind === 'polytrack')].find(complete)
  const best = rows.filter((r) => r.kind === 'official' && complete(r)).sort((a, b) => cpuPerEvent(a) - cpuPerEvent(b))[0]
  const mux = byName['polytrack-multiplex-4']
  return { byName, floor: byName.floor?.kind === 'floor' ? byName.floor : undefined, single, best, mux: complete(mux) ? mux : undefined }
}

/** The three CPU ratios of a table (undefined when not measured). */
function ratios({ floor, single, best, mux }) {
  const s = cpuPerEvent(single)
  return {
    singleVsFloor: s && cpuPerEvent(floor) ? s / cpuPerEvent(floor) : undefined,
    singleVsOfficial: s && best ? cpuPerEvent(best) / s : undefined,
    multiplex: s && mux ? cpuPerEvent(mux) / s : undefined,
  }
}

/** " (burst: 0.92×)" — the same ratio in the burst table, when there is one. */
const burstText = (ratio, burstPicks, extra = '') => (burstPicks ? ` (burst: ${ratio === undefined ? 'n/a' : `${f(ratio)}×`}${extra})` : '')

export function evaluateTargets(results) {
  const paced = pick(results.throughput)
  const burstPicks = results.burst?.length ? pick(results.burst) : undefined
  const burst = burstPicks ? ratios(burstPicks) : {}
  const r = ratios(paced)
  const { byName, single, best, mux } = paced
  const floorRow = paced.floor
  const out = []
  const s = cpuPerEvent(single)
  const fl = cpuPerEvent(floorRow)
  out.push(
    r.singleVsFloor !== undefined
      ? target(
          'single-vs-floor',
          'Single destination: CPU per event ≤ 1.5× the floor',
          `${single.name} ${f(s, 1)} µs vs floor ${f(fl, 1)} µs = ${f(r.singleVsFloor)}×${burstText(burst.singleVsFloor, burstPicks)}`,
          r.singleVsFloor <= 1.5,
        )
      : target('single-vs-floor', 'Single destination: CPU per event ≤ 1.5× the floor', 'not measured', null),
  )
  const otherBest = burstPicks?.best && burstPicks.best.name !== best?.name ? `, best official there ${burstPicks.best.name}` : ''
  out.push(
    r.singleVsOfficial !== undefined
      ? target(
          'single-vs-official',
          'Single destination: ≥ 5× less CPU per event than the best official SDK',
          `best official ${best.name} ${f(cpuPerEvent(best), 1)} µs / ${single.name} ${f(s, 1)} µs = ${f(r.singleVsOfficial)}×${burstText(burst.singleVsOfficial, burstPicks, otherBest)}`,
          r.singleVsOfficial >= 5,
        )
      : target(
          'single-vs-official',
          'Single destination: ≥ 5× less CPU per event than the best official SDK',
          'not measured (no official SDK delivered every event)',
          null,
        ),
  )
  if (r.multiplex !== undefined) {
    const members = mux.vendors.map((v) => cpuPerEvent(byName[`polytrack-${v}`])).filter(Boolean)
    const mean = members.length === 4 ? members.reduce((a, b) => a + b, 0) / 4 : undefined
    out.push(
      target(
        'multiplex',
        'Multiplex to four vendors: ≤ 3× the single-destination CPU',
        `${f(cpuPerEvent(mux), 1)} µs vs ${single.name} ${f(s, 1)} µs = ${f(r.multiplex)}×` +
          (mean ? ` (vs the mean of its four members alone, ${f(mean, 1)} µs: ${f(cpuPerEvent(mux) / mean)}×)` : '') +
          burstText(burst.multiplex, burstPicks),
        r.multiplex <= 3,
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
  } else
    out.push(
      target(
        'rss-flat',
        'Peak RSS for 1,000,000 events with a bounded queue: flat',
        m ? `failed: ${m.crashed ?? m.reason}` : 'not run',
        null,
      ),
    )
  const fl2 = results.flags
  const pt = fl2?.polytrack?.opsPerSec
  const ph = fl2?.posthogNode?.opsPerSec
  const sha = fl2?.sha1?.opsPerSec
  out.push(
    target(
      'flags-vs-posthog',
      'Flag evaluation ≥ 20× posthog-node evaluations/s',
      pt && ph
        ? `${f(pt, 0)}/s vs ${f(ph, 0)}/s = ${f(pt / ph, 1)}×`
        : `not measured (${fl2?.polytrack?.unavailable ?? 'flags mode not run'})`,
      pt && ph ? pt / ph >= 20 : null,
    ),
  )
  out.push(
    target(
      'flags-vs-sha1',
      'Flag evaluation within 2× of the bare SHA-1 per rollout',
      pt && sha ? `SHA-1 ${f(sha, 0)}/s vs ${f(pt, 0)}/s: ${f(sha / pt)}× slower than the hash alone` : 'not measured',
      pt && sha ? sha / pt <= 2 : null,
    ),
  )
  const agree = fl2?.agreement
  out.push(
    target(
      'flags-identical',
      'Identical flag answers (Polytrack vs posthog-node)',
      agree ? `${f(agree.checked, 0)} (flag, person) pairs, ${agree.mismatches} mismatches` : 'not measured',
      agree ? agree.mismatches === 0 : null,
    ),
  )
  const lat = results.latency
  const busy = lat?.busyLoop ? `; a busy loop of the same median: p99 ${f(lat.busyLoop.p99)} µs` : ''
  const def = lat?.deferEncoding
  const deferredText = def
    ? `; with \`deferEncoding: true\` (opt-in): p50 ${f(def.p50)} µs, p99 ${f(def.p99)} µs, p99.9 ${f(def.p999, 1)} µs`
    : ''
  // Met by default, or only with the opt-in deferEncoding (said so in the result), or not.
  const p99Met = !lat?.ok ? null : lat.p99 <= 10 ? true : def && def.p99 <= 10 ? 'opt-in' : false
  out.push(
    target(
      'track-p99',
      'track() p99 ≤ 10 µs (one destination, no spool)',
      lat?.ok
        ? `default: p50 ${f(lat.p50)} µs, p99 ${f(lat.p99)} µs, p99.9 ${f(lat.p999, 1)} µs over ${f(lat.calls, 0)} calls (timing baseline p99 ${f(lat.baseline?.p99)} µs${busy})${deferredText}`
        : 'not measured',
      p99Met,
    ),
  )
  return out
}

export const mark = (met) =>
  met === true ? 'met' : met === 'opt-in' ? 'met only with deferEncoding (opt-in); NOT MET by default' : met === false ? 'NOT MET' : 'n/a'

export function formatTargets(targets) {
  return ['Targets (issue 8):', ...targets.map((t) => `  [${mark(t.met).padEnd(7)}] ${t.text}: ${t.measured}`)].join('\n')
}
