/**
 * In a child process: measures wall time and CPU time (user + sys) from `start()` and reports them
 * with peak RSS as one JSON line on stdout (the runner reads the last line that parses).
 */
export function startMeasure() {
  const t0 = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  return {
    /** Prints the result line; `extra` adds fields (errors, notes, counts). */
    finish(extra = {}) {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
      const cpu = process.cpuUsage(cpu0)
      const result = {
        ok: true,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        userMs: cpu.user / 1000,
        sysMs: cpu.system / 1000,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        ...extra,
      }
      process.stdout.write(`\n${JSON.stringify(result)}\n`)
      return result
    },
  }
}

/** Reports a client that cannot run here (package missing, not built, export absent). */
export function reportUnavailable(reason) {
  process.stdout.write(`\n${JSON.stringify({ ok: false, unavailable: true, reason })}\n`)
}

/** Imports a module, or returns `undefined` (and the reason) when it is not built/exported yet. */
export async function tryImport(specifier, exportName) {
  try {
    const mod = await import(specifier)
    if (exportName && typeof mod[exportName] !== 'function') return { error: `${specifier} does not export ${exportName}()` }
    return { mod }
  } catch (error) {
    return { error: `${specifier}: ${error.code ?? ''} ${String(error.message ?? error).split('\n')[0]}`.trim() }
  }
}

/** Collects failures (error events, unhandled rejections) without stopping the run. */
export function failureLog() {
  const counts = new Map()
  let first
  return {
    add(kind, error) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1)
      first ??= `${kind}: ${String(error?.message ?? error).slice(0, 200)}`
    },
    summary() {
      return { failures: Object.fromEntries(counts), firstFailure: first }
    },
  }
}

/**
 * The single-destination modes' Polytrack: `Analytics` from @polytrack/core and the Segment adapter's
 * factory, or `undefined` (the mode reported unavailable) when either is not built.
 */
export async function importPolytrackSegment() {
  const core = await tryImport('@polytrack/core', 'Analytics')
  const adapter = await tryImport('@polytrack/segment', 'segment')
  if (core.error || adapter.error) return void reportUnavailable(core.error ?? adapter.error)
  return { Analytics: core.mod.Analytics, segment: adapter.mod.segment }
}
