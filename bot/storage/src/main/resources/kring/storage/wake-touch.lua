-- Tells the pollers that a case has something due at ARGV[2] (epoch ms). A case already due
-- earlier keeps its time, moved back by a millisecond, so that a poller looking at the case just
-- now sees that it changed and looks again instead of settling it.
-- KEYS[1] the wake-up index
-- ARGV[1] case code, ARGV[2] when
local at = tonumber(ARGV[2])
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if current and tonumber(current) <= at then
  at = tonumber(current) - 1
end
redis.call('ZADD', KEYS[1], string.format('%d', at), ARGV[1])
return 1
