/**
 * The public evaluator: decides flags from a PostHog-compatible definitions payload exactly as
 * posthog-node 5.70 does with `onlyEvaluateLocally: true`, including where it cannot decide.
 * Each evaluation's work is bounded (see `evaluation-budget.ts`).
 */
import { indexDefinitions } from './definitions-index.js'
import { EvaluationBudget, MAX_EVALUATION_STEPS, MAX_STEPS_PER_CALL, WorkLimitExceeded } from './evaluation-budget.js'
import { createEvaluationContext } from './evaluation-context.js'
import { payloadFor } from './flag-payload.js'
import { computeFlagOutcome } from './flag-value.js'
import { snapshotSubject } from './subject-snapshot.js'
import { Unresolved } from './unresolved.js'
import type { FlagDefinition, FlagDefinitions } from './definition-types.js'
import type { DefinitionsIndex } from './definitions-index.js'
import type { EvaluateFlagOptions, FlagEvaluation, FlagSubject } from './evaluation-types.js'

function limitReached(key: string, limit: number): FlagEvaluation {
  const detail = `evaluation stopped after ${limit} steps: the definitions are too costly to evaluate locally`
  return { key, value: undefined, reason: { kind: 'inconclusive', because: 'evaluation-limit', detail } }
}

function decide(
  flag: FlagDefinition,
  key: string,
  subject: FlagSubject,
  index: DefinitionsIndex,
  now: Date,
  budget: EvaluationBudget,
): FlagEvaluation {
  const settings = { matchingVersion: index.matchingVersion, now, patterns: index.patterns }
  const context = createEvaluationContext(index, subject, settings, budget)
  try {
    const { value: raw, reason } = computeFlagOutcome(flag, context)
    if (budget.exceeded) return limitReached(key, budget.limit)
    if (raw === false) return { key, value: false, reason }
    const payload = payloadFor(flag.filters?.payloads, raw)
    const evaluation: FlagEvaluation = typeof raw === 'string' ? { key, value: raw, variant: raw, reason } : { key, value: true, reason }
    if (payload !== undefined) evaluation.payload = payload
    return evaluation
  } catch (e) {
    if (e instanceof WorkLimitExceeded || budget.exceeded) return limitReached(key, budget.limit)
    if (e instanceof Unresolved) {
      return { key, value: undefined, reason: { kind: 'inconclusive', because: e.cause, detail: e.detail } }
    }
    const detail = e instanceof Error ? e.message : String(e)
    return { key, value: undefined, reason: { kind: 'inconclusive', because: 'malformed-definition', detail } }
  }
}

function unreadableSubject(key: string, problem: string): FlagEvaluation {
  return { key, value: undefined, reason: { kind: 'inconclusive', because: 'missing-context', detail: problem } }
}

/** `options.now`, read once (null or hostile options are the defaults). */
function clockOf(options: EvaluateFlagOptions | null | undefined): Date {
  try {
    return options?.now ?? new Date()
  } catch {
    return new Date()
  }
}

/**
 * Evaluates one flag for a subject.
 *
 * Never throws, whatever it is given: an unreadable flag comes back with `value: undefined` and
 * reason `inconclusive` / `malformed-definition`; a subject that is not an object (or cannot be
 * read) is `inconclusive` / `missing-context`; definitions that would take more than
 * {@link MAX_EVALUATION_STEPS} steps are `inconclusive` / `evaluation-limit`.
 *
 * @param key - The flag key.
 * @param subject - Distinct id, known person properties, groups and group properties.
 * @param definitions - The local-evaluation payload (`/flags/definitions`). Treat it as
 *   immutable: its index (and its compiled regexes) is cached per object.
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
  const read = snapshotSubject(subject)
  if (!read.ok) return unreadableSubject(key, read.problem)
  return decide(flag, key, read.subject, index, clockOf(options), new EvaluationBudget(MAX_EVALUATION_STEPS))
}

/**
 * Evaluates every flag of the payload for a subject (each independently, same clock). Each flag
 * has the work bound of {@link evaluateFlag}, and the whole call at most {@link MAX_STEPS_PER_CALL}
 * steps: flags left when it is spent are `inconclusive` / `evaluation-limit`. Never throws.
 *
 * @returns Evaluations by flag key (undecidable flags included, with `value: undefined`).
 */
export function evaluateAllFlags(
  subject: FlagSubject,
  definitions: FlagDefinitions,
  options: EvaluateFlagOptions = {},
): Record<string, FlagEvaluation> {
  const index = indexDefinitions(definitions)
  const now = clockOf(options)
  const read = snapshotSubject(subject)
  const entries: [string, FlagEvaluation][] = []
  let remaining = MAX_STEPS_PER_CALL
  for (const [key, flag] of index.flagsByKey) {
    if (!read.ok) {
      entries.push([key, unreadableSubject(key, read.problem)])
    } else if (remaining <= 0) {
      entries.push([key, limitReached(key, MAX_STEPS_PER_CALL)])
    } else {
      const budget = new EvaluationBudget(Math.min(MAX_EVALUATION_STEPS, remaining))
      entries.push([key, decide(flag, key, read.subject, index, now, budget)])
      remaining -= budget.steps
    }
  }
  return Object.fromEntries(entries)
}
