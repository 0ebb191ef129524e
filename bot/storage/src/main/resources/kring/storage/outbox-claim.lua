-- Takes due messages for one node, at most one per conversation per pace interval: first the
-- answers to a person's own action (the ids in the first lane, each due by its place in the due
-- set), then the others, oldest first. A person waiting for an answer so never waits behind a busy
-- channel's queue. Each taken message moves from the due set to the in-flight set with its lease
-- expiry and gets one more attempt counted; its conversation waits for its platform's pace.
-- KEYS[1] the due set, KEYS[2] the in-flight set, KEYS[3] the first lane (ids of answers to a
-- person, kept until the message is forgotten)
-- ARGV[1] now (epoch ms), ARGV[2] how many to take at most, ARGV[3] lease (ms),
-- ARGV[4] prefix of message keys, ARGV[5] prefix of pace keys,
-- ARGV[6..] triples of platform name, its pace (ms) and its pace for answers to a person (ms)
-- Returns for each message: id, attempt, to, kind, case, created, body, schema.
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local leaseUntil = string.format('%d', now + tonumber(ARGV[3]))
local pace = {}
local answerPace = {}
for i = 6, #ARGV, 3 do
  pace[ARGV[i]] = tonumber(ARGV[i + 1])
  answerPace[ARGV[i]] = tonumber(ARGV[i + 2])
end

-- Looking at a bounded number of due messages keeps the script short when many wait for their
-- pace; the ones not looked at are still due next time.
local MAX_EXAMINED = 1000
local MAX_FIRST = 200
local PAGE = 100
local taken = {}

-- Takes one message unless its conversation waits; answers whether it was taken.
local function take(id, key, m, waits)
  local paceKey = ARGV[5] .. m[1]
  local waitUntil = redis.call('GET', paceKey)
  if waitUntil and tonumber(waitUntil) > now then
    return false
  end
  local wait = waits[m[2]] or 0
  if wait > 0 then
    redis.call('SET', paceKey, string.format('%d', now + wait), 'PX', wait)
  end
  local attempt = redis.call('HINCRBY', key, 'attempts', 1)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], leaseUntil, id)
  taken[#taken + 1] = {id, attempt, m[3], m[4], m[5], m[6], m[7], m[8], m[9] or ''}
  return true
end

local function read(key)
  return redis.call('HMGET', key, 'conversation', 'platform', 'to', 'kind', 'case', 'created',
    'body', 'schema', 'place')
end

-- The first lane: its ids stay while their message exists (in flight, or due later after a
-- failure), so only those due now in the due set are taken.
local first = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, MAX_FIRST)
for _, id in ipairs(first) do
  if #taken >= max then
    break
  end
  local key = ARGV[4] .. id
  local due = redis.call('ZSCORE', KEYS[1], id)
  if redis.call('EXISTS', key) == 0 then
    redis.call('ZREM', KEYS[3], id)
  elseif due and tonumber(due) <= now then
    take(id, key, read(key), answerPace)
  end
end

local examined = 0
local skipped = 0
while #taken < max and examined < MAX_EXAMINED do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', skipped, PAGE)
  if #ids == 0 then
    break
  end
  for _, id in ipairs(ids) do
    examined = examined + 1
    local key = ARGV[4] .. id
    local m = read(key)
    if not m[1] then
      -- The message was forgotten but its id stayed behind: drop the id.
      redis.call('ZREM', KEYS[1], id)
    elseif not take(id, key, m, pace) then
      skipped = skipped + 1
    end
    if #taken >= max or examined >= MAX_EXAMINED then
      break
    end
  end
end
return taken
