-- Binds a channel to a case if it is still bound as the caller saw it: to nothing, or to a case
-- that no longer lives there (erased, moved away, or never finished being created).
-- KEYS[1] the channel binding
-- ARGV[1] the case code to bind, ARGV[2] the code the caller saw ('' for none)
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[2] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
