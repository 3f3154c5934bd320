export { segment } from './segment.js'
export { SEGMENT_DEFAULTS, SEGMENT_HOSTS, SEGMENT_LIMITS, SEGMENT_OPTIONS, type SegmentOptions } from './segment-options.js'
