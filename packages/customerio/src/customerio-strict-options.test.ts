import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { customerio } from './customerio.js'

describe('customerio() refuses unknown options', () => {
  it('endpoint (cdp-analytics-go’s Endpoint) would have sent EU data to the US host: refused with the way to the EU', () => {
    for (const key of ['endpoint', 'Endpoint']) {
      const make = () => customerio({ writeKey: 'wk', [key]: 'https://cdp-eu.customer.io' } as never)
      expect(make).toThrow(ConfigError)
      expect(make).toThrow(`Invalid option ${key}: is not an option (did you mean \`host\`, or \`region: 'eu'\`?)`)
    }
  })

  it('client options given to the adapter are named as such (BatchSize → flushAt of new Analytics)', () => {
    expect(() => customerio({ writeKey: 'wk', BatchSize: 20 } as never)).toThrow(
      /in Polytrack it is `flushAt`, an option of `new Analytics/,
    )
    expect(() => customerio({ writeKey: 'wk', Verbose: true } as never)).toThrow(/`logLevel: 'debug'`/)
    expect(() => customerio({ writeKey: 'wk', regoin: 'eu' } as never)).toThrow(/did you mean `region`\?/)
  })
})
