import { describe, expect, it } from 'vitest'
import { inspect } from 'node:util'
import { createMessage } from '../spec/create-message.js'
import { LIBRARY } from '../library-info.js'
import { nodeMetadataJson, segmentFamily } from './segment-family.js'

const env = { library: LIBRARY }
const limits = { messageBytes: 1000, batchBytes: 10_000, batchMessages: 10 }

describe('segmentFamily', () => {
  const base = segmentFamily({ name: 'v', integrationNames: ['V'], writeKey: 'wk', url: 'https://v.example.com/v1/batch', limits })

  it('posts {batch} with Basic auth (write key, empty password), JSON, our user agent', () => {
    const request = base.buildRequest(['{"a":1}', '{"b":2}'], { sentAt: 'S' })
    expect(request).toMatchObject({ url: 'https://v.example.com/v1/batch', body: '{"batch":[{"a":1},{"b":2}]}', gzip: false })
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('wk:').toString('base64')}`,
    })
    expect(request.headers['user-agent']).toMatch(/^polytrack-node\//)
    expect(base).toMatchObject({ specificationVersion: 'v1', kind: 'pipeline', secrets: ['wk'] })
    expect(inspect(base)).not.toContain('wk')
  })

  it('items are the message JSON, plus _metadata and the page category when configured', () => {
    const page = createMessage('page', { userId: 'u', name: 'Home', category: 'Docs', properties: { a: 1 } }, env)
    expect(JSON.parse(base.encode(page, { callTime: 'T', timestampGiven: false }))).toEqual(JSON.parse(JSON.stringify(page)))
    const shaped = segmentFamily({
      name: 'v',
      integrationNames: [],
      writeKey: 'wk',
      url: 'https://v.example.com',
      limits,
      metadataJson: nodeMetadataJson('20.0.0'),
      pageCategoryInProperties: true,
    })
    const item = JSON.parse(shaped.encode(page, { callTime: 'T', timestampGiven: false }))
    expect(item._metadata).toEqual({ nodeVersion: '20.0.0', jsRuntime: 'node' })
    expect(item.properties).toEqual({ a: 1, category: 'Docs' })
    const track = createMessage('track', { userId: 'u', event: 'E' }, env)
    expect(Object.keys(JSON.parse(shaped.encode(track, { callTime: 'T', timestampGiven: false }))).at(-1)).toBe('_metadata')
  })

  it('applies overrides, envelope members, extra headers, per-item stamps and gzip', () => {
    const d = segmentFamily({
      name: 'v',
      integrationNames: [],
      writeKey: 'wk',
      url: 'https://v.example.com',
      limits,
      overrides: (m) => (m.type === 'group' ? { traits: { ...m.traits, x: 1 } } : undefined),
      envelope: (sentAt) => ({ sentAt, writeKey: 'wk' }),
      headers: { 'x-extra': '1' },
      stampItem: (item, sentAt) => `${item.slice(0, -1)},"s":"${sentAt}"}`,
      gzip: true,
    })
    const group = createMessage('group', { userId: 'u', groupId: 'g', traits: { y: 2 } }, env)
    expect(JSON.parse(d.encode(group, { callTime: 'T', timestampGiven: false })).traits).toEqual({ y: 2, x: 1 })
    const request = d.buildRequest(['{"a":1}'], { sentAt: 'S' })
    expect(JSON.parse(request.body)).toEqual({ batch: [{ a: 1, s: 'S' }], sentAt: 'S', writeKey: 'wk' })
    expect(request.headers['x-extra']).toBe('1')
    expect(request.gzip).toBe(true)
  })
})
