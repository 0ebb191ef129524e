-- Gives a message up: forgets it with its body and keeps only its dead letter, newest first, in a
-- capped list.
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the in-flight set, KEYS[4] the dead list,
-- KEYS[5] the first lane
-- ARGV[1] id, ARGV[2] the dead letter (JSON, no body), ARGV[3] how many dead letters to keep
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('LPUSH', KEYS[4], ARGV[2])
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[3]) - 1)
return 1
