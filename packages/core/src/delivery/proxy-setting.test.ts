import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors.js'
import { resolveProxy } from './proxy-setting.js'

describe('resolveProxy', () => {
  it('reads the environment given: each scheme its variable, HTTP_PROXY for https too when alone, lower case first', () => {
    expect(resolveProxy(undefined, 'proxy', {})).toEqual({ noProxy: '', secrets: [] })
    expect(resolveProxy(undefined, 'proxy', { HTTPS_PROXY: 'http://s:1' })).toEqual({ httpsProxy: 'http://s:1/', noProxy: '', secrets: [] })
    expect(resolveProxy(undefined, 'proxy', { HTTP_PROXY: 'http://h:1' })).toEqual({
      httpProxy: 'http://h:1/',
      httpsProxy: 'http://h:1/',
      noProxy: '',
      secrets: [],
    })
    expect(
      resolveProxy(undefined, 'proxy', { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:1', NO_PROXY: ' a.com ' }),
    ).toMatchObject({ httpProxy: 'http://lower:1/', noProxy: 'a.com' })
    expect(resolveProxy(undefined, 'proxy', { HTTP_PROXY: '  ' })).toEqual({ noProxy: '', secrets: [] })
  })

  it('an explicit URL serves both schemes and ignores the environment; false is none', () => {
    const env = { HTTP_PROXY: 'http://env:1', NO_PROXY: '*' }
    expect(resolveProxy('https://p:3128', 'proxy', env)).toEqual({
      httpProxy: 'https://p:3128/',
      httpsProxy: 'https://p:3128/',
      noProxy: '',
      secrets: [],
    })
    expect(resolveProxy(false, 'proxy', env)).toEqual({ noProxy: '', secrets: [] })
  })

  it('keeps the credentials, raw and decoded, as secrets to mask', () => {
    expect(resolveProxy('http://us%40er:p%3Ass@p:1', 'proxy', {}).secrets.sort()).toEqual(
      ['p%3Ass', 'p:ss', 'us%40er', 'us@er', 'us@er:p:ss'].sort(),
    )
  })

  it('refuses what is not an http(s) URL without quoting it', () => {
    for (const bad of ['socks5://u:hunter9@p:1', 'p:1', 'not a url hunter9', 42, null]) {
      let thrown: unknown
      try {
        resolveProxy(bad as never, 'proxy', {})
      } catch (error) {
        thrown = error
      }
      expect(thrown, String(bad)).toBeInstanceOf(ConfigError)
      expect((thrown as Error).message).not.toContain('hunter9')
    }
  })
})
