/**
 * The Segment message types: the sink's common language. Every protocol maps what it records to
 * one of them, and the Segment family's single-call routes are named after them.
 */

/** The Segment message types, which are also the single-call route names (`/v1/track`, …). */
export const SEGMENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const

/** One Segment message type. */
export type SegmentType = (typeof SEGMENT_TYPES)[number]

/** True when `value` is one of {@link SEGMENT_TYPES}. */
export function isSegmentType(value: unknown): value is SegmentType {
  return typeof value === 'string' && (SEGMENT_TYPES as readonly string[]).includes(value)
}
