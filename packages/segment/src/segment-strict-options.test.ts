import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { segment } from './segment.js'

describe('segment() refuses unknown options', () => {
  it('Endpoint (analytics-go’s name) is refused, naming host and region', () => {
    const make = () => segment({ writeKey: 'wk', Endpoint: 'https://events.eu1.segmentapis.com' } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow("did you mean `host`, or `region: 'eu'`?")
    expect(() => segment({ writeKey: 'wk', maxEventsInBatch: 5 } as never)).toThrow('in Polytrack it is `flushAt`')
  })
})
