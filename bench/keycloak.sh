#!/usr/bin/env bash
# Keycloak and Gatehouse side by side, measured in one session (issue 6).
#
#   bench/keycloak.sh [seconds-per-level]        (default 15; e.g. 5 for a quick check)
#
# 1. Keycloak (production profile, KC_MODE=prod) through the shared harness ../shared/bench/keycloak/:
#    download and first-time configuration if needed, then a measured (re)start: wall time to the first 200 of
#    /realms/bench, resident memory of its Java process 2 s after start, after the SSO load and after the full load;
#    IdP-initiated SSO for signed-in users with wrk at concurrency 1, 2, 8, 32 (p50/p99 from --latency; the same wrk
#    options as bench/sso.sh: WARMUP s unmeasured, then the given seconds); full login + launch with
#    load.py --mode full at concurrency 1, 2, 8. Sessions are logged out before each scenario. Then Keycloak stops.
# 2. Gatehouse right after: bench/sso.sh h2 SECONDS, its output read from its stdout and its newest jsonl.
# 3. One table: Keycloak vs Gatehouse at each level with the ratio Gatehouse/Keycloak, start-up, memory,
#    `openssl speed rsa2048` sign/s (1 and 2 processes, from bench/sso.sh's run; measured here if it printed none),
#    and the issue's targets: SSO at c=8 >= 5x Keycloak, full sign-in + launch at c=8 >= 2x Keycloak.
#
# Results: target/bench/keycloak-<ts>.jsonl (Keycloak rows), keycloak-<ts>.log (everything printed),
# compare-<ts>.txt (the table), and bench/sso.sh's own target/bench/sso-h2-<ts>.jsonl.
# Keycloak listens on 127.0.0.1:8080 (the harness's fixed port), Gatehouse on PORT (default 18181).
# Keycloak gets an unmeasured priming pass at c=8 before each scenario (PRIME s, default 20, as the harness's
# bench.sh does): its JIT needs it, and it makes the comparison conservative for Gatehouse (bench/sso.sh does none).
# Each row records the CPU used by other processes; rows with more than 15 % of a core are marked * (disturbed).
# Environment: WARMUP (s, default 5), PRIME (s, default 20), KC_BENCH_DIR (default /tmp/keycloak-bench), KC_VERSIONS, SKIP_GATEHOUSE=1.
# Needs python3, curl, wrk, openssl, Java 21+ for Keycloak (the harness's default JAVA_HOME).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
secs="${1:-15}"; warm="${WARMUP:-5}"; prime="${PRIME:-20}"
case "$secs" in ''|*[!0-9]*) echo "usage: $0 [seconds-per-level]"; exit 2 ;; esac
kc="$(cd "$root/../shared/bench/keycloak" 2>/dev/null && pwd)" || { echo "needs ../shared/bench/keycloak (the shared harness)"; exit 1; }
for t in python3 curl wrk openssl; do command -v $t >/dev/null || { echo "needs $t"; exit 1; }; done
export KC_MODE=prod
kcdir="${KC_BENCH_DIR:-/tmp/keycloak-bench}"
kcurl="http://127.0.0.1:8080"; kcpath="/realms/bench/protocol/saml/clients/aws"
kcuser="${USERNAME_:-alice}"; kcpass="${PASSWORD_:-Passw0rd-alice}"
ts="$(date +%Y%m%dT%H%M%S)"; out="$root/target/bench"; mkdir -p "$out"
kjson="$out/keycloak-$ts.jsonl"; log="$out/keycloak-$ts.log"; table="$out/compare-$ts.txt"
work="$(mktemp -d)"; : > "$kjson"
exec > >(tee -a "$log") 2>&1
run_t0=$(date +%s)
say() { echo "[keycloak.sh $(date +%H:%M:%S)] $*"; }
setup() { "$kc/setup.sh" "$@" 2>>"$work/setup.log"; }
rss_mib() { awk '/^VmRSS/{print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo ""; }
hwm_mib() { awk '/^VmHWM/{print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo ""; }
meta() { python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@" >> "$kjson"; }

started_kc=""
kc_stop() {
  [ -n "$started_kc" ] || return 0
  local jp; jp=$(setup javapid || true)
  setup stop || true
  if [ -n "$jp" ] && kill -0 "$jp" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$jp" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$jp" 2>/dev/null && readlink "/proc/$jp/exe" | grep -q '/java$'; then
      say "Keycloak java $jp still alive after stop: SIGTERM"; kill -TERM "$jp" 2>/dev/null || true; sleep 5
      kill -0 "$jp" 2>/dev/null && { say "SIGKILL $jp"; kill -KILL "$jp" 2>/dev/null || true; }
    fi
  fi
  started_kc=""
}
cleanup() { kc_stop; [ -s "$work/setup.log" ] && cp "$work/setup.log" "$out/keycloak-$ts-setup.log"; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
say "seconds per level: $secs (warm-up $warm s per level); results: $out/*-$ts.*"

# The Gatehouse jar must be current before anything is timed: ./gatehouse rebuilds when sources are newer, which
# would otherwise land inside Gatehouse's start-up time.
jar="$root/target/gatehouse.jar"
gh_build() {
  if [ "${SKIP_GATEHOUSE:-}" != 1 ] && { [ ! -f "$jar" ] ||
       [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; }; then
    say "building target/gatehouse.jar (sources newer than the jar)"
    (cd "$root" && mvn -q -B -DskipTests package) >"$work/mvn.log" 2>&1 || { tail -30 "$work/mvn.log"; say "build failed"; exit 1; }
  fi
}
gh_build

# ---------------------------------------------------------------- Keycloak
if [ -f "$kcdir/kc.pid" ] && kill -0 "$(cat "$kcdir/kc.pid")" 2>/dev/null; then
  say "a harness Keycloak is running (kc.sh pid $(cat "$kcdir/kc.pid")): stopping it for a measured start"
  started_kc=1; kc_stop
fi
if curl -s -o /dev/null "$kcurl/" 2>/dev/null; then
  say "something else listens on 127.0.0.1:8080; the harness needs that port"; exit 1
fi
setup download || { say "Keycloak download failed: $(tail -3 "$work/setup.log")"; exit 1; }
kchome=$(ls -d "$kcdir"/keycloak-*/ 2>/dev/null | head -1); kchome="${kchome%/}"
for v in ${KC_VERSIONS:-26.5.6 26.4.7 26.7.3}; do [ -x "$kcdir/keycloak-$v/bin/kc.sh" ] && { kchome="$kcdir/keycloak-$v"; break; }; done
kcver="$(basename "$kchome")"

if [ ! -d "$kchome/data/h2" ]; then
  # First time: the server image is built (Quarkus augmentation, ~40 s) and the realm created; not measured.
  say "first run of $kcver: unmeasured start (server image build) + configure"
  started_kc=1; setup start >/dev/null; setup configure; kc_stop
fi

say "starting $kcver (KC_MODE=prod)"
t0=$(date +%s%N); started_kc=1
setup start > "$work/start.txt" || { say "Keycloak did not start"; tail -30 "$kcdir/kc.log"; exit 1; }
until curl -sf -o /dev/null "$kcurl/realms/bench" 2>/dev/null; do
  if curl -sf -o /dev/null "$kcurl/realms/master" 2>/dev/null; then break; fi; sleep 0.05
done
kc_start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
grep -q 'Updating the server image' "$kcdir/kc.log" && say "NOTE: this start rebuilt Keycloak's server image; its start-up time includes that"
if ! curl -sf -o /dev/null "$kcurl/realms/bench" 2>/dev/null; then
  say "realm bench missing: configuring (after the start-up measurement)"; setup configure
fi
jp=$(setup javapid)
kc_self=$(grep -o 'started in [0-9.]*s' "$kcdir/kc.log" | tail -1 || true)
say "Keycloak up: ${kc_start_ms} ms to first 200 (wrapper to /realms/master: $(grep -o 'wall_to_first_200=[0-9.]*s' "$work/start.txt" | cut -d= -f2); kc.log: $kc_self), java pid $jp"
python3 "$kc/load.py" --base "$kcurl" --path "$kcpath" --user "$kcuser" --password "$kcpass" --mode once \
  --save-xml "$work/once.xml" 2>&1 | sed 's/^/  once: /'
grep -q 'SignatureValue' "$work/once.xml" || { say "no signed SAMLResponse from Keycloak"; exit 1; }
sleep 2; kc_rss_idle=$(rss_mib "$jp")
say "RSS 2 s after start: $kc_rss_idle MiB"
meta kind=keycloak-meta version="$kcver" startup_ms="$kc_start_ms" kc_log="$kc_self" rss_idle_mib="$kc_rss_idle" java_pid="$jp"

# SSO for signed-in users, wrk, same options as bench/sso.sh (-t1 at c=1, else -t2; WARMUP s then SECONDS s).
setup reset-sessions || true
python3 "$kc/load.py" --base "$kcurl" --path "$kcpath" --user "$kcuser" --password "$kcpass" --mode cookies \
  --count 32 --out "$work/cookies.txt" 2>/dev/null
say "SSO (wrk): priming ${prime} s at c=8, then c=1,2,8,32 with ${warm} s warm-up + ${secs} s each; load $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$prime" -gt 0 ] && COOKIES="$work/cookies.txt" MAX_REQ=1000000 wrk -t2 -c8 -d"${prime}s" -s "$kc/wrk-sso.lua" "$kcurl$kcpath" >/dev/null
cpu_of() { awk '{print $14+$15}' "/proc/$1/stat"; }
busy() { awk 'NR==1{b=$2+$3+$4+$7+$8+$9; print b, b+$5+$6}' /proc/stat; }
for c in 1 2 8 32; do
  th=$(( c < 2 ? 1 : 2 ))
  COOKIES="$work/cookies.txt" MAX_REQ=1000000 wrk -t$th -c$c -d"${warm}s" -s "$kc/wrk-sso.lua" "$kcurl$kcpath" >/dev/null
  read b0 a0 < <(busy); s0=$(cpu_of "$jp")
  COOKIES="$work/cookies.txt" MAX_REQ=1000000 /usr/bin/time -f "%U %S" -o "$work/wrk-time.txt" \
    wrk -t$th -c$c -d"${secs}s" --latency -s "$kc/wrk-sso.lua" "$kcurl$kcpath" > "$work/wrk-$c.txt"
  read b1 a1 < <(busy); s1=$(cpu_of "$jp"); read wu ws < "$work/wrk-time.txt"
  python3 - "$work/wrk-$c.txt" "$c" "$(rss_mib "$jp")" "$b0 $a0 $s0 $b1 $a1 $s1 $(nproc) $(getconf CLK_TCK) $wu $ws" >> "$kjson" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v); n = float(m.group(1))
    return round(n * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)], 2)
def size(v):
    m = re.match(r"([\d.]+)([KMG]?B)$", v); return float(m.group(1)) * {"B": 1, "KB": 1024, "MB": 1 << 20, "GB": 1 << 30}[m.group(2)]
lat = {"p" + p: ms(re.search(r"^\s+%s%%\s+(\S+)" % p, text, re.M).group(1)) for p in ("50", "99")}
m = re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", text)
n = int(m.group(1)); non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
b0, a0, s0, b1, a1, s1, ncpu, tck, wu, ws = (float(x) for x in sys.argv[4].split())
window = (a1 - a0) / ncpu / tck
srv = 100 * (s1 - s0) / tck / window if window else None
busy = 100 * ncpu * (b1 - b0) / (a1 - a0) if a1 > a0 else None
wrk = 100 * (wu + ws) / window if window else None
other = busy - srv - wrk if None not in (busy, srv, wrk) else None
row = {"label": "keycloak-prod-sso", "mode": "sso", "concurrency": int(sys.argv[2]), "client": "wrk",
       "iter_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "requests": n,
       "lat_ms": lat, "bytes_per_response": round(size(m.group(3)) / max(n, 1)),
       "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in sock.groups()) if sock else 0),
       "server_cpu_pct": srv and round(srv, 1), "client_cpu_pct": wrk and round(wrk, 1),
       "system_busy_cpu_pct": busy and round(busy, 1), "other_cpu_pct": other and round(other, 1),
       "clean": other is None or other <= 15, "server_rss_mib": int(sys.argv[3] or 0)}
print(json.dumps(row))
print(f"  sso  c={row['concurrency']:<3} {row['iter_per_s']:8.1f}/s p50 {lat['p50']} ms p99 {lat['p99']} ms  "
      f"errors {row['errors']}  {row['bytes_per_response']} B/resp  CPU (% of a core): Keycloak {row['server_cpu_pct']}, "
      f"wrk {row['client_cpu_pct']}, others {row['other_cpu_pct']}{'' if row['clean'] else ' (disturbed)'}  RSS {row['server_rss_mib']} MiB",
      file=sys.stderr)
PY
done
kc_rss_sso=$(rss_mib "$jp")
# wrk-sso.lua's count of non-SAML answers stays in wrk's worker threads; check that the sessions still launch.
if ! curl -s -H "Cookie: $(head -1 "$work/cookies.txt")" "$kcurl$kcpath" | grep -q SAMLResponse; then
  say "WARNING: a Keycloak session no longer returns a SAMLResponse after the SSO load (figures suspect)"
fi

setup reset-sessions || true
say "full login + launch (load.py): priming ${prime} s at c=8, then c=1,2,8 with ${warm} s warm-up + ${secs} s each"
[ "$prime" -gt 0 ] && python3 "$kc/load.py" --base "$kcurl" --path "$kcpath" --user "$kcuser" --password "$kcpass" \
  --mode full --concurrency 8 --warmup 0 --duration "$prime" --retries 0 >/dev/null 2>&1
setup reset-sessions || true
python3 "$kc/load.py" --base "$kcurl" --path "$kcpath" --user "$kcuser" --password "$kcpass" --mode full \
  --concurrency 1,2,8 --warmup "$warm" --duration "$secs" --server-pid "$jp" --json "$work/full.jsonl" \
  --label keycloak-prod-full
cat "$work/full.jsonl" >> "$kjson"
kc_rss_full=$(rss_mib "$jp"); kc_hwm=$(hwm_mib "$jp")
meta kind=keycloak-mem rss_after_sso_mib="$kc_rss_sso" rss_after_full_mib="$kc_rss_full" vmhwm_mib="$kc_hwm"
say "Keycloak RSS: idle $kc_rss_idle MiB, after SSO $kc_rss_sso MiB, after full $kc_rss_full MiB (peak $kc_hwm MiB)"
say "stopping Keycloak"
kc_stop
if pgrep -f "$kchome" >/dev/null 2>&1; then say "WARNING: a process of $kchome is still running: $(pgrep -f "$kchome" | tr '\n' ' ')"
else say "Keycloak stopped (no process of $kchome left)"; fi

# ---------------------------------------------------------------- Gatehouse, same session
gh_out="$work/sso-stdout.txt"; : > "$gh_out"
if [ "${SKIP_GATEHOUSE:-}" != 1 ]; then
  gh_build
  say "Gatehouse: bench/sso.sh h2 $secs; load $(cut -d' ' -f1-3 /proc/loadavg)"
  touch "$work/gh-marker"
  rc=0; "$here/sso.sh" h2 "$secs" 2>&1 | tee "$gh_out" || rc=$?
  # (its EXIT trap ends on `wait` for the killed server under set -e, so it may exit 143 after a complete run)
  [ "$rc" = 0 ] || grep -q '^raw results:' "$gh_out" || say "WARNING: bench/sso.sh failed (exit $rc) before its results"
fi
gh_json=$(sed -n 's/^raw results: *//p' "$gh_out" | tail -1)
if [ -z "$gh_json" ] || [ ! -f "$gh_json" ]; then
  gh_json=$(find "$out" -maxdepth 1 -name 'sso-h2-*.jsonl' -newer "$work/gh-marker" 2>/dev/null | sort | tail -1 || true)
fi

# openssl once in this run: bench/sso.sh's measurement; our own if it printed none.
sign=$(sed -n 's/^openssl speed rsa2048: *\([0-9.]*\) sign\/s.*, *\([0-9.]*\) sign\/s.*/\1 \2/p' "$gh_out" | tail -1)
if [ -z "$sign" ]; then
  say "measuring openssl speed rsa2048 (bench/sso.sh printed none)"
  sign="$(openssl speed -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6}') $(openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048/{print $6}')"
fi

python3 - "$kjson" "${gh_json:-}" "$gh_out" "$sign" $(( $(date +%s) - run_t0 )) <<'PY' | tee "$table"
import json, re, sys
kfile, gfile, gout, sign, elapsed = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5]
kc, kmeta = {}, {}
for line in open(kfile):
    r = json.loads(line)
    if "kind" in r: kmeta.update(r)
    elif "mode" in r: kc[(r["mode"], int(r["concurrency"]))] = r

def num(*vals):
    for v in vals:
        try:
            if v is not None: return float(v)
        except (TypeError, ValueError): pass
    return None

def norm(r):
    """One Gatehouse row, whatever shape bench/sso.sh writes: mode/concurrency/rate/p50/p99."""
    mode = r.get("mode") or ("full" if "full" in str(r.get("label", "")) else "sso" if "sso" in str(r.get("label", "")) else None)
    c = r.get("concurrency", r.get("c", r.get("connections")))
    lat = r.get("lat_ms") or r.get("latency_ms") or {}
    rate = num(r.get("iter_per_s"), r.get("launches_per_s"), r.get("req_per_s"), r.get("requests_per_s"), r.get("rps"))
    if mode not in ("sso", "full") or c is None or rate is None: return None
    return (mode, int(c)), {"iter_per_s": rate, "p50": num(lat.get("p50"), r.get("p50_ms"), r.get("p50")),
                            "p99": num(lat.get("p99"), r.get("p99_ms"), r.get("p99")),
                            "client": r.get("client", "wrk" if mode == "sso" and "wrk" in json.dumps(r) else "load.py"),
                            "errors": r.get("errors"), "clean": r.get("clean"), "other_cpu_pct": r.get("other_cpu_pct")}

gh, gsrc = {}, None
text = open(gout).read() if gout else ""
if gfile:
    try:
        for line in open(gfile):
            line = line.strip()
            if not line.startswith("{"): continue
            n = norm(json.loads(line))
            if n: gh[n[0]] = n[1]
        gsrc = gfile
    except OSError: pass
if not gh:  # stdout: the summary lines "sso  c=8   386.2/s p50 18.6 ms p99 96.0 ms" or load.py's table
    for m in re.finditer(r"^(sso|full)\s+c=(\d+)\s+([\d.]+)/s\s+p50 ([\d.]+) ms p99 ([\d.]+) ms", text, re.M):
        gh[(m.group(1), int(m.group(2)))] = {"iter_per_s": float(m.group(3)), "p50": float(m.group(4)), "p99": float(m.group(5))}
    for m in re.finditer(r"^(sso|full)\s+(\d+)\s+([\d.]+)\s+[\d.]+\s+([\d.]+)\s+[\d.]+\s+([\d.]+)", text, re.M):
        gh.setdefault((m.group(1), int(m.group(2))), {"iter_per_s": float(m.group(3)), "p50": float(m.group(4)), "p99": float(m.group(5))})
    gsrc = "bench/sso.sh stdout" if gh else None

def grab(pattern):
    m = re.search(pattern, text, re.M | re.I); return float(m.group(1)) if m else None
g_start = grab(r"start-up to first \S+ 200 \(median[^:]*:\s*([\d.]+)\s*ms")
g_idle = grab(r"resident memory:.*?idle\s*([\d.]+)\s*MiB")
g_sso_rss = grab(r"resident memory:.*?after SSO load\s*([\d.]+)\s*MiB")
g_full_rss = grab(r"after (?:the )?full(?: sign-in)? load\s*([\d.]+)\s*MiB")
s1, s2 = (num(sign[0]) if sign else None), (num(sign[1]) if len(sign) > 1 else None)

def f(v, d=1): return "-" if v is None else f"{v:,.{d}f}"
def ratio(g, k): return None if g is None or not k else g / k
def fr(x): return "-" if x is None else f"{x:.2f}x"

print(f"\n=== Keycloak ({kmeta.get('version', '?')}, KC_MODE=prod) vs Gatehouse (H2), same session ===")
print(f"openssl speed rsa2048: {f(s1, 0)} sign/s (1 process), {f(s2, 0)} sign/s (2 processes)")
hdr = f"{'scenario':<22}{'c':>3} | {'Keycloak/s':>10} {'p50 ms':>8} {'p99 ms':>8} | {'Gatehouse/s':>11} {'p50 ms':>8} {'p99 ms':>8} | {'GH/KC':>7} | {'KC %2p':>6} {'GH %2p':>6}"
print(hdr); print("-" * len(hdr))
for mode, levels, name in (("sso", (1, 2, 8, 32), "SSO launch (wrk)"), ("full", (1, 2, 8), "full sign-in+launch")):
    for c in levels:
        k, g = kc.get((mode, c), {}), gh.get((mode, c), {})
        kr, gr = num(k.get("iter_per_s")), num(g.get("iter_per_s"))
        kl, gl = k.get("lat_ms", {}), g
        pk = f"{100*kr/s2:5.0f}%" if mode == "sso" and kr and s2 else "-"
        pg = f"{100*gr/s2:5.0f}%" if mode == "sso" and gr and s2 else "-"
        errs = [f"{who} errors {e}" for who, e in (("KC", k.get("errors")), ("GH", g.get("errors"))) if e]
        errs += [f"{who}* others used {o}% of a core" for who, o, cl in (("KC", k.get("other_cpu_pct"), k.get("clean")),
                 ("GH", g.get("other_cpu_pct"), g.get("clean"))) if cl is False]
        print(f"{name:<22}{c:>3} | {f(kr):>10} {f(num(kl.get('p50'))):>8} {f(num(kl.get('p99'))):>8} | "
              f"{f(gr):>11} {f(gl.get('p50')):>8} {f(gl.get('p99')):>8} | {fr(ratio(gr, kr)):>7} | {pk:>6} {pg:>6}"
              + ("  " + ", ".join(errs) if errs else ""))
print("(* = disturbed: other processes used > 15 % of a core during the measurement; %2p = share of the 2-process openssl sign/s; SSO clients: Keycloak wrk, Gatehouse "
      + ", ".join(sorted({str(v.get('client', '?')) for (m, _), v in gh.items() if m == 'sso'}) or ["-"]) + ")")
ks = num(kmeta.get("startup_ms"))
print(f"{'start-up to first 200':<26} Keycloak {f(ks, 0):>7} ms  Gatehouse {f(g_start, 0):>7} ms  GH/KC {fr(ratio(g_start, ks))}"
      f"   (Keycloak: restart on its existing realm; {kmeta.get('kc_log', '')})")
for name, kv, gv in (("RSS after start (MiB)", kmeta.get("rss_idle_mib"), g_idle),
                     ("RSS after SSO load (MiB)", kmeta.get("rss_after_sso_mib"), g_sso_rss),
                     ("RSS after full load (MiB)", kmeta.get("rss_after_full_mib"), g_full_rss)):
    kv = num(kv)
    print(f"{name:<26} Keycloak {f(kv, 0):>7}     Gatehouse {f(gv, 0):>7}     GH/KC {fr(ratio(gv, kv))}")
print(f"Keycloak peak RSS (VmHWM): {kmeta.get('vmhwm_mib', '-')} MiB")
print("\nissue 6 targets:")
for mode, goal, name in (("sso", 5, "Gatehouse SSO at c=8 >= 5x Keycloak"), ("full", 2, "full sign-in + launch at c=8 >= 2x Keycloak")):
    k8, g8 = kc.get((mode, 8), {}), gh.get((mode, 8), {})
    r = ratio(num(g8.get("iter_per_s")), num(k8.get("iter_per_s")))
    dist = [who for who, row in (("Keycloak", k8), ("Gatehouse", g8)) if row.get("clean") is False]
    print(f"  {name}: {fr(r)} -> " + ("no figure" if r is None else "met" if r >= goal else "NOT met")
          + (f"  (disturbed: {', '.join(dist)}; repeat on a quiet machine)" if dist else ""))
print(f"\nGatehouse figures from: {gsrc or 'none (bench/sso.sh gave nothing parsable)'}")
print(f"whole run: {elapsed} s")
PY
say "Keycloak rows: $kjson; table: $table; log: $log"
