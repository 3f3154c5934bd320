export { hightouch } from './hightouch.js'
export { HIGHTOUCH_DEFAULTS, HIGHTOUCH_HOST, HIGHTOUCH_LIMITS, HIGHTOUCH_OPTIONS, type HightouchOptions } from './hightouch-options.js'
