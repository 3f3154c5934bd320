export { customerio } from './customerio.js'
export {
  CUSTOMERIO_DEFAULTS,
  CUSTOMERIO_HOSTS,
  CUSTOMERIO_LIMITS,
  CUSTOMERIO_OPTIONS,
  type CustomerIoOptions,
} from './customerio-options.js'
export { objectTypeIdOption } from './object-type-id.js'
