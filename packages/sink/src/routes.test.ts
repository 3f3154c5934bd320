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
    ['/posthog/flags/', { kind: 'flags', endpoint: 'remote' }],
    ['/flags', { kind: 'flags', endpoint: 'remote' }],
    ['/posthog/decide/', { kind: 'flags', endpoint: 'remote' }],
  ])('POST/GET %s', (path, expected) => {
    const method = path.startsWith('/_sink/') ? 'GET' : 'POST'
    expect(resolveRoute(method, path)).toEqual(expected)
  })

  it.each([
    ['/posthog/flags/definitions', { kind: 'flags', endpoint: 'definitions' }],
    ['/flags/definitions/', { kind: 'flags', endpoint: 'definitions' }],
    ['/posthog/api/feature_flag/local_evaluation/', { kind: 'flags', endpoint: 'definitions' }],
    ['/', { kind: 'inspector' }],
    ['/_sink/inspector', { kind: 'inspector' }],
    ['/_sink/events', { kind: 'events' }],
  ])('GET %s', (path, expected) => {
    expect(resolveRoute('GET', path)).toEqual(expected)
  })

  it.each([
    '/posthog/v1/batch',
    '/segment/flags',
    '/rudderstack/flags/definitions',
    '/_sink/constructor',
    '/_sink/toString',
    '/segment/batch/',
    '/v1/import',
    '/rudderstack',
    '/_sink/nope',
    '/posthogx/batch',
  ])('404 for %s', (path) => {
    expect(resolveRoute('POST', path)).toEqual({ kind: 'not-found' })
  })

  it('405 with the allowed method', () => {
    expect(resolveRoute('GET', '/v1/batch')).toEqual({ kind: 'method-not-allowed', allow: 'POST' })
    expect(resolveRoute('POST', '/_sink/messages')).toEqual({ kind: 'method-not-allowed', allow: 'GET' })
    expect(resolveRoute('POST', '/')).toEqual({ kind: 'method-not-allowed', allow: 'GET' })
    expect(resolveRoute('POST', '/flags/definitions')).toEqual({ kind: 'method-not-allowed', allow: 'GET' })
    expect(resolveRoute('GET', '/posthog/flags')).toEqual({ kind: 'method-not-allowed', allow: 'POST' })
  })
})
