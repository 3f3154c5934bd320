import type { FlagEvaluation } from '../flags/evaluation-types.js'
import type { FlagAnswer } from './flag-source.js'

/** A local evaluation as a {@link FlagAnswer}. */
export function toAnswer(evaluation: FlagEvaluation): FlagAnswer {
  return {
    value: evaluation.value,
    ...(evaluation.payload === undefined ? {} : { payload: evaluation.payload }),
    source: evaluation.value === undefined ? 'none' : 'local',
    reason: evaluation.reason,
  }
}
