import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { mixpanel } from './mixpanel.js'

describe('mixpanel() refuses unknown options', () => {
  it('names the mixpanel package’s options by their Polytrack names', () => {
    const make = () => mixpanel({ token: 't', secret: 's' } as never)
    expect(make).toThrow(ConfigError)
    expect(make).toThrow('did you mean `apiSecret`')
    expect(() => mixpanel({ token: 't', api_host: 'api-eu.mixpanel.com' } as never)).toThrow("did you mean `host`, or `region: 'EU'`?")
    expect(() => mixpanel({ token: 't', serviceAccount: { username: 'u', secret: 's', project: 'p' } } as never)).toThrow(
      /Invalid option serviceAccount\.project: is not an option \(did you mean `projectId`\?\)/,
    )
  })
})
