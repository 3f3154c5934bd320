/**
 * Experiment holdouts: a share of subjects (same for every flag, hashed as `holdout-<value>`)
 * is excluded before any condition is evaluated and gets the value `holdout-<id>`.
 */
import { holdoutBucket } from './bucket-hash.js'

/** The `holdout-<id>` value when the subject is held out, else `undefined`. */
export function heldOutValue(holdout: unknown, bucketingValue: unknown): string | undefined {
  if (holdout == null) return undefined
  const { id, exclusion_percentage: exclusion } = holdout as { id?: unknown; exclusion_percentage?: unknown }
  if (id == null || exclusion == null) return undefined
  // A non-numeric share would hold out everyone; the server rejects it, so: no holdout.
  const raw = Number(exclusion)
  if (!Number.isFinite(raw)) return undefined
  const share = Math.min(Math.max(raw, 0), 100)
  if (share !== 100 && holdoutBucket(bucketingValue) > share / 100) return undefined
  return `holdout-${String(id)}`
}
