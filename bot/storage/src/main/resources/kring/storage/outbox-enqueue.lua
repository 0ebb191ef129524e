-- Writes a message and makes it due, unless a message with this id is already waiting. An answer
-- to a person (field lane = first) is also put in the first lane.
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the first lane
-- ARGV[1] id, ARGV[2] due time (epoch ms), ARGV[3..] the message's fields and values
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
for i = 3, #ARGV - 1, 2 do
  if ARGV[i] == 'lane' and ARGV[i + 1] == 'first' then
    redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  end
end
return 1
