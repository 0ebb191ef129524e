-- Writes a message and makes it due, unless a message with this id is already waiting.
-- KEYS[1] the message hash, KEYS[2] the due set
-- ARGV[1] id, ARGV[2] due time (epoch ms), ARGV[3..] the message's fields and values
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
