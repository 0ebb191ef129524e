-- The coordinator of a quiet case is asked whether to close it: the case moves from the active to
-- the asked ones, for exactly one caller.
-- KEYS[1] active cases, KEYS[2] quiet cases asked about
-- ARGV[1] case code, ARGV[2] when (epoch ms)
-- Returns 1 when this call took the case from the active ones.
local taken = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1])
return taken
