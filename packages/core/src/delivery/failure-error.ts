import { DeliveryError } from '../errors.js'
import { redact } from './redact.js'
import type { BatchOutcome } from './send-batch.js'

/**
 * The error reported for `count` messages to `destination` that failed for good: the status, the
 * reason and the start of the server's answer, with every secret masked. Pure.
 */
export function failureError(
  destination: string,
  count: number,
  outcome: BatchOutcome & { kind: 'failed' },
  secrets: readonly string[],
): DeliveryError {
  const serverText = outcome.serverText === undefined ? undefined : redact(outcome.serverText, secrets)
  const status = outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`
  return new DeliveryError(
    outcome.status === undefined ? 'delivery_failed' : `http_${outcome.status}`,
    `${count} message(s) to ${destination} failed${status}` +
      (outcome.reason === `HTTP ${outcome.status}` ? '' : `: ${redact(outcome.reason, secrets)}`) +
      (serverText ? ` — server said: ${serverText}` : ''),
    {
      destination,
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      ...(serverText === undefined ? {} : { serverText }),
    },
  )
}
