-- Drops from a case the messages handed to the outbox: the first ARGV[1] of its waiting messages,
-- if they are still first (nothing else dropped them meanwhile).
-- KEYS[1] the case's messages waiting to be handed to the outbox
-- ARGV[1] how many, ARGV[2..] the messages as they were read
-- Returns how many messages still wait.
local n = tonumber(ARGV[1])
local first = redis.call('LRANGE', KEYS[1], 0, n - 1)
for m = 1, n do
  if first[m] ~= ARGV[m + 1] then
    return redis.call('LLEN', KEYS[1])
  end
end
redis.call('LTRIM', KEYS[1], n, -1)
return redis.call('LLEN', KEYS[1])
