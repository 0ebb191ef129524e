-- Takes a message a case's commit kept with the case into the outbox, unless it was taken in
-- before (a node that handed it in died before it could drop it from the case). An answer to a
-- person (field lane = first) is also put in the first lane.
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the ids handed in (sorted set by when),
-- KEYS[4] the first lane
-- ARGV[1] now (epoch ms), ARGV[2] how long handed-in ids are remembered (ms), ARGV[3] id,
-- ARGV[4] due time (epoch ms), ARGV[5..] the message's fields and values
-- Returns 1 when the message was taken in, 0 when it had been before.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZSCORE', KEYS[3], ARGV[3]) or redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
for i = 5, #ARGV - 1, 2 do
  if ARGV[i] == 'lane' and ARGV[i + 1] == 'first' then
    redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
  end
end
return 1
