export { segment } from './segment.js'
export { SEGMENT_DEFAULTS, SEGMENT_HOSTS, SEGMENT_LIMITS, type SegmentOptions } from './segment-options.js'
export { encodeSegmentMessage, toSegmentMessage } from './to-segment-message.js'
