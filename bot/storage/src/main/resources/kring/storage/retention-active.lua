-- People acted in an open case: it is active as of ARGV[2] (never moved back to an older time), and
-- an open question whether to close it is answered by that.
-- KEYS[1] active cases by last activity, KEYS[2] quiet cases asked about
-- ARGV[1] case code, ARGV[2] when (epoch ms)
redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
