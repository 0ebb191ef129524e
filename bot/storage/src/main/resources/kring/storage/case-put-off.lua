-- Puts off one of a person's prompts for a turn that changed no case, and keeps the answer that
-- confirms it with the case (until it is handed to the outbox), all or nothing: so the answer is
-- only kept where the put-off stands. Nothing is written when the case is gone (erased since the
-- turn read it). (put_off is in due-plan.lua, keep_messages in case-keep.lua, put before this.)
-- KEYS (all of one case): [1] the case hash, [2] its messages waiting to be handed to the outbox,
-- [3] planned ids by due time, [4] prompts by id, [5] put-off ids, [6] claimed ids
-- ARGV: [1] the prompt's id, [2] its new due time (epoch ms), [3] its stored value, then the
-- number of messages and each message (JSON)
-- Returns 1, or 0 when the case is gone.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
put_off(KEYS[3], KEYS[4], KEYS[5], KEYS[6], ARGV[1], ARGV[2], ARGV[3])
keep_messages(KEYS[2], 4)
return 1
