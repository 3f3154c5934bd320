/**
 * Deterministic bucketing: the SHA-1 based hash PostHog uses for rollouts, variants and holdouts.
 */
import { sha1Hex } from '../hashing/digest.js'

// 0xfffffffffffffff does not fit a double: it rounds to 2^60. Kept spelled this way because the
// published assignments depend on exactly this divisor.
// eslint-disable-next-line no-loss-of-precision
const LONG_SCALE = 0xfffffffffffffff

/**
 * The bucket of `text` in [0, 1]: the first 15 hex digits (60 bits) of its SHA-1, as a fraction.
 * Strings are hashed as UTF-8 (lone surrogates become U+FFFD, as with `TextEncoder`).
 */
export function bucketOf(text: string): number {
  return parseInt(sha1Hex(text).slice(0, 15), 16) / LONG_SCALE
}

/**
 * The bucket of a subject for a flag: `sha1("<flagKey>.<bucketingValue><salt>")`.
 *
 * @param flagKey - The flag key.
 * @param bucketingValue - Distinct id, group key or device id (stringified like a template literal).
 * @param salt - `""` for the rollout, `"variant"` for the variant.
 */
export function flagBucket(flagKey: unknown, bucketingValue: unknown, salt = ''): number {
  return bucketOf(`${String(flagKey)}.${String(bucketingValue)}${salt}`)
}

/** The holdout bucket of a subject: `sha1("holdout-<bucketingValue>")`, shared by all flags. */
export function holdoutBucket(bucketingValue: unknown): number {
  return bucketOf(`holdout-${String(bucketingValue)}`)
}
