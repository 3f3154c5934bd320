import { describe, expect, it } from 'vitest'
import type { Integrations } from '../spec/message.js'
import { isRoutedTo, type RoutingTarget } from './integrations-routing.js'

const posthog: RoutingTarget = { name: 'posthog', kind: 'tool', integrationNames: ['PostHog'] }
const customerio: RoutingTarget = { name: 'customerio', kind: 'pipeline', integrationNames: ['Customer.io', 'CustomerIO'] }
const rudderstack: RoutingTarget = { name: 'rudderstack', kind: 'pipeline', integrationNames: ['RudderStack'] }

// Each row of docs/multiplexing.md's routing table: [integrations map, PostHog (tool), Customer.io (pipeline), RudderStack (pipeline)].
const table: [string, Integrations, boolean, boolean, boolean][] = [
  ['empty map', {}, true, true, true],
  ['All: true', { All: true }, true, true, true],
  ['tool turned off by name', { PostHog: false }, false, true, true],
  ['tool name is case-insensitive', { posthog: false }, false, true, true],
  ['All: false turns tools off', { All: false }, false, true, true],
  ['All: false, tool back on', { All: false, PostHog: true }, true, true, true],
  ['All: false, tool on with options', { All: false, PostHog: { groupType: 'company' } }, true, true, true],
  ['All: false, a downstream tool on', { All: false, Mixpanel: true }, false, true, true],
  ['a pipeline\'s downstream "Customer.io" off', { 'Customer.io': false }, true, true, true],
  ['pipeline vendor name does not opt the pipeline out', { RudderStack: false }, true, true, true],
  ['pipeline opted out by its Polytrack key', { '@polytrack/customerio': false }, true, false, true],
  ['Polytrack key is case-insensitive', { '@Polytrack/RudderStack': false }, true, true, false],
  ['tool opted out by its Polytrack key', { '@polytrack/posthog': false }, false, true, true],
  ['All: false with tool on by its Polytrack key', { All: false, '@polytrack/posthog': true }, true, true, true],
  ['All: true but tool off', { All: true, PostHog: false }, false, true, true],
  ['false under one alias wins over true under another', { PostHog: true, posthog: false }, false, true, true],
  ['Polytrack key wins over vendor name', { PostHog: false, '@polytrack/posthog': true }, true, true, true],
  ['All: false and pipeline Polytrack key true', { All: false, '@polytrack/customerio': true }, false, true, true],
]

describe('isRoutedTo: the routing table', () => {
  it.each(table)('%s', (_label, map, toPosthog, toCustomerio, toRudderstack) => {
    expect(isRoutedTo(map, posthog)).toBe(toPosthog)
    expect(isRoutedTo(map, customerio)).toBe(toCustomerio)
    expect(isRoutedTo(map, rudderstack)).toBe(toRudderstack)
  })
})
