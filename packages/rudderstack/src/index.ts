export { rudderstack } from './rudderstack.js'
export { RUDDERSTACK_DEFAULTS, RUDDERSTACK_LIMITS, RUDDERSTACK_OPTIONS, type RudderStackOptions } from './rudderstack-options.js'
export { toRudderStackMessage } from './to-rudderstack-message.js'
