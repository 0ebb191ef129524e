-- What the scripts that keep a turn's messages with its case share (put before each of them).

-- Keeps the messages in ARGV from index `from` (their number, then each message as JSON) with the
-- case, in `waiting`, until they are handed to the outbox; returns the index after them.
local function keep_messages(waiting, from)
  local messages = tonumber(ARGV[from])
  for m = 1, messages do
    redis.call('RPUSH', waiting, ARGV[from + m])
  end
  return from + messages + 1
end
