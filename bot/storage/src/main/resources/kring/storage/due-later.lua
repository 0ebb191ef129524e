-- Puts a prompt off to a later moment (put_off, in due-plan.lua, put before this).
-- KEYS[1] planned ids by due time, KEYS[2] prompts by id, KEYS[3] put-off ids, KEYS[4] claimed ids
-- (all of one case)
-- ARGV[1] id, ARGV[2] due time (epoch ms), ARGV[3] stored value
put_off(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3])
return 1
