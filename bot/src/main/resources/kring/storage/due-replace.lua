-- Replaces everything planned for one case. Prompts put off, claimed by a node, or (for a personal
-- prompt) already handed out are left as they are; a step the case's schedule takes on its own is
-- planned again whenever the case still needs it, since the case's state guards it.
-- KEYS[1] planned ids by due time, KEYS[2] prompts by id, KEYS[3] put-off ids, KEYS[4] claimed ids,
-- KEYS[5] handed-out ids (all of one case)
-- ARGV: id, due time (epoch ms), stored value, personal (1 or 0) — repeated for each prompt
-- Returns the earliest moment something of the case is due or its claim runs out, or false.
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('SISMEMBER', KEYS[3], id) == 0 then
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
  end
end
for i = 1, #ARGV, 4 do
  local id = ARGV[i]
  local busy = redis.call('SISMEMBER', KEYS[3], id) == 1 or redis.call('ZSCORE', KEYS[4], id)
  local sent = ARGV[i + 3] == '1' and redis.call('ZSCORE', KEYS[5], id)
  if not busy and not sent then
    redis.call('ZADD', KEYS[1], ARGV[i + 1], id)
    redis.call('HSET', KEYS[2], id, ARGV[i + 2])
  end
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local lease = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
local earliest = false
if first[2] then earliest = tonumber(first[2]) end
if lease[2] and (not earliest or tonumber(lease[2]) < earliest) then earliest = tonumber(lease[2]) end
if earliest then return string.format('%d', earliest) end
return false
