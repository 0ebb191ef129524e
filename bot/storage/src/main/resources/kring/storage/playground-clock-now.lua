-- The playground's simulated time: Redis's own clock plus how far the clock was moved ahead, read
-- together, so that every node reads the same time.
-- KEYS[1] the playground's clock
-- Returns {seconds, microseconds, offset in ms}
local now = redis.call('TIME')
local offset = redis.call('HGET', KEYS[1], 'offset') or '0'
return {tonumber(now[1]), tonumber(now[2]), tonumber(offset)}
