import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { hightouch } from './index.js'

describeThroughSink({
  vendor: 'hightouch',
  create: (key, host) => hightouch({ writeKey: key, host }),
  path: '/v1/batch',
  gzip: false,
  checkAuth: (request) => expect(request.headers.authorization).toBe('Basic ****'),
})
