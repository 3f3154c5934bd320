import { expect } from 'vitest'
import { describeThroughSink } from '../../parity/src/adapter-through-sink.mjs'
import { posthog } from './index.js'

describeThroughSink({
  vendor: 'posthog',
  create: (key, host) => posthog({ apiKey: key, host }),
  path: '/batch/',
  gzip: true,
  checkAuth: (request) => {
    expect(request.headers.authorization).toBeUndefined()
    expect(request.body).toMatchObject({ api_key: expect.any(String) })
  },
})
