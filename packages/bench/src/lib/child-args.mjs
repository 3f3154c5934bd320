/** Reads a child's settings from its environment (set by the runner). */
export function childArgs() {
  return {
    events: Number(process.env.BENCH_EVENTS ?? 10_000),
    sinkUrl: process.env.BENCH_SINK_URL ?? '',
  }
}
