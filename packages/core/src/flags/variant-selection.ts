/**
 * Multivariate variant choice: variants take consecutive slices of [0, 1) in order, sized by
 * their rollout percentages; the subject's variant hash picks the slice.
 */
import { flagBucket } from './bucket-hash.js'
import type { FlagDefinition } from './definition-types.js'

function variantsOf(flag: FlagDefinition): readonly { key: unknown; rollout_percentage: unknown }[] {
  return flag.filters?.multivariate?.variants || []
}

/** The variant whose slice holds the subject's variant hash, or `undefined`. */
export function hashedVariant(flag: FlagDefinition, bucketingValue: unknown): unknown {
  const variants = variantsOf(flag)
  // Without variants no slice can hold the hash: skip computing it.
  if (variants.length === 0) return undefined
  const position = flagBucket(flag.key, bucketingValue, 'variant')
  let from = 0
  for (const variant of variants) {
    const to = from + (variant.rollout_percentage as number) / 100
    if (position >= from && position < to) return variant.key
    from = to
  }
  return undefined
}

/**
 * The value of a matched condition: its `variant` override when that names one of the flag's
 * variants, else the hashed variant, else `true`.
 */
export function matchedValue(flag: FlagDefinition, override: unknown, bucketingValue: unknown): unknown {
  if (override && variantsOf(flag).some((variant) => variant.key === override)) return override
  return hashedVariant(flag, bucketingValue) || true
}
