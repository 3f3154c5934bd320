import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// The built package, loaded twice in one process: as ESM and as CJS (what a dual-package hazard looks like).
const esm = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js')
const cjs = createRequire(import.meta.url)('../dist/index.cjs') as typeof import('../src/index.js')

describe('isPolytrackError', () => {
  it('recognises errors from another copy of the package, where instanceof cannot', () => {
    const fromCjs = new cjs.ConfigError('flushAt', 'must be a number')
    expect(fromCjs instanceof esm.PolytrackError).toBe(false)
    expect(esm.isPolytrackError(fromCjs)).toBe(true)
    expect(cjs.isPolytrackError(new esm.ValidationError('userId', 'is required'))).toBe(true)
  })

  it('is false for other errors and look-alikes', () => {
    expect(esm.isPolytrackError(new Error('x'))).toBe(false)
    expect(esm.isPolytrackError({ code: 'invalid_config', message: 'x' })).toBe(false)
    expect(esm.isPolytrackError(null)).toBe(false)
    expect(esm.isPolytrackError('invalid_config')).toBe(false)
  })

  it('lists every code the core uses', () => {
    expect(esm.ERROR_CODES).toContain('spool_corrupt')
    expect(new esm.ConfigError('x', 'y').code).toBe('invalid_config')
  })
})
