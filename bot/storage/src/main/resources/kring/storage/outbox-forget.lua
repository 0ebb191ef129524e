-- Forgets a message entirely: its hash, with the body, and its place in the due and in-flight sets.
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the in-flight set, KEYS[4] the first
-- lane (optional: the claim drops an id left there once its message is gone)
-- ARGV[1] id
local existed = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if KEYS[4] then
  redis.call('ZREM', KEYS[4], ARGV[1])
end
return existed
