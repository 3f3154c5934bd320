import { LIBRARY } from '@polytrack/core/adapter'
import { describeAdapterConformance, PARITY_KEY } from '@polytrack/adapter-conformance'
import { expect } from 'vitest'
import * as adapter from './index.js'

describeAdapterConformance({
  module: adapter,
  kind: 'tool',
  // Three lanes: events on /import (HTTP Basic), profiles on /engage and group profiles on /groups (the token in each record).
  wire: {
    paths: ['/import', '/engage', '/groups'],
    gzip: false,
    auth: (request) => expect(request.headers.authorization).toBe(request.path.endsWith('/import') ? 'Basic ****' : undefined),
  },
  // alias, identify (merge), page, screen, track as events; identify's traits; the group's traits (no user).
  journey: {
    types: ['group', 'identify', 'identify', 'identify', 'page', 'screen', 'track'],
    delivered: { mixpanel: 5, 'mixpanel-profiles': 1, 'mixpanel-groups': 1 },
    withoutUser: 1,
  },
  parity: {
    create: (key) => adapter.mixpanel({ token: key, apiSecret: 'parity-mixpanel-secret' }),
    // Generated ids and times, and the library's own name/version (the token, masked by the sink in the fixture, is compared by the kit).
    masks: {
      always: ['properties.mp_lib', 'properties.$lib_version'],
      messageId: ['properties.$insert_id'],
      timestamp: ['properties.time', '$time'],
    },
    caseTests: {
      'carries the project token and the library name in every record': (ours) => {
        for (const { item } of ours) {
          const props = item.properties as Record<string, unknown> | undefined
          expect(props?.token ?? item.$token).toBe(PARITY_KEY)
          if (props) expect(props.mp_lib).toBe(LIBRARY.name)
        }
      },
    },
  },
})
