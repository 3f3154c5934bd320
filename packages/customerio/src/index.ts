export { customerio } from './customerio.js'
export { CUSTOMERIO_DEFAULTS, CUSTOMERIO_HOSTS, CUSTOMERIO_LIMITS, type CustomerIoOptions } from './customerio-options.js'
export { encodeCustomerIoMessage, toCustomerIoMessage } from './to-customerio-message.js'
export { objectTypeIdOption } from './object-type-id.js'
