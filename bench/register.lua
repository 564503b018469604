-- wrk script: a signed-in bench member registers for a meeting, then cancels that registration,
-- in turn, cycling over the first upcoming bench meetings (load_bench_meetings numbers them from
-- 1). A register makes a new registration (a new token; the cancels free the member's place), a
-- cancel ends the one just made; a cancel's redirect names a token already seen and is not
-- cancelled again. Requests of a thread's connections interleave, so now and then a register
-- finds the member registered already (a redirect, then cancelled like the others).
-- Arguments after `--`: the CSRF token (masked from the secret in the Cookie header) and the
-- number of meetings to cycle over.
local token = ""
local meetings = 10
local counter = 0
local pending = {}
local seen = {} -- tokens queued or cancelled: a cancel's own redirect names one of these

function init(args)
   token = args[1]
   meetings = tonumber(args[2] or "10")
   math.randomseed(os.time())
   counter = math.random(0, meetings - 1)
end

local function post(path)
   -- wrk.format takes these headers instead of wrk.headers (the Cookie of -H): both, then.
   local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   return wrk.format("POST", path, headers, "csrfmiddlewaretoken=" .. token)
end

function request()
   local cancel = table.remove(pending, 1)
   if cancel then
      return post(cancel)
   end
   counter = counter + 1
   local slug = string.format("bench-meeting-%06d", counter % meetings + 1)
   return post("/meetings/" .. slug .. "/register/")
end

function response(status, headers, body)
   local location = headers["Location"] or headers["location"]
   if location then
      local path = string.match(location, "/meetings/registration/[^/]+/$")
      if path and not seen[path] then
         seen[path] = true
         table.insert(pending, path .. "cancel/")
      end
   end
end
