import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { segment } from './index.js'

describeThroughSink({
  vendor: 'segment',
  create: (key, host) => segment({ writeKey: key, host }),
  path: '/v1/batch',
  gzip: false,
  checkAuth: (request) => expect(request.headers.authorization).toBe('Basic ****'),
})
