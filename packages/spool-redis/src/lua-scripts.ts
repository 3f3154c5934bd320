import { createHash } from 'node:crypto'

/** A Lua script and its SHA-1 (for EVALSHA). */
export interface LuaScript {
  readonly name: string
  readonly body: string
  readonly sha: string
}

function script(name: string, body: string): LuaScript {
  return { name, body, sha: createHash('sha1').update(body).digest('hex') }
}

// Every key of one lane shares the hash tag `{<keyPrefix><lane>}`, so each script touches one slot
// (Cluster). Names of streams are built from KEYS[1] (the heartbeat key `<T>:hb`), never from an
// argument, so they always carry the tag. Time is the Redis server's (TIME), never a client's.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

/**
 * Appends one message to this instance's stream with an id chosen by the client, so a resend
 * (after a lost connection) finds its entry instead of storing the message twice. A stream that is
 * created is registered in the owners hash (and the instance in the heartbeat set), so no stream
 * exists unregistered, even after this instance was taken over and its stream renamed away.
 * KEYS: stream, owners, hb. ARGV: instanceId, entry id, messageId, json. Returns the entry id.
 */
export const APPEND = script(
  'append',
  `local created = redis.call('EXISTS', KEYS[1]) == 0
local r = redis.pcall('XADD', KEYS[1], ARGV[2], 'i', ARGV[3], 'j', ARGV[4])
if type(r) == 'table' and r.err then
  if not string.find(r.err, 'equal or smaller', 1, true) then return r end
  local e = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])
  if #e > 0 and e[1][2][2] == ARGV[3] then return ARGV[2] end
  r = redis.call('XADD', KEYS[1], '*', 'i', ARGV[3], 'j', ARGV[4])
end
if created then
  redis.call('HSET', KEYS[2], KEYS[1], ARGV[1])
  ${NOW}
  redis.call('ZADD', KEYS[3], 'NX', now, ARGV[1])
end
return r`,
)

/**
 * Opens a lane: heartbeat now, and what this instance left (its stream's entries so far, and the
 * streams it owns from an earlier run: taken over from dead instances, not read through). Empty
 * streams it owns are deleted. Sent before any append of this run on the same connection.
 * KEYS: hb, owners, own stream. ARGV: instanceId.
 * Returns { ownLength, ownLastId or '', name1, length1, lastId1, ... }.
 */
export const OPEN = script(
  'open',
  `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[1])
local out = { redis.call('XLEN', KEYS[3]), '' }
if out[1] > 0 then
  out[2] = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)[1][1]
  redis.call('HSET', KEYS[2], KEYS[3], ARGV[1])
end
local owners = redis.call('HGETALL', KEYS[2])
for i = 1, #owners, 2 do
  local name, owner = owners[i], owners[i + 1]
  if owner == ARGV[1] and name ~= KEYS[3] then
    local n = redis.call('XLEN', name)
    if n == 0 then
      redis.call('DEL', name)
      redis.call('HDEL', KEYS[2], name)
    else
      table.insert(out, name)
      table.insert(out, n)
      table.insert(out, redis.call('XREVRANGE', name, '+', '-', 'COUNT', 1)[1][1])
    end
  end
end
return out`,
)

/**
 * The heartbeat, and the takeover of dead instances. Refreshes this instance's heartbeat; when
 * its previous heartbeat is recent (within takeoverAfterMs / 2: it has been connected steadily),
 * an instance whose heartbeat is older than takeoverAfterMs (or that owns a stream with no
 * heartbeat at all) is dead: each stream it owns is renamed to `<T>:s:<me>:from:<dead>:<n>` and registered
 * as this instance's, and the dead instance leaves the heartbeat set. Atomic: two live instances
 * running it one after the other cannot both take the same stream.
 * KEYS: hb, owners, counter. ARGV: instanceId, takeoverAfterMs, expected (1 when this instance
 * heartbeated before). Returns { lost (1: this instance had been taken over), name1, length1,
 * lastId1, dead1, ... }, a dead instance's own stream last among its streams.
 */
export const HEARTBEAT = script(
  'heartbeat',
  `${NOW}
local me = ARGV[1]
local after = tonumber(ARGV[2])
local prev = redis.call('ZSCORE', KEYS[1], me)
redis.call('ZADD', KEYS[1], now, me)
local out = { 0 }
if not prev and ARGV[3] == '1' then out[1] = 1 end
-- Take over only when this instance has been connected steadily (its previous heartbeat is recent):
-- after an outage of Redis itself, every heartbeat is old, and the live instances need a moment to
-- send theirs before anyone looks dead.
if not prev or now - tonumber(prev) > after / 2 then return out end
local base = string.sub(KEYS[1], 1, #KEYS[1] - 2)
local dead = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - after))) do
  if id ~= me then dead[id] = true end
end
local owners = redis.call('HGETALL', KEYS[2])
local byOwner = {}
for i = 1, #owners, 2 do
  local name, owner = owners[i], owners[i + 1]
  if owner ~= me and (dead[owner] or not redis.call('ZSCORE', KEYS[1], owner)) then
    dead[owner] = true
    byOwner[owner] = byOwner[owner] or {}
    table.insert(byOwner[owner], name)
  end
end
for owner, _ in pairs(dead) do
  local names = byOwner[owner] or {}
  local own = base .. 's:' .. owner
  table.sort(names, function(a, b)
    if a == own then return false end
    if b == own then return true end
    return a < b
  end)
  for _, name in ipairs(names) do
    redis.call('HDEL', KEYS[2], name)
    local n = redis.call('XLEN', name)
    if n == 0 then
      redis.call('DEL', name)
    else
      local target = base .. 's:' .. me .. ':from:' .. owner .. ':' .. redis.call('INCR', KEYS[3])
      redis.call('RENAME', name, target)
      redis.call('HSET', KEYS[2], target, me)
      table.insert(out, target)
      table.insert(out, n)
      table.insert(out, redis.call('XREVRANGE', target, '+', '-', 'COUNT', 1)[1][1])
      table.insert(out, owner)
    end
  end
  redis.call('ZREM', KEYS[1], owner)
end
return out`,
)

/**
 * Forgets a taken-over stream read through and released: deleted (and unregistered) when empty.
 * KEYS: stream, owners. ARGV: instanceId. Returns 1 when deleted.
 */
export const DROP_STREAM = script(
  'drop-stream',
  `if redis.call('HGET', KEYS[2], KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('XLEN', KEYS[1]) > 0 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], KEYS[1])
return 1`,
)

/**
 * A clean goodbye: when this instance owns nothing but its own, empty, stream, it deletes it and
 * leaves the heartbeat set. Otherwise it stays, and once its heartbeat is older than
 * takeoverAfterMs a live instance takes what is left over.
 * KEYS: hb, owners, own stream. ARGV: instanceId. Returns 1 when it left.
 */
export const GOODBYE = script(
  'goodbye',
  `if redis.call('XLEN', KEYS[3]) > 0 then return 0 end
local owners = redis.call('HGETALL', KEYS[2])
for i = 1, #owners, 2 do
  if owners[i + 1] == ARGV[1] and owners[i] ~= KEYS[3] then return 0 end
end
redis.call('DEL', KEYS[3])
redis.call('HDEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1`,
)
