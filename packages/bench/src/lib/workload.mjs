/**
 * The workload every client runs: N track events with realistic properties (strings, numbers,
 * a nested object, an array), produced in slices of one batch (100 events) with a turn of the
 * event loop between slices, as a server handling requests would. Identical for every client.
 * Paced by BENCH_RATE (events/s, set by the runner from `--rate`): slice k waits until
 * t0 + end/rate; 0 or absent = flat out (one setImmediate between slices).
 */
import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises'

export const BATCH = 100
const PLANS = ['free', 'pro', 'team', 'enterprise']
const EVENTS = ['Order Completed', 'Product Viewed', 'Signed In', 'Checkout Started']

/** The call parameters of event `i` (deterministic). */
export function makeEvent(i) {
  return {
    userId: `user_${i % 5000}`,
    event: EVENTS[i % EVENTS.length],
    properties: {
      orderId: `ord_${i}`,
      total: (i % 997) * 1.25,
      quantity: (i % 7) + 1,
      currency: 'EUR',
      coupon: i % 3 === 0 ? 'SPRING' : null,
      plan: PLANS[i % PLANS.length],
      shipping: { method: 'express', country: 'FR', address: { city: 'Lyon', zip: '69002' } },
      products: [
        { sku: `sku_${i % 101}`, price: 19.99, qty: 1 },
        { sku: `sku_${i % 103}`, price: 5.5, qty: 2 },
      ],
      tags: ['web', 'checkout', 'ab-test-b'],
    },
  }
}

/**
 * Calls `send(params, i)` for i = 0..n-1, yielding to the event loop after each batch-sized slice
 * (sleeping until the slice is due when BENCH_RATE > 0).
 * `beforeSlice` (optional, async) may apply backpressure before each slice (the RSS mode uses it;
 * the throughput clients do not: no SDK can pause its caller).
 */
export async function drive(n, send, beforeSlice) {
  const rate = Number(process.env.BENCH_RATE ?? 0)
  const t0 = performance.now()
  for (let start = 0; start < n; start += BATCH) {
    if (beforeSlice) await beforeSlice(start)
    const end = Math.min(n, start + BATCH)
    for (let i = start; i < end; i++) send(makeEvent(i), i)
    const ahead = rate > 0 ? t0 + (end / rate) * 1000 - performance.now() : 0
    if (ahead >= 1) await sleep(Math.floor(ahead))
    else await turn()
  }
}
