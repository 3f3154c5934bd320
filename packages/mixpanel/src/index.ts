export { mixpanel, MIXPANEL_INTEGRATION_NAMES, MIXPANEL_LANES } from './mixpanel.js'
export {
  MIXPANEL_DEFAULT_GROUP_KEY,
  MIXPANEL_DEFAULTS,
  MIXPANEL_EVENT_LIMITS,
  MIXPANEL_HOSTS,
  MIXPANEL_OPTION_NAMES,
  MIXPANEL_PROFILE_LIMITS,
  type MixpanelOptions,
  type MixpanelServiceAccount,
} from './mixpanel-options.js'
export {
  isMixpanelEvent,
  MIXPANEL_IDENTIFY_EVENT,
  MIXPANEL_PAGE_EVENT,
  MIXPANEL_SCREEN_EVENT,
  toMixpanelEvent,
  type MixpanelEvent,
  type MixpanelEventSettings,
} from './to-mixpanel-event.js'
export { mixpanelGroupKey, toMixpanelGroupUpdate, toMixpanelProfileUpdate, type MixpanelProfileSettings } from './to-mixpanel-profile.js'
export { checkedId, distinctIdOf, eventTimeMs, mixpanelInsertId, MIXPANEL_PLACEHOLDER_IDS } from './mixpanel-identity.js'
export { MIXPANEL_RESERVED_TRAITS, profileProperties } from './special-traits.js'
export { mixpanelVerdicts } from './mixpanel-answers.js'
