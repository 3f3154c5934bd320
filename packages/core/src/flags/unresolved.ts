/**
 * Internal signal for "this part of a flag cannot be decided locally".
 *
 * Thrown (not an Error: no stack capture on this hot-ish path) by the matchers and caught by
 * the condition and flag loops, which decide whether the rest of the flag can still decide.
 */
import type { InconclusiveCause } from './evaluation-types.js'

/** The causes that can stop local evaluation, in the order the most important wins. */
export type UnresolvedCause = Exclude<InconclusiveCause, 'malformed-definition' | 'evaluation-limit'>

const PRECEDENCE: readonly UnresolvedCause[] = [
  'experience-continuity',
  'unsupported-definition',
  'unresolved-dependency',
  'missing-context',
]

/** Thrown when a filter, condition or flag cannot be decided locally. */
export class Unresolved {
  /**
   * @param cause - Why.
   * @param detail - Human-readable detail.
   * @param serverOnly - Needs server-side data (a static cohort, an unsupported cohort group
   *   type): the flag stops at it instead of trying later conditions.
   * @param regexUncertain - A regex filter could not be decided; a later condition's match then
   *   only counts when every undecided regex condition would have given the same value.
   */
  constructor(
    readonly cause: UnresolvedCause,
    readonly detail: string,
    readonly serverOnly = false,
    readonly regexUncertain = false,
  ) {}

  /** The same signal with another cause (and optionally marked regex-uncertain). */
  withCause(cause: UnresolvedCause, detail = this.detail, regexUncertain = this.regexUncertain): Unresolved {
    return new Unresolved(cause, detail, this.serverOnly, regexUncertain)
  }
}

/** Throws an {@link Unresolved} for a definition the evaluator cannot use locally. */
export function unsupported(detail: string): never {
  throw new Unresolved('unsupported-definition', detail)
}

/** The cause that wins when two apply to the same flag. */
export function strongerCause(current: UnresolvedCause | undefined, next: UnresolvedCause): UnresolvedCause {
  if (current === undefined) return next
  return PRECEDENCE.indexOf(next) < PRECEDENCE.indexOf(current) ? next : current
}

/**
 * Runs `read`, which reads a value supplied by the caller rather than the definition, and
 * re-labels its failure as missing context.
 */
export function readingContext<T>(read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (e instanceof Unresolved) throw e.withCause('missing-context')
    throw e
  }
}
