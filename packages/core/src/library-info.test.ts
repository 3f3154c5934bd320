import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIBRARY } from './library-info.js'

describe('LIBRARY', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string }
    expect(LIBRARY).toEqual({ name: pkg.name, version: pkg.version })
  })
})
