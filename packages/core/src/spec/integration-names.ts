/**
 * The `integrations` keys an editor suggests: Segment's `All`, and the names under which the
 * destinations of the `@polytrack/*` adapters read their entry (each adapter also accepts other
 * spellings, and CDP pipelines forward any name). Types only: no code reads this list, and any
 * other string is accepted as a key.
 */
export type KnownIntegrationName = 'All' | 'Segment' | 'RudderStack' | 'Hightouch' | 'Customer.io' | 'PostHog' | 'Amplitude' | 'Mixpanel'
