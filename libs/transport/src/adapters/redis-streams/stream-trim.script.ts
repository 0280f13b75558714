/**
 * Trims stream KEYS[1] once it holds more than ARGV[1] entries, never past an entry some
 * consumer group has not acknowledged. `XADD MAXLEN` trims whether or not a group read the
 * entries, so a backlog longer than the limit lost accepted events; this runs instead.
 *
 * A group's unacknowledged entries are its pending ones and the `lag` entries it has not
 * read, the newest. When every group has nothing pending and a known lag within the limit,
 * the newest ARGV[1] entries hold all of them: trim to that length (the retention asked for).
 * Otherwise trim to the oldest entry some group still needs (its oldest pending entry, or the
 * last it read), which keeps more than the limit while a group is behind, and only drops
 * what every group acknowledged. A stream no group reads is trimmed to the limit.
 * Returns how many entries were trimmed.
 */
export const TRIM_STREAM_SCRIPT = `
local maxLen = tonumber(ARGV[1])
if redis.call('XLEN', KEYS[1]) <= maxLen then return 0 end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then return redis.call('XTRIM', KEYS[1], 'MAXLEN', maxLen) end
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function older(a, b)
  local ams, aseq = parse(a)
  local bms, bseq = parse(b)
  return ams < bms or (ams == bms and aseq < bseq)
end
local floor
local withinLimit = true
for _, group in ipairs(groups) do
  local fields = {}
  for i = 1, #group, 2 do fields[group[i]] = group[i + 1] end
  local needed = fields['last-delivered-id']
  if fields['pending'] > 0 then
    needed = redis.call('XPENDING', KEYS[1], fields['name'], '-', '+', 1)[1][1]
    withinLimit = false
  elseif type(fields['lag']) ~= 'number' or fields['lag'] >= maxLen then
    withinLimit = false
  end
  if floor == nil or older(needed, floor) then floor = needed end
end
if withinLimit then return redis.call('XTRIM', KEYS[1], 'MAXLEN', maxLen) end
return redis.call('XTRIM', KEYS[1], 'MINID', floor)
`;
