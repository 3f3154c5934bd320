export { hightouch } from './hightouch.js'
export { HIGHTOUCH_DEFAULTS, HIGHTOUCH_HOST, HIGHTOUCH_LIMITS, type HightouchOptions } from './hightouch-options.js'
export { encodeHightouchMessage, toHightouchMessage } from './to-hightouch-message.js'
