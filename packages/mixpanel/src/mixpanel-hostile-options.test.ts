// serviceAccount is an options object like any other: an inherited field is neither read nor
// used, and a getter that throws is a ConfigError naming it. Each case failed before its fix.
import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { mixpanel } from './mixpanel.js'

function configError(make: () => unknown): ConfigError {
  try {
    make()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw new Error(`expected a ConfigError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected a ConfigError, nothing was thrown')
}

describe('mixpanel() serviceAccount against hostile objects', () => {
  it('does not take an inherited projectId (Object.prototype polluted): it is missing', () => {
    Object.defineProperty(Object.prototype, 'projectId', { configurable: true, get: () => '1' })
    try {
      const error = configError(() => mixpanel({ token: 't', serviceAccount: { username: 'u', secret: 's' } as never }))
      expect(error.option).toBe('serviceAccount.projectId')
    } finally {
      delete (Object.prototype as Record<string, unknown>).projectId
    }
  })

  it('turns a getter that throws into a ConfigError naming the field', () => {
    const serviceAccount = Object.defineProperty({ username: 'u', projectId: '1' }, 'secret', {
      enumerable: true,
      get: () => {
        throw new Error('getter threw')
      },
    })
    expect(configError(() => mixpanel({ token: 't', serviceAccount: serviceAccount as never })).option).toBe('serviceAccount.secret')
  })

  it('refuses a symbol key', () => {
    const serviceAccount = { username: 'u', secret: 's', projectId: '1', [Symbol('secret')]: 's' }
    expect(configError(() => mixpanel({ token: 't', serviceAccount })).option).toBe('serviceAccount')
  })
})
