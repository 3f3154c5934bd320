import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { rudderstack } from './index.js'

describeThroughSink({
  vendor: 'rudderstack',
  create: (key, host) => rudderstack({ writeKey: key, dataPlaneUrl: host }),
  path: '/v1/batch',
  gzip: true,
  checkAuth: (request) => expect(request.headers.authorization).toBe('Basic ****'),
})
