/**
 * Date operators (`is_date_before` / `is_date_after`): absolute dates and relative ones such as
 * `-7d`, `-2h`, `-1w`, `-3m`, `-1y` (counted back from `now` in UTC).
 */
import { unsupported } from './unresolved.js'

const RELATIVE_DATE = /^-?([0-9]+)([a-z])$/

function daysInUtcMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

/** Goes back `months` calendar months, clamping the day at every step (Mar 31 − 2m = Jan 28). */
function minusUtcMonths(date: Date, months: number): void {
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  let day = date.getUTCDate()
  for (let step = 1; step <= months && day > 28; step++) {
    day = Math.min(day, daysInUtcMonth(year, month - step))
  }
  date.setUTCFullYear(year, month - months, day)
}

/** Goes back `years` years; Feb 29 becomes Feb 28. */
function minusUtcYears(date: Date, years: number): void {
  const month = date.getUTCMonth()
  const day = years > 0 && month === 1 && date.getUTCDate() === 29 ? 28 : date.getUTCDate()
  date.setUTCFullYear(date.getUTCFullYear() - years, month, day)
}

/**
 * The instant a relative date like `-7d` names, or `null` when `text` is not one (or counts
 * 10,000 units or more).
 */
export function parseRelativeDate(text: string, now: Date): Date | null {
  const match = RELATIVE_DATE.exec(text)
  if (!match) return null
  const count = parseInt(match[1] ?? '', 10)
  if (count >= 10000) return null
  const date = new Date(now.getTime())
  switch (match[2]) {
    case 'h':
      date.setUTCHours(date.getUTCHours() - count)
      return date
    case 'd':
      date.setUTCDate(date.getUTCDate() - count)
      return date
    case 'w':
      date.setUTCDate(date.getUTCDate() - count * 7)
      return date
    case 'm':
      minusUtcMonths(date, count)
      return date
    case 'y':
      minusUtcYears(date, count)
      return date
    default:
      return null
  }
}

/** A string or number as a date (JavaScript `Date` parsing); throws when it is not one. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value)
    if (!Number.isNaN(date.valueOf())) return date
    return unsupported(`${value} is not a valid date`)
  }
  return unsupported(`date must be a string or number, got ${typeof value}`)
}

/** The filter side of a date comparison: relative or absolute. */
export function parseDateFilterValue(value: unknown, now: Date): Date {
  if (typeof value === 'boolean') unsupported('date operators do not take booleans')
  return parseRelativeDate(String(value), now) ?? toDate(value)
}
