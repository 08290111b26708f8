#!/usr/bin/env bash
# Live link checks, side by side: presslint (cold and warm cache) against
# linkinator 7.6.1 (default and --retry) on the workload of
# ../shared/bench/links (200 releases, 2,000 links, 300 unique URLs, 50 ms
# of latency per request). Everything runs on 127.0.0.1: the workload's
# server is the only host any checker talks to.
#
# Usage: bash bench/links/run.sh [PRESSLINT_BINARY]
#   (default: build/release/presslint, built if missing)
# Environment: PRESSLINT_SHARED_DIR (default: ../shared beside the checkout),
#   PORT (default 8765).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${PRESSLINT_SHARED_DIR:-$root/../shared}/bench/links
port=${PORT:-8765}
python=/usr/bin/python3
binary=${1:-$root/build/release/presslint}

if [ ! -x "$binary" ]; then
  (cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release)
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
linkinator="$here/node_modules/linkinator/build/src/cli.js"

work=$(mktemp -d /tmp/presslint-links-bench.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The generator writes truth.json beside itself: run a copy in the work folder.
cp "$shared/gen.py" "$work/gen.py"
"$python" "$work/gen.py" --port "$port" --out "$work/links" --edge-out "$work/edge" >/dev/null
"$python" "$shared/server.py" --port "$port" --pidfile "$work/server.pid" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -s --noproxy '*' "http://127.0.0.1:$port/__stats" >/dev/null 2>&1 && break
  sleep 0.1
done

config='links: { allow-private: true, per-host: 32, concurrency: 32 }'
echo "$config" > "$work/links/.presslint.yaml"

only_live="--disable release-line --disable embargo --disable dateline --disable date \
--disable contact --disable terminator --disable link --disable headline --disable body \
--disable placeholder --disable style --disable boilerplate \
--enable link.dead --enable link.unreachable --enable link.redirect"

# run NAME OUTPUT COMMAND...: times one checker, with the server's counters reset.
run() {
  local name=$1 out=$2
  shift 2
  curl -s --noproxy '*' "http://127.0.0.1:$port/__reset" >/dev/null
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err" || true
  curl -s --noproxy '*' "http://127.0.0.1:$port/__stats" >"$work/$name.stats"
}

cd "$work/links"
# shellcheck disable=SC2086
run presslint "$work/presslint.json" "$binary" --no-show-source -f json --cache-dir "$work/cache" $only_live .
# shellcheck disable=SC2086
run presslint-warm "$work/presslint-warm.json" "$binary" --no-show-source -f json --cache-dir "$work/cache" $only_live .
run linkinator "$work/linkinator.json" node "$linkinator" "*.md" --markdown --format json
run linkinator-retry "$work/linkinator-retry.json" node "$linkinator" "*.md" --markdown --format json --retry

"$python" - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
truth = json.load(open(work + "/truth.json"))["urls"]

def wall(name):
    for line in open(f"{work}/{name}.time"):
        if "Elapsed (wall clock)" in line:
            t = line.rsplit(" ", 1)[1].strip().split(":")
            return sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))

def rss(name):
    for line in open(f"{work}/{name}.time"):
        if "Maximum resident set size" in line:
            return int(line.rsplit(" ", 1)[1]) / 1024

def requests(name):
    return json.load(open(f"{work}/{name}.stats"))["requests"]

def presslint_verdicts(name):
    verdict = {u: "ok" for u in truth}
    data = json.load(open(f"{work}/{name}.json"))
    files = data["files"] if isinstance(data, dict) else data
    for f in files:
        for x in f.get("findings", []):
            m = re.search(r'"(http[^"]+)"', x["message"])
            if not m:
                continue
            rule = x["rule"]
            if rule == "link.dead":
                verdict[m.group(1)] = "broken"
            elif rule == "link.unreachable":
                verdict[m.group(1)] = "unknown"
    return verdict

def linkinator_verdicts(name):
    verdict = {}
    try:
        data = json.load(open(f"{work}/{name}.json"))
    except ValueError:
        return {u: "unknown" for u in truth}
    for l in data.get("links", []):
        if l["url"] in truth:
            state = l["state"]
            verdict[l["url"]] = "broken" if state == "BROKEN" else ("ok" if state == "OK" else "unknown")
    return {u: verdict.get(u, "unknown") for u in truth}

def wrong(verdict):
    n = 0
    for u, t in truth.items():
        want = "broken" if t["expect"] == "broken" else "ok"
        n += verdict[u] != want
    return n

rows = [("presslint, cold cache", "presslint", presslint_verdicts),
        ("presslint, warm cache", "presslint-warm", presslint_verdicts),
        ("linkinator 7.6.1, default", "linkinator", linkinator_verdicts),
        ("linkinator 7.6.1, --retry", "linkinator-retry", linkinator_verdicts)]
print("| checker | wall | peak RSS | requests | wrong verdicts |")
print("|---|---|---|---|---|")
for label, name, fn in rows:
    print(f"| {label} | {wall(name):.2f} s | {rss(name):.1f} MB | {requests(name)} | {wrong(fn(name))} |")
PY
echo
echo "presslint config: $config"
echo "workload: 200 files, 2,000 links, 300 unique URLs (200 ok, 50 missing, 30 moved, 20 slow), 50 ms per request"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
echo "edge cases (../shared/bench/links edge set; presslint's findings, all link rules on):"
echo "$config" > "$work/edge/.presslint.yaml"
curl -s --noproxy '*' "http://127.0.0.1:$port/__reset" >/dev/null
(cd "$work/edge" && "$binary" --no-show-source --color never --no-cache \
  --disable release-line --disable embargo --disable dateline --disable date --disable contact \
  --disable terminator --disable headline --disable body --disable placeholder --disable style \
  --disable boilerplate --disable link.insecure edge.md | sed 's/^/  /') || true
