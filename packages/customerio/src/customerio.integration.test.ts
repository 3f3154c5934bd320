import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { customerio } from './index.js'

describeThroughSink({
  vendor: 'customerio',
  create: (key, host) => customerio({ writeKey: key, host }),
  path: '/v1/batch',
  gzip: false,
  checkAuth: (request) => expect(request.headers.authorization).toBe('Basic ****'),
})
