import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { hightouch } from './hightouch.js'

describe('hightouch() refuses unknown options', () => {
  it('Endpoint (events-sdk-go’s name) is refused, naming host', () => {
    const make = () => hightouch({ writeKey: 'wk', Endpoint: 'https://us-east-1.hightouch-events.com' } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow(/Invalid option Endpoint: is not an option \(did you mean `host`/)
    expect(() => hightouch({ writeKey: 'wk', Interval: 5000 } as never)).toThrow(/in Polytrack it is `flushIntervalMs`/)
  })
})
