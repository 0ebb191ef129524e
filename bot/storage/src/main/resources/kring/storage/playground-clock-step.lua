-- Moves the playground's simulated time one step forward: only from where the caller saw it, and
-- only once per step id, so that two nodes moving it at once, or a step sent again after a
-- timeout, can neither lose nor double a step.
-- KEYS[1] the playground's clock
-- ARGV[1] the offset (ms) the step starts from, ARGV[2] the offset it moves to, ARGV[3] its id
-- Returns {1, offset} when this step moved the clock (now or in an earlier call with the same id);
-- {0, offset} when someone else moved it first and nothing changed.
local from = tonumber(ARGV[1])
local to = tonumber(ARGV[2])
if to <= from then
  return redis.error_reply('The playground clock only moves forward')
end
local stored = redis.call('HMGET', KEYS[1], 'offset', 'step')
local offset = tonumber(stored[1] or '0')
if stored[2] == ARGV[3] then
  return {1, offset}
end
if offset ~= from then
  return {0, offset}
end
redis.call('HSET', KEYS[1], 'offset', ARGV[2], 'step', ARGV[3])
return {1, to}
