/*
 * Lua for the consumer-group steps that must read and change the pending-entries list (PEL)
 * in one atomic step: done as separate commands, another member could take or acknowledge an
 * entry between the read and the write. All take KEYS[1] = the stream, ARGV[1] = the group,
 * ARGV[2] = this consumer. They need Redis >= 7 (XAUTOCLAIM reporting deleted ids,
 * exclusive `(` ranges in XPENDING).
 */

/**
 * Takes up to ARGV[5] entries pending longer than ARGV[3] ms, scanning from cursor ARGV[4],
 * and returns `[nextCursor, [[id, fields, deliveries], ...], [deletedId, ...]]`. XAUTOCLAIM
 * bumps the delivery count but does not return it; reading it here, before anyone else can
 * touch the entry, gives the handler its true attempt number.
 */
export const CLAIM_ABANDONED_SCRIPT = `
local reply = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], 'COUNT', ARGV[5])
local claimed = {}
for _, entry in ipairs(reply[2]) do
  if entry and entry[2] then
    local pending = redis.call('XPENDING', KEYS[1], ARGV[1], entry[1], entry[1], 1)
    if pending[1] then
      claimed[#claimed + 1] = {entry[1], entry[2], pending[1][4]}
    end
  end
end
return {reply[1], claimed, reply[3] or {}}
`;

/**
 * Redelivers entries ARGV[3..] to this consumer after its handler failed on them, bumping
 * their delivery counts, and returns one number per entry: its new delivery count; 0 when it
 * is no longer this consumer's (acknowledged, or taken over by another member: it is theirs
 * now); -1 when it was trimmed from the stream (XCLAIM then drops it from the group).
 */
export const RECLAIM_OWN_SCRIPT = `
local counts = {}
for i = 3, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if not pending[1] or pending[1][2] ~= ARGV[2] then
    counts[#counts + 1] = 0
  elseif not redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i])[1] then
    counts[#counts + 1] = -1
  else
    counts[#counts + 1] = pending[1][4] + 1
  end
end
return counts
`;

/**
 * Resets the idle time of entries ARGV[3..] that this consumer still owns (XCLAIM JUSTID:
 * no delivery-count bump), so other members' XAUTOCLAIM leaves a slow handler's event alone.
 * Returns the ids this consumer no longer owns.
 */
export const KEEP_ALIVE_SCRIPT = `
local lost = {}
for i = 3, #ARGV do
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'IDLE', 0, 'JUSTID')
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return lost
`;

/**
 * A closing consumer's hand-over. Redis has no "give back" for a pending entry, so every
 * entry still pending to this consumer is marked idle for ARGV[3] ms, which makes it
 * claimable at once by the remaining members' XAUTOCLAIM instead of after `minIdleTimeMs`.
 * Entries in ARGV[4..] were delivered but never handled: their delivery count is lowered by
 * one so the member that takes them reports the same attempt. A consumer left with nothing
 * pending is deleted from the group. Returns how many entries were handed over.
 */
export const HAND_OVER_SCRIPT = `
local unstarted = {}
for i = 4, #ARGV do unstarted[ARGV[i]] = true end
local handed = 0
local start = '-'
while true do
  local page = redis.call('XPENDING', KEYS[1], ARGV[1], start, '+', 100, ARGV[2])
  for _, pending in ipairs(page) do
    local deliveries = pending[4]
    if unstarted[pending[1]] and deliveries > 0 then deliveries = deliveries - 1 end
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, pending[1],
      'IDLE', ARGV[3], 'RETRYCOUNT', deliveries, 'JUSTID')
    handed = handed + 1
    start = '(' .. pending[1]
  end
  if #page < 100 then break end
end
if handed == 0 then redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) end
return handed
`;

/**
 * Deletes the group's consumers, other than this one, that own nothing and have not been
 * seen for ARGV[3] ms (closed or crashed subscriptions: every subscription is a new consumer).
 * Checking and deleting in one step matters: DELCONSUMER drops whatever the consumer still
 * owns, so a consumer that read an entry in between must not be deleted. Returns the count.
 */
export const FORGET_IDLE_CONSUMERS_SCRIPT = `
local forgotten = 0
for _, info in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local fields = {}
  for i = 1, #info, 2 do fields[info[i]] = info[i + 1] end
  if fields['name'] ~= ARGV[2] and fields['pending'] == 0
      and fields['idle'] >= tonumber(ARGV[3]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], fields['name'])
    forgotten = forgotten + 1
  end
end
return forgotten
`;
