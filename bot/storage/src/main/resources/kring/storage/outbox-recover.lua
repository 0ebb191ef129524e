-- Handles messages whose lease ran out (their taker died or hangs): an at-least-once message is
-- due again now; an at-most-once message may have been sent already, so it is forgotten.
-- KEYS[1] the due set, KEYS[2] the in-flight set
-- ARGV[1] now (epoch ms), ARGV[2] prefix of message keys, ARGV[3] how many to handle at most
-- Returns how many messages were handled.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local handled = 0
for _, id in ipairs(expired) do
  local key = ARGV[2] .. id
  local policy = redis.call('HGET', key, 'policy')
  redis.call('ZREM', KEYS[2], id)
  if policy == 'AT_LEAST_ONCE' then
    redis.call('ZADD', KEYS[1], ARGV[1], id)
    handled = handled + 1
  elseif policy then
    redis.call('DEL', key)
    handled = handled + 1
  end
end
return handled
