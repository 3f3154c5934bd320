/**
 * The public evaluator: decides flags from a PostHog-compatible definitions payload exactly as
 * posthog-node 5.70 does with `onlyEvaluateLocally: true`, including where it cannot decide.
 */
import { indexDefinitions } from './definitions-index.js'
import { createEvaluationContext } from './evaluation-context.js'
import { payloadFor } from './flag-payload.js'
import { computeFlagOutcome } from './flag-value.js'
import { Unresolved } from './unresolved.js'
import type { FlagDefinition, FlagDefinitions } from './definition-types.js'
import type { DefinitionsIndex } from './definitions-index.js'
import type { EvaluateFlagOptions, FlagEvaluation, FlagSubject } from './evaluation-types.js'

function decide(flag: FlagDefinition, key: string, subject: FlagSubject, index: DefinitionsIndex, now: Date): FlagEvaluation {
  const context = createEvaluationContext(index, subject, { matchingVersion: index.matchingVersion, now })
  try {
    const { value: raw, reason } = computeFlagOutcome(flag, context)
    if (raw === false) return { key, value: false, reason }
    const payload = payloadFor(flag.filters?.payloads, raw)
    const evaluation: FlagEvaluation =
      typeof raw === 'string' ? { key, value: raw, variant: raw, reason } : { key, value: true, reason }
    if (payload !== undefined) evaluation.payload = payload
    return evaluation
  } catch (e) {
    if (e instanceof Unresolved) {
      return { key, value: undefined, reason: { kind: 'inconclusive', because: e.cause, detail: e.detail } }
    }
    const detail = e instanceof Error ? e.message : String(e)
    return { key, value: undefined, reason: { kind: 'inconclusive', because: 'malformed-definition', detail } }
  }
}

/**
 * Evaluates one flag for a subject.
 *
 * Never throws for malformed definitions: an unreadable flag comes back with
 * `value: undefined` and reason `inconclusive` / `malformed-definition`.
 *
 * @param key - The flag key.
 * @param subject - Distinct id, known person properties, groups and group properties.
 * @param definitions - The local-evaluation payload (`/flags/definitions`). Treat it as
 *   immutable: its index is cached per object.
 * @param options - `now` for relative date filters (default: the current time).
 * @returns The value (`undefined` when it needs the server), variant, payload and reason.
 */
export function evaluateFlag(
  key: string,
  subject: FlagSubject,
  definitions: FlagDefinitions,
  options: EvaluateFlagOptions = {},
): FlagEvaluation {
  const index = indexDefinitions(definitions)
  const flag = index.flagsByKey.get(key)
  if (flag === undefined) return { key, value: undefined, reason: { kind: 'not-found' } }
  return decide(flag, key, subject, index, options.now ?? new Date())
}

/**
 * Evaluates every flag of the payload for a subject (each independently, same clock).
 *
 * @returns Evaluations by flag key (undecidable flags included, with `value: undefined`).
 */
export function evaluateAllFlags(
  subject: FlagSubject,
  definitions: FlagDefinitions,
  options: EvaluateFlagOptions = {},
): Record<string, FlagEvaluation> {
  const index = indexDefinitions(definitions)
  const now = options.now ?? new Date()
  return Object.fromEntries([...index.flagsByKey].map(([key, flag]) => [key, decide(flag, key, subject, index, now)]))
}
