-- Renews a hold on the playground's lease, if it still holds.
-- KEYS[1] the lease
-- ARGV[1] now (epoch ms), ARGV[2] the holder's member, ARGV[3] how long the hold lasts (ms)
-- Returns 1 when renewed, 0 when the hold had run out or was given back.
local now = tonumber(ARGV[1])
local until_ = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not until_ or tonumber(until_) <= now then
  return 0
end
redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[3])), ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1
