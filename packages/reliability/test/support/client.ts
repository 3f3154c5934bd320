import { Analytics, type AnalyticsEvents, type AnalyticsOptions } from '@polytrack/core'

/** Every event of every kind a client emitted, in order. */
export interface EventLog {
  all: { event: keyof AnalyticsEvents; payload: unknown }[]
  of<K extends keyof AnalyticsEvents>(event: K): AnalyticsEvents[K][]
}

const EVENTS: (keyof AnalyticsEvents)[] = ['delivered', 'retry', 'dropped', 'error', 'request']

/** Listens to every event of `analytics`. */
export function recordEvents(analytics: Analytics): EventLog {
  const all: EventLog['all'] = []
  for (const event of EVENTS) analytics.on(event, (payload: unknown) => all.push({ event, payload }))
  return {
    all,
    of: <K extends keyof AnalyticsEvents>(event: K) => all.filter((e) => e.event === event).map((e) => e.payload as AnalyticsEvents[K]),
  }
}

/** A client with small, fast delivery settings (overridable), tracked for cleanup. */
export function fastClient(options: AnalyticsOptions, clients: Analytics[]): Analytics {
  const analytics = new Analytics({
    flushAt: 10,
    flushIntervalMs: 20,
    maxRetries: 2,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
    httpTimeoutMs: 500,
    ...options,
  })
  clients.push(analytics)
  return analytics
}
