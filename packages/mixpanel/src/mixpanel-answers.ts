import type { ItemVerdicts } from '@polytrack/core/adapter'

/**
 * Item verdicts on a Mixpanel answer. `/import?strict=1` answers 400 with `failed_records` (index
 * and message of each event it refused) while it ingests the valid events of the request: those
 * are delivered, the failed ones refused. `/track`, `/engage` and `/groups` with `verbose=1` answer
 * 200 with `{"status": 0, "error": …}` when they refused the request: every item is refused.
 * Anything else is left to the status. Pure.
 */
export function mixpanelVerdicts(status: number, body: string | undefined, items: readonly string[]): ItemVerdicts | undefined {
  if (body === undefined) return undefined
  let answer: unknown
  try {
    answer = JSON.parse(body)
  } catch {
    return undefined
  }
  if (answer === null || typeof answer !== 'object') return undefined
  const { failed_records: failed, status: verdict, error } = answer as { failed_records?: unknown; status?: unknown; error?: unknown }
  if (status === 400 && Array.isArray(failed)) {
    const refused = failed
      .map((record) => (record !== null && typeof record === 'object' ? (record as { index?: unknown }).index : undefined))
      .filter((i): i is number => Number.isInteger(i))
    if (refused.length === 0) return undefined
    const first = failed[0] as { message?: unknown } | undefined
    const detail = typeof first?.message === 'string' ? `, e.g. "${first.message.slice(0, 200)}"` : ''
    return { refused, reason: `Mixpanel refused ${refused.length} event(s) in strict mode${detail}` }
  }
  if (status >= 200 && status < 300 && verdict === 0) {
    return {
      refused: items.map((_, i) => i),
      reason: `Mixpanel answered status 0${typeof error === 'string' ? `: ${error.slice(0, 300)}` : ''}`,
    }
  }
  return undefined
}
