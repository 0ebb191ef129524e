-- Makes a taken message due again at a later time, if it still exists.
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the in-flight set
-- ARGV[1] id, ARGV[2] when it is due (epoch ms), ARGV[3] why the last attempt failed,
-- ARGV[4] '1' when the message was not tried at all (its attempt is not counted)
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'reason', ARGV[3])
if ARGV[4] == '1' then
  redis.call('HINCRBY', KEYS[1], 'attempts', -1)
end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
