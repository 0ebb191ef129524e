-- Writes a message that sends scheduled prompts, unless one of its prompts was written before
-- (its node died before it could mark the prompt done, and the prompt was claimed again).
-- KEYS[1] the message hash, KEYS[2] the due set, KEYS[3] the prompts written (sorted set by when)
-- ARGV[1] now and due time (epoch ms), ARGV[2] how long written prompts are remembered (ms),
-- ARGV[3] n, the number of prompt ids, ARGV[4..3+n] the prompt ids, ARGV[4+n] the message id,
-- ARGV[5+n] its due time, ARGV[6+n..] the message's fields and values
-- Returns the prompt ids written before (then nothing is written), or an empty list.
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[2]))
local before = {}
for i = 4, 3 + n do
  if redis.call('ZSCORE', KEYS[3], ARGV[i]) then
    before[#before + 1] = ARGV[i]
  end
end
if #before > 0 then
  return before
end
for i = 4, 3 + n do
  redis.call('ZADD', KEYS[3], ARGV[1], ARGV[i])
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 6 + n))
  redis.call('ZADD', KEYS[2], ARGV[5 + n], ARGV[4 + n])
end
return {}
