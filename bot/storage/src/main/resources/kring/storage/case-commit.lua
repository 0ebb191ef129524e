-- Commits what one turn did to its case, all or nothing: the case document (only if it is still at
-- the revision the turn read, or, for a new case, if its code is free), the messages the turn
-- sends (kept with the case until they are handed to the outbox), its planned prompts and the due
-- prompts it finished, and what the retention clock must know of it (in the case hash: 'acted',
-- the last time people acted; 'closed', when it closed; 'erase', when its erasure is due), from
-- which the clock's shared indexes are rebuilt if their own write after this one is lost.
-- (replace_plan, finish and next_look are in due-plan.lua, keep_messages in case-keep.lua, put
-- before this.)
-- KEYS (all of one case): [1] the case hash, [2] its erasure mark, [3] its messages waiting to be
-- handed to the outbox, [4] planned ids by due time, [5] prompts by id, [6] put-off ids,
-- [7] claimed ids, [8] handed-out ids, [9] deliveries committed
-- ARGV: [1] the revision the turn read (for a new case '=' and the revision to store it at),
-- [2] schema, [3] document (compressed), [4] now (epoch ms), [5] how long a handed-out id is kept
-- past its window (ms), [6] when people acted with this turn (epoch ms, '' for a commit of Kring's
-- own), [7] when the case is to be erased, agreed with this turn (epoch ms or ''), [8] '1' when the
-- case is closed, [9] the digest of the platform delivery the turn handled ('' for none), [10] how
-- long a delivery is remembered (ms), then the number of messages and each message (JSON), then the plan
-- ('keep', 'replace' or 'forget'), the number of planned prompts and for each its id, due time,
-- stored value and whether it is personal (1 or 0), then the number of finished prompts and for
-- each its id and the end of its window (epoch ms)
-- Returns the new revision and the moment the case next has something due ('' for never), or
-- {-1} when someone else wrote first (or the case is gone), {-2} when a new case's code is taken,
-- {-3} when the case already committed a turn of this delivery (then nothing is written).
if ARGV[9] ~= '' and redis.call('ZSCORE', KEYS[9], ARGV[9]) then
  return {-3}
end
local stored = redis.call('HGET', KEYS[1], 'revision')
local revision
if string.sub(ARGV[1], 1, 1) == '=' then
  if stored or redis.call('EXISTS', KEYS[2]) == 1 then
    return {-2}
  end
  revision = tonumber(string.sub(ARGV[1], 2))
else
  if not stored or tonumber(stored) ~= tonumber(ARGV[1]) then
    return {-1}
  end
  revision = tonumber(stored) + 1
end
redis.call('HSET', KEYS[1], 'schema', ARGV[2], 'revision', string.format('%d', revision),
  'doc', ARGV[3])

local now = tonumber(ARGV[4])
if ARGV[6] ~= '' and tonumber(ARGV[6]) > tonumber(redis.call('HGET', KEYS[1], 'acted') or '0') then
  redis.call('HSET', KEYS[1], 'acted', ARGV[6])
end
if ARGV[7] ~= '' then
  local due = redis.call('HGET', KEYS[1], 'erase')
  if not due or tonumber(ARGV[7]) < tonumber(due) then
    redis.call('HSET', KEYS[1], 'erase', ARGV[7])
  end
end
if ARGV[8] == '1' then
  redis.call('HSETNX', KEYS[1], 'closed', ARGV[4])
else
  redis.call('HDEL', KEYS[1], 'closed')
end
if ARGV[9] ~= '' then
  redis.call('ZADD', KEYS[9], ARGV[4], ARGV[9])
  redis.call('ZREMRANGEBYSCORE', KEYS[9], '-inf', string.format('(%d', now - tonumber(ARGV[10])))
end

local i = keep_messages(KEYS[3], 11)

local plan = ARGV[i]
local planned = tonumber(ARGV[i + 1])
i = i + 2
if plan == 'forget' then
  redis.call('DEL', KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8])
elseif plan == 'replace' then
  replace_plan(KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], i, planned)
end
i = i + planned * 4

local finished = tonumber(ARGV[i])
if plan ~= 'forget' then
  finish(KEYS[5], KEYS[7], KEYS[8], i + 1, finished, now, tonumber(ARGV[5]))
end

local earliest = next_look(KEYS[4], KEYS[7])
if earliest then
  return {revision, string.format('%d', earliest)}
end
return {revision, ''}
