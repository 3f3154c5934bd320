/** Public packages: directory under packages/ (each publishes as @polytrack/<dir>). */
export const PUBLIC_PACKAGES = ['core', 'sink', 'rudderstack', 'posthog', 'hightouch', 'customerio', 'segment', 'amplitude', 'mixpanel', 'multiplex', 'openfeature', 'spool-redis'] as const
