-- After a poller looked at a case: its next time replaces the one the poller saw, unless the case
-- changed meanwhile (its time is no longer the one seen), in which case it is looked at again.
-- KEYS[1] the wake-up index
-- ARGV[1] case code, ARGV[2] the time the poller saw, ARGV[3] the case's next time, '' for never
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not current or tonumber(current) ~= tonumber(ARGV[2]) then
  return 0
end
if ARGV[3] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
end
return 1
