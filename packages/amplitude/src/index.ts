export { amplitude, AMPLITUDE_INTEGRATION_NAMES } from './amplitude.js'
export {
  AMPLITUDE_BATCH_LIMITS,
  AMPLITUDE_DEFAULT_GROUP_TYPE,
  AMPLITUDE_DEFAULTS,
  AMPLITUDE_HOSTS,
  AMPLITUDE_LIMITS,
  AMPLITUDE_MIN_ID_LENGTH,
  AMPLITUDE_OPTION_NAMES,
  type AmplitudeOptions,
} from './amplitude-options.js'
export {
  AMPLITUDE_PAGE_EVENT,
  AMPLITUDE_SCREEN_EVENT,
  amplitudeGroupType,
  encodeAmplitudeEvent,
  toAmplitudeEvent,
  type AmplitudeEvent,
  type AmplitudeEventSettings,
} from './to-amplitude-event.js'
export { AMPLITUDE_THROTTLE_WAIT_MS, amplitudeVerdicts, parseAmplitudeAnswer, type AmplitudeAnswer } from './amplitude-answers.js'
