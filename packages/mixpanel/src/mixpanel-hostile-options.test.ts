// serviceAccount is an options object like any other: an inherited field is neither read nor
// used, and a getter that throws is a ConfigError naming it. Each case failed before its fix.
import { ConfigError } from '@polytrack/core'
import { expectThrown } from '@polytrack/test-support/expect-thrown'
import { withPolluted, withThrowingGetter } from '@polytrack/test-support/hostile-objects'
import { describe, expect, it } from 'vitest'
import { mixpanel } from './mixpanel.js'

describe('mixpanel() serviceAccount against hostile objects', () => {
  it('does not take an inherited projectId (Object.prototype polluted): it is missing', () => {
    const { result: error } = withPolluted('projectId', '1', () =>
      expectThrown(ConfigError, () => mixpanel({ token: 't', serviceAccount: { username: 'u', secret: 's' } as never })),
    )
    expect(error.option).toBe('serviceAccount.projectId')
  })

  it('turns a getter that throws into a ConfigError naming the field', () => {
    const serviceAccount = withThrowingGetter({ username: 'u', projectId: '1' }, 'secret')
    expect(expectThrown(ConfigError, () => mixpanel({ token: 't', serviceAccount: serviceAccount as never })).option).toBe(
      'serviceAccount.secret',
    )
  })

  it('refuses a symbol key', () => {
    const serviceAccount = { username: 'u', secret: 's', projectId: '1', [Symbol('secret')]: 's' }
    expect(expectThrown(ConfigError, () => mixpanel({ token: 't', serviceAccount })).option).toBe('serviceAccount')
  })
})
