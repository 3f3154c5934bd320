/**
 * The work bound of one evaluation. Definitions are untrusted: a few kilobytes can describe an
 * exponential amount of work (nested cohorts, long dependency chains). Every unit of evaluation
 * work (a condition, a filter, a cohort group member, a dependency) spends one step; past the
 * limit the evaluation stops and the flag is inconclusive (`evaluation-limit`).
 */

/** Steps one flag evaluation may take (a real project's flags take a few hundred at most). */
export const MAX_EVALUATION_STEPS = 100_000

/** Steps one `evaluateAllFlags` call may take over all its flags. */
export const MAX_STEPS_PER_CALL = 1_000_000

/** Thrown (not an Error: no stack capture) when an evaluation runs out of steps. */
export class WorkLimitExceeded {
  constructor(readonly limit: number) {}
}

/** The steps left to one evaluation. */
export class EvaluationBudget {
  /** Steps spent so far. */
  steps = 0
  /** True once the limit was passed (sticky: a swallowed signal cannot hide it). */
  exceeded = false

  constructor(readonly limit: number = MAX_EVALUATION_STEPS) {}

  /** Spends `count` steps; throws {@link WorkLimitExceeded} once past the limit. */
  spend(count = 1): void {
    this.steps += count
    if (this.steps > this.limit) {
      this.exceeded = true
      throw new WorkLimitExceeded(this.limit)
    }
  }
}
