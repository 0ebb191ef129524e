-- Keeps what Kring posted for a case, unless the case is being erased: then nothing is kept and
-- the caller queues the items for deletion at once.
-- KEYS[1] the case's erasure mark, KEYS[2] the case's posted list (both of one case)
-- ARGV[1] how many items a case keeps, ARGV[2..] the posted items (JSON)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
for i = 2, #ARGV do
  redis.call('RPUSH', KEYS[2], ARGV[i])
end
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
return 1
