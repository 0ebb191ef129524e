-- A case closed: its retention period starts at ARGV[2], unless it was recorded closed before.
-- KEYS[1] closed cases, KEYS[2] active cases, KEYS[3] quiet cases asked about
-- ARGV[1] case code, ARGV[2] when (epoch ms)
-- Returns 1 when this call recorded it.
local added = redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return added
