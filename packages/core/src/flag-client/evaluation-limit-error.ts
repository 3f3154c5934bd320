import { PolytrackError } from '../errors.js'
import type { FlagEvaluation } from '../flags/evaluation-types.js'

/** Most flag keys named in one {@link evaluationLimitError}. */
const MAX_KEYS_NAMED = 10

/**
 * The `error` event a flag source reports when local evaluations were stopped by the
 * evaluator's work bound (reason `inconclusive` / `evaluation-limit`): code
 * `flags_evaluation_limit`, naming the flags (at most 10, then a count). `undefined` when none
 * was. The flags' values are `undefined` locally; a source with a server asks it instead.
 *
 * @param evaluations - The evaluations of one call.
 */
export function evaluationLimitError(evaluations: Iterable<FlagEvaluation>): PolytrackError | undefined {
  const keys: string[] = []
  for (const evaluation of evaluations) {
    const reason = evaluation.reason
    if (reason.kind === 'inconclusive' && reason.because === 'evaluation-limit') keys.push(evaluation.key)
  }
  if (keys.length === 0) return undefined
  const named = keys
    .slice(0, MAX_KEYS_NAMED)
    .map((key) => JSON.stringify(key))
    .join(', ')
  const more = keys.length > MAX_KEYS_NAMED ? ` and ${keys.length - MAX_KEYS_NAMED} more` : ''
  return new PolytrackError(
    'flags_evaluation_limit',
    `local evaluation of flag${keys.length === 1 ? '' : 's'} ${named}${more} stopped at the evaluation work limit ` +
      '(the definitions are too costly to evaluate): the value is undefined locally',
  )
}
