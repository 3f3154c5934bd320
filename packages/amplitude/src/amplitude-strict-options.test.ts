import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { amplitude } from './amplitude.js'

describe('amplitude() refuses unknown options', () => {
  it('names @amplitude/analytics-node’s options by their Polytrack names', () => {
    const make = () => amplitude({ apiKey: 'k', serverUrl: 'https://api.eu.amplitude.com/2/httpapi' } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow("Invalid option serverUrl: is not an option (did you mean `host` (the API path is added), or `serverZone: 'EU'`?)")
    expect(() => amplitude({ apiKey: 'k', flushQueueSize: 10 } as never)).toThrow('in Polytrack it is `flushAt`')
    expect(() => amplitude({ apiKey: 'k', minIdLenght: 3 } as never)).toThrow('did you mean `minIdLength`?')
    expect(() => amplitude(undefined as never)).toThrow(/Invalid option options: must be an object/)
  })
})
