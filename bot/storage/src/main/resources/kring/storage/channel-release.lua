-- Unbinds a channel, only if it is still bound to the case that leaves it.
-- KEYS[1] the channel binding
-- ARGV[1] the case code
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
