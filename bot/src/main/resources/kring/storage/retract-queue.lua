-- Moves what Kring posted for an erased case into the deletion queue, due at once, without the
-- case code.
-- KEYS[1] the case's posted list, KEYS[2] the deletion queue
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for _, item in ipairs(items) do
  redis.call('ZADD', KEYS[2], 'NX', 0, '0 ' .. item)
end
redis.call('DEL', KEYS[1])
return #items
