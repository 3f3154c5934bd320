import { describe, expect, it } from 'vitest'
import { mixpanelVerdicts } from './index.js'

const items = ['{"event":"a"}', '{"event":"b"}', '{"event":"c"}']

describe('mixpanelVerdicts', () => {
  it('strict /import 400 with failed_records: those refused, the rest (ingested) delivered', () => {
    const body = JSON.stringify({
      code: 400,
      error: 'some data points in the request failed validation',
      num_records_imported: 2,
      failed_records: [{ index: 1, insert_id: 'x', field: 'properties.time', message: "'properties.time' is invalid" }],
    })
    const verdicts = mixpanelVerdicts(400, body, items)
    expect(verdicts).toMatchObject({ refused: [1] })
    expect(verdicts?.retry).toBeUndefined()
    expect(verdicts?.reason).toMatch(/properties.time/)
  })

  it('200 with status 0 (verbose /track, /engage, /groups): every item refused', () => {
    expect(mixpanelVerdicts(200, JSON.stringify({ status: 0, error: '$distinct_id is required' }), items)).toMatchObject({
      refused: [0, 1, 2],
      reason: expect.stringMatching(/distinct_id/),
    })
  })

  it('leaves everything else to the status', () => {
    expect(mixpanelVerdicts(200, JSON.stringify({ status: 1, error: null }), items)).toBeUndefined()
    expect(mixpanelVerdicts(200, '1', items)).toBeUndefined()
    expect(mixpanelVerdicts(401, JSON.stringify({ code: 401, error: 'bad' }), items)).toBeUndefined()
    expect(mixpanelVerdicts(400, 'x', items)).toBeUndefined()
  })
})
