-- Binds a channel to a case if it is still bound as the caller saw it: to nothing, or to a case
-- that no longer lives there (erased, moved away, never finished being created, or closed).
-- Bound for a while only (a claim, made with a turn's read: its commit binds it for good), or for
-- good; binding a channel again to the case it names makes a claim a binding for good.
-- KEYS[1] the channel binding
-- ARGV[1] the case code to bind, ARGV[2] the code the caller saw ('' for none),
-- ARGV[3] (optional) how many milliseconds a claim holds
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[2] then
  return 0
end
if ARGV[3] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
return 1
