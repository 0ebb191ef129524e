-- Writes messages that send scheduled prompts, one after the other, each unless one of its
-- prompts was written before (its node died before it could mark the prompt done, and the prompt
-- was claimed again), also by a message before it in the same call.
-- KEYS[1] the due set, KEYS[2] the prompts written (sorted set by when), KEYS[2+i] the hash of
-- message i (all in the outbox's slot)
-- ARGV[1] now and due time (epoch ms), ARGV[2] how long written prompts are remembered (ms),
-- then for each message: n, the number of its prompt ids, the n ids, f, the number of its fields
-- and values, the message id, its due time, then its f fields and values
-- Returns for each message the prompt ids written before (then it is not written), or an empty
-- list.
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[2]))
local results = {}
local at = 3
for m = 3, #KEYS do
  local n = tonumber(ARGV[at])
  local first = at + 1
  local f = tonumber(ARGV[first + n])
  local id = ARGV[first + n + 1]
  local due = ARGV[first + n + 2]
  local fields = first + n + 3
  local before = {}
  for i = first, first + n - 1 do
    if redis.call('ZSCORE', KEYS[2], ARGV[i]) then
      before[#before + 1] = ARGV[i]
    end
  end
  if #before == 0 then
    for i = first, first + n - 1 do
      redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i])
    end
    if redis.call('EXISTS', KEYS[m]) == 0 then
      redis.call('HSET', KEYS[m], unpack(ARGV, fields, fields + f - 1))
      redis.call('ZADD', KEYS[1], due, id)
    end
  end
  results[#results + 1] = before
  at = fields + f
end
return results
