-- Takes one message from a person's share of prompts: one per day, ARGV[3] per week.
-- KEYS[1] the person's prompt share (hash: day, week, sent this week)
-- ARGV[1] the day (ISO date), ARGV[2] the week's Monday (ISO date), ARGV[3] messages per week,
-- ARGV[4] seconds to keep the share (a little over a week), ARGV[5] '1' when the message holds
-- only what can wait: then the week's last message is kept for what cannot
-- Returns 'GRANTED', 'DAY_USED', 'WEEK_USED' or 'KEPT'.
local share = redis.call('HMGET', KEYS[1], 'day', 'week', 'sent')
if share[1] == ARGV[1] then
  return 'DAY_USED'
end
local sent = 0
if share[2] == ARGV[2] then
  sent = tonumber(share[3]) or 0
end
if sent >= tonumber(ARGV[3]) then
  return 'WEEK_USED'
end
if ARGV[5] == '1' and sent + 1 >= tonumber(ARGV[3]) then
  return 'KEPT'
end
redis.call('HSET', KEYS[1], 'day', ARGV[1], 'week', ARGV[2], 'sent', sent + 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 'GRANTED'
