import { ConfigError } from '@polytrack/core'
import { describe, expect, it } from 'vitest'
import { multiplex } from '../src/multiplex.js'
import { segmentShaped } from './test-destinations.js'

const testDestination = (name: string) => segmentShaped('http://127.0.0.1:9', name, 'tool', [name])

describe('multiplex children refuse unknown fields', () => {
  it('a delivery setting on the child itself points to settings', () => {
    const make = () => multiplex([{ destination: testDestination('a'), flushAt: 5 } as never])
    expect(make).toThrow(ConfigError)
    expect(make).toThrow("Invalid option multiplex[0].flushAt: is not an option (a child's delivery settings go in `settings`")
  })

  it('misspelled fields and settings are named', () => {
    expect(() => multiplex([{ destination: testDestination('a'), nmae: 'x' } as never])).toThrow('did you mean `name`?')
    expect(() => multiplex([{ destination: testDestination('a'), settings: { flushIntervall: 5 } } as never])).toThrow(
      /multiplex\[0\]\.settings\.flushIntervall: is not an option \(did you mean `flushIntervalMs`\?\)/,
    )
  })
})
