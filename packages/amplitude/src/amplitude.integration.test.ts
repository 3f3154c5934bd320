import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { amplitude } from './index.js'

describeThroughSink({
  vendor: 'amplitude',
  create: (key, host) => amplitude({ apiKey: key, host }),
  path: '/2/httpapi',
  gzip: false,
  // Amplitude has no alias call: alias is an `$identify` event merging the previous id as a device id.
  types: ['identify', 'identify', 'group', 'page', 'screen', 'track'],
  // Amplitude answers a bad API key with 400 `Invalid API key`.
  wrongKeyStatus: 400,
  checkAuth: (request) => {
    expect(request.headers.authorization).toBeUndefined()
    expect(request.body).toMatchObject({ api_key: '****' })
  },
})
