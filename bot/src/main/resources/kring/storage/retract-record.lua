-- Keeps what Kring posted for a case; for a case already erased, queues it for deletion at once.
-- KEYS[1] the erased set, KEYS[2] the case's posted list, KEYS[3] the deletion queue
-- ARGV[1] the case code, ARGV[2] how many items a case keeps, ARGV[3..] the posted items (JSON)
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  for i = 3, #ARGV do
    redis.call('ZADD', KEYS[3], 'NX', 0, '0 ' .. ARGV[i])
  end
  return 0
end
for i = 3, #ARGV do
  redis.call('RPUSH', KEYS[2], ARGV[i])
end
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
return 1
