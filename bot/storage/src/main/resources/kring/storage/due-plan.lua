-- What the scripts that change one case's planned prompts share (put before each of them).

-- Replaces the case's plan with the prompts in ARGV from index `from` (id, due time, JSON and
-- whether it is personal, `count` times). Prompts put off or claimed are left as they are; a
-- personal prompt already handed out is not planned again.
local function replace_plan(due, prompts, later, claimed, sent, from, count)
  for _, id in ipairs(redis.call('ZRANGE', due, 0, -1)) do
    if redis.call('SISMEMBER', later, id) == 0 then
      redis.call('ZREM', due, id)
      redis.call('HDEL', prompts, id)
    end
  end
  for p = 0, count - 1 do
    local at = from + p * 4
    local id = ARGV[at]
    local busy = redis.call('SISMEMBER', later, id) == 1 or redis.call('ZSCORE', claimed, id)
    local handed = ARGV[at + 3] == '1' and redis.call('ZSCORE', sent, id)
    if not busy and not handed then
      redis.call('ZADD', due, ARGV[at + 1], id)
      redis.call('HSET', prompts, id, ARGV[at + 2])
    end
  end
end

-- Marks claimed prompts done: ids and the ends of their windows in ARGV from index `from`
-- (`count` pairs); they are remembered as handed out until `keep` ms after their window, and
-- older memories go.
local function finish(prompts, claimed, sent, from, count, now, keep)
  for f = 0, count - 1 do
    local id = ARGV[from + f * 2]
    redis.call('ZREM', claimed, id)
    redis.call('HDEL', prompts, id)
    redis.call('ZADD', sent, ARGV[from + 1 + f * 2], id)
  end
  redis.call('ZREMRANGEBYSCORE', sent, '-inf', now - keep)
end

-- Puts a prompt off to a later moment, whether it was claimed or only planned: it is kept apart
-- from what the planner plans, so that planning again neither drops it nor plans the original.
-- The prompt `id` comes due `at` (epoch ms), stored as `value`.
local function put_off(due, prompts, later, claimed, id, at, value)
  redis.call('ZREM', claimed, id)
  redis.call('ZADD', due, at, id)
  redis.call('HSET', prompts, id, value)
  redis.call('SADD', later, id)
end

-- The moment the case next needs a look: its earliest planned prompt or claim, or false.
local function next_look(due, claimed)
  local first = redis.call('ZRANGE', due, 0, 0, 'WITHSCORES')
  local lease = redis.call('ZRANGE', claimed, 0, 0, 'WITHSCORES')
  local earliest = false
  if first[2] then
    earliest = tonumber(first[2])
  end
  if lease[2] and (not earliest or tonumber(lease[2]) < earliest) then
    earliest = tonumber(lease[2])
  end
  return earliest
end
