import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { rudderstack } from './rudderstack.js'

const base = { writeKey: 'wk', dataPlaneUrl: 'https://acme.dataplane.rudderstack.com' }

describe('rudderstack() refuses unknown options', () => {
  it('verbose (analytics-go’s Verbose) is refused, with the client option that replaces it', () => {
    const make = () => rudderstack({ ...base, verbose: true } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow(/Invalid option verbose: is not an option \(in Polytrack it is `logLevel: 'debug'` with a `logger`/)
  })

  it('names analytics-go’s and rudder-sdk-node’s other options', () => {
    expect(() => rudderstack({ writeKey: 'wk', Endpoint: 'https://acme.dataplane.rudderstack.com' } as never)).toThrow(
      'did you mean `dataPlaneUrl`?',
    )
    expect(() => rudderstack({ ...base, DisableGzip: true } as never)).toThrow('did you mean `gzip: false`?')
    expect(() => rudderstack({ ...base, NoProxySupport: true } as never)).toThrow(
      'not needed: Polytrack never asks the data plane for /cluster-info',
    )
    expect(() => rudderstack({ ...base, logLevel: 'debug' } as never)).toThrow('`logLevel` is an option of `new Analytics')
  })
})
