-- wrk script: POST /v1/chat/voice-sessions for BENCH_AGENT_ID with BENCH_API_KEY and count
-- the responses that are not 2xx (wrk itself only counts status >= 400).
local agent_id = os.getenv("BENCH_AGENT_ID")
local api_key = os.getenv("BENCH_API_KEY")
if not agent_id or not api_key then
  error("set BENCH_AGENT_ID and BENCH_API_KEY")
end

wrk.method = "POST"
wrk.body = string.format('{"agent_id":"%s"}', agent_id)
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = api_key

-- Each thread counts in its own Lua state; done() collects them through the thread handles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  codes = {}
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    codes[status] = (codes[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, by_code = 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
    for status, count in pairs(thread:get("codes")) do
      by_code[status] = (by_code[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(by_code) do
    table.insert(parts, string.format("%d: %d", status, count))
  end
  table.sort(parts)
  io.write(string.format("non-2xx: %d", total))
  if #parts > 0 then
    io.write(" (" .. table.concat(parts, ", ") .. ")")
  end
  io.write("\n")
end
