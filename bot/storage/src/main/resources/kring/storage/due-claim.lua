-- Claims one case's prompts due at ARGV[1] (epoch ms), at most ARGV[3]: each is leased until
-- ARGV[1] + ARGV[2], so that no other node takes it meanwhile; a prompt whose lease ran out (its
-- node died before it finished) is claimed again.
-- KEYS[1] planned ids by due time, KEYS[2] prompts by id, KEYS[3] put-off ids, KEYS[4] claimed ids
-- by lease expiry (all of one case)
-- Returns the moment the case next needs a look (or '' for never), how many of the claimed prompts
-- were taken over from a node whose lease ran out, then each claimed prompt's id and stored value.
-- (next_look is in due-plan.lua, put before this.)
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[3])
local leased = string.format('%d', now + tonumber(ARGV[2]))
local taken = {}
local result = {'', 0}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, max)) do
  taken[#taken + 1] = id
end
local expired = #taken
if #taken < max then
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, max - #taken)) do
    redis.call('ZREM', KEYS[1], id)
    redis.call('SREM', KEYS[3], id)
    taken[#taken + 1] = id
  end
end
for i, id in ipairs(taken) do
  local stored = redis.call('HGET', KEYS[2], id)
  if stored and i <= expired then
    result[2] = result[2] + 1
  end
  if stored then
    redis.call('ZADD', KEYS[4], leased, id)
    result[#result + 1] = id
    result[#result + 1] = stored
  else
    redis.call('ZREM', KEYS[4], id)
  end
end
local next = next_look(KEYS[1], KEYS[4])
if next then
  result[1] = string.format('%d', next)
end
return result
