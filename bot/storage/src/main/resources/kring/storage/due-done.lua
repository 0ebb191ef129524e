-- Claimed prompts are finished (sent, or dropped on purpose); see finish in due-plan.lua, put
-- before this.
-- KEYS[1] prompts by id, KEYS[2] claimed ids, KEYS[3] handed-out ids (all of one case)
-- ARGV[1] now (epoch ms), ARGV[2] how long a handed-out id is kept past its window (ms), then
-- pairs of id and the end of its window (epoch ms)
finish(KEYS[1], KEYS[2], KEYS[3], 3, (#ARGV - 2) / 2, tonumber(ARGV[1]), tonumber(ARGV[2]))
return 1
