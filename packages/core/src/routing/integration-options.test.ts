import { describe, expect, it } from 'vitest'
import { integrationOptions } from './integration-options.js'
import { withPolluted } from '@polytrack/test-support/hostile-objects'

describe('integrationOptions', () => {
  const names = ['Amplitude', 'amplitude-v2']

  it('is the object under any of the names, matched case-insensitively', () => {
    expect(integrationOptions({ AMPLITUDE: { groupType: 'team' } }, names)).toEqual({ groupType: 'team' })
    expect(integrationOptions({ 'Amplitude-V2': { groupType: 'org' } }, names)).toEqual({ groupType: 'org' })
  })

  it('skips names whose value is not an object, and other destinations', () => {
    expect(integrationOptions({ Amplitude: true, 'amplitude-v2': { groupType: 'org' } }, names)).toEqual({ groupType: 'org' })
    expect(integrationOptions({ Amplitude: false }, names)).toBeUndefined()
    expect(integrationOptions({ Mixpanel: { groupKey: 'x' } }, names)).toBeUndefined()
    expect(integrationOptions({}, names)).toBeUndefined()
  })

  it('never reads inherited keys', () => {
    const inherited = Object.create({ Amplitude: { groupType: 'polluted' } }) as Record<string, never>
    expect(integrationOptions(inherited, names)).toBeUndefined()
  })
})

describe('integrationOptions against a polluted Object.prototype', () => {
  it('gives only the options object’s own settings', () => {
    const { result } = withPolluted('groupType', 'POLLUTED', () => integrationOptions({ Amplitude: {} }, ['Amplitude'])?.groupType)
    expect(result).toBeUndefined()
  })
})
