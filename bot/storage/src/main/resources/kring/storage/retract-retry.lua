-- Puts a taken item back in the deletion queue for a later try, with its new count of attempts.
-- Nothing happens when the item left the queue meanwhile.
-- KEYS[1] the deletion queue
-- ARGV[1] the item as taken, ARGV[2] the item with its new count, ARGV[3] when (epoch ms)
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[1], tonumber(ARGV[3]), ARGV[2])
return 1
