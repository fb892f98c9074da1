-- wrk script: repeated GETs with pre-established session cookies, counting answers that are not 200 or lack MARK.
-- env: COOKIES=file with one Cookie header value per line (load.py --mode cookies), MARK=text a good answer holds
local cookies, idx, bad = {}, 0, 0
local mark = os.getenv("MARK") or ""
for line in io.lines(os.getenv("COOKIES")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end
function request()
  idx = idx % #cookies + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookies[idx], ["Accept"] = "text/html" })
end
function response(status, headers, body)
  if status ~= 200 or not body:find(mark, 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("bad responses (last thread): %d\n", bad))
end
