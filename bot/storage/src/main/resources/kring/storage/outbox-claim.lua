-- Takes due messages for one node, oldest first, at most one per conversation per pace interval.
-- Each taken message moves from the due set to the in-flight set with its lease expiry and gets
-- one more attempt counted; its conversation waits for its platform's pace.
-- KEYS[1] the due set, KEYS[2] the in-flight set
-- ARGV[1] now (epoch ms), ARGV[2] how many to take at most, ARGV[3] lease (ms),
-- ARGV[4] prefix of message keys, ARGV[5] prefix of pace keys,
-- ARGV[6..] pairs of platform name and its pace (ms)
-- Returns for each message: id, attempt, to, kind, case, created, body, schema.
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local leaseUntil = string.format('%d', now + tonumber(ARGV[3]))
local pace = {}
for i = 6, #ARGV, 2 do
  pace[ARGV[i]] = tonumber(ARGV[i + 1])
end

-- Looking at a bounded number of due messages keeps the script short when many wait for their
-- pace; the ones not looked at are still due next time.
local MAX_EXAMINED = 1000
local PAGE = 100
local taken = {}
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
    local m = redis.call('HMGET', key, 'conversation', 'platform', 'to', 'kind', 'case', 'created',
      'body', 'schema')
    if not m[1] then
      -- The message was forgotten but its id stayed behind: drop the id.
      redis.call('ZREM', KEYS[1], id)
    else
      local paceKey = ARGV[5] .. m[1]
      local waitUntil = redis.call('GET', paceKey)
      if waitUntil and tonumber(waitUntil) > now then
        skipped = skipped + 1
      else
        local wait = pace[m[2]] or 0
        if wait > 0 then
          redis.call('SET', paceKey, string.format('%d', now + wait), 'PX', wait)
        end
        local attempt = redis.call('HINCRBY', key, 'attempts', 1)
        redis.call('ZREM', KEYS[1], id)
        redis.call('ZADD', KEYS[2], leaseUntil, id)
        taken[#taken + 1] = {id, attempt, m[3], m[4], m[5], m[6], m[7], m[8]}
        if #taken >= max then
          break
        end
      end
    end
    if examined >= MAX_EXAMINED then
      break
    end
  end
end
return taken
