-- wrk script for bench/assume-role.sh: repeats one unsigned STS AssumeRoleWithSAML Query POST.
-- env: BODY_FILE  file holding the url-encoded form body (Action=AssumeRoleWithSAML&...&SAMLAssertion=...)
--      RESULT     file to append one JSON line of results to (optional)
--      LABEL      free text stored with the result (optional)
-- A response is an error unless it is 200 with <AssumeRoleWithSAMLResult> in the body; the first few errors of
-- each thread are printed to stderr.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local form = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = form
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  bad, shown = 0, 0
end

function response(status, headers, body)
  if status ~= 200 or not body:find("<AssumeRoleWithSAMLResult>", 1, true) then
    bad = bad + 1
    if shown < 3 then
      shown = shown + 1
      io.stderr:write(string.format("error (thread %d): HTTP %d %s\n", id, status, (body or ""):sub(1, 400):gsub("%s+", " ")))
    end
  end
end

function done(summary, latency, requests)
  local errs = 0
  for _, t in ipairs(threads) do errs = errs + (t:get("bad") or 0) end
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  local line = string.format(
    '{"label":"%s","connections":%d,"threads":%d,"duration_s":%.3f,"requests":%d,"req_per_s":%.1f,'
      .. '"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"bad_responses":%d,"socket_errors":%d}',
    os.getenv("LABEL") or "", tonumber(os.getenv("CONNECTIONS") or "0"), #threads, secs, summary.requests,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errs, sock)
  io.write(line .. "\n")
  local out = os.getenv("RESULT")
  if out and #out > 0 then
    local r = assert(io.open(out, "a"))
    r:write(line .. "\n")
    r:close()
  end
end
