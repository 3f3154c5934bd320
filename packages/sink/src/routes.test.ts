import { describe, expect, it } from 'vitest'
import { resolveRoute } from './routes.js'

describe('resolveRoute', () => {
  it.each([
    ['/posthog/batch/', { kind: 'ingest', vendor: 'posthog' }],
    ['/batch', { kind: 'ingest', vendor: 'posthog' }],
    ['/i/v0/e/', { kind: 'ingest', vendor: 'posthog' }],
    ['/rudderstack/v1/batch', { kind: 'ingest', vendor: 'rudderstack' }],
    ['/customerio/v1/track', { kind: 'ingest', vendor: 'customerio', singleType: 'track' }],
    ['/v1/alias', { kind: 'ingest', vendor: 'segment', singleType: 'alias' }],
    ['/hightouch/v1/batch/', { kind: 'ingest', vendor: 'hightouch' }],
    ['/_sink/stats', { kind: 'control', name: 'stats' }],
  ])('POST/GET %s', (path, expected) => {
    const method = path.startsWith('/_sink/') ? 'GET' : 'POST'
    expect(resolveRoute(method, path)).toEqual(expected)
  })

  it.each(['/', '/posthog/v1/batch', '/segment/batch/', '/v1/import', '/rudderstack', '/_sink/nope', '/posthogx/batch'])('404 for %s', (path) => {
    expect(resolveRoute('POST', path)).toEqual({ kind: 'not-found' })
  })

  it('405 with the allowed method', () => {
    expect(resolveRoute('GET', '/v1/batch')).toEqual({ kind: 'method-not-allowed', allow: 'POST' })
    expect(resolveRoute('POST', '/_sink/messages')).toEqual({ kind: 'method-not-allowed', allow: 'GET' })
  })
})
