#!/usr/bin/env bash
# Benchmarks presslint against markdownlint-cli2 on workloads generated from
# the shared corpus, and prints a Markdown table (see bench/README.md).
#
#   bash bench/run.sh              # REPS=5 repetitions per measurement
#   REPS=3 bash bench/run.sh
#   KEEP=1 bash bench/run.sh       # keep the generated workloads (path printed)
#
# Everything runs offline: presslint with --offline, markdownlint-cli2 has no
# network code. Workloads live in a temporary folder, never in the project.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${PRESSLINT_SHARED_DIR:-$root/../shared}/corpus
reps=${REPS:-5}
py=/usr/bin/python3

[ -d "$corpus/newsworthy-archive" ] || { echo "no corpus at $corpus" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (Debian package: time)" >&2; exit 2; }

echo "building presslint (release preset)" >&2
(cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release --target presslint >/dev/null)

echo "installing markdownlint-cli2 (bench/package-lock.json)" >&2
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mdl=$here/node_modules/.bin/markdownlint-cli2

work=$(mktemp -d "${TMPDIR:-/tmp}/presslint-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  echo "workloads kept in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# The program as installed (`cmake --install`, the .deb): one file written
# in one go. The linker writes its output in pieces, and this kernel then
# caches the file in small pages, so that the build folder's copy starts
# about a millisecond slower than the same bytes installed.
install -D -m 755 "$root/build/release/presslint" "$work/bin/presslint"
presslint=$work/bin/presslint

echo "generating workloads in $work" >&2
gen() { "$py" "$here/workload/generate.py" "$@"; }
gen files "$corpus" "$work/w1000" 1000
gen files "$corpus" "$work/w10000" 10000
mkdir -p "$work/small"
gen files "$corpus" "$work/small" 1
gen big "$corpus" "$work/1mb.md" 1000000
gen big "$corpus" "$work/10mb.md" 10000000
gen rules "$work/pack" 200

# markdownlint-cli2 with its default rules, on the same Markdown files.
pl() { printf '"%s", "--offline", "--no-show-source", "--color", "never"' "$presslint"; }
cat >"$work/plan.json" <<JSON
[
 {"name": "1,000 files (default -j)", "kind": "speedup", "goal": [">=", 50], "target": ">= 50x faster",
  "a": {"label": "presslint", "cmd": [$(pl), "."], "cwd": "$work/w1000"},
  "b": {"label": "markdownlint-cli2", "cmd": ["$mdl", "**/*.md"], "cwd": "$work/w1000"}},
 {"name": "10,000 files (default -j)", "kind": "speedup", "goal": [">=", 1], "rss_max": 40,
  "target": "< 40 MB peak RSS",
  "a": {"label": "presslint", "cmd": [$(pl), "."], "cwd": "$work/w10000"},
  "b": {"label": "markdownlint-cli2", "cmd": ["$mdl", "**/*.md"], "cwd": "$work/w10000"}},
 {"name": "one small file (start-up)", "kind": "speedup", "goal": [">=", 1], "time_max": 0.010,
  "target": "< 10 ms",
  "a": {"label": "presslint", "cmd": [$(pl), "000/release-00000.md"], "cwd": "$work/small"},
  "b": {"label": "markdownlint-cli2", "cmd": ["$mdl", "000/release-00000.md"], "cwd": "$work/small"}},
 {"name": "10 MB file vs 1 MB file", "kind": "cost", "goal": ["<=", 12], "target": "<= 12x",
  "a": {"label": "presslint 10 MB", "cmd": [$(pl), "10mb.md"], "cwd": "$work"},
  "b": {"label": "presslint 1 MB", "cmd": [$(pl), "1mb.md"], "cwd": "$work"}},
 {"name": "1,000 files, 200 extra rules vs none", "kind": "cost", "goal": ["<=", 2], "target": "< 2x",
  "a": {"label": "presslint +200 rules", "cmd": [$(pl), "--rules", "$work/pack", "."], "cwd": "$work/w1000"},
  "b": {"label": "presslint", "cmd": [$(pl), "."], "cwd": "$work/w1000"}},
 {"name": "1,000 files, -j 2 vs -j 1", "kind": "speedup", "goal": [">=", 1.7], "target": ">= 1.7x faster",
  "a": {"label": "presslint -j 2", "cmd": [$(pl), "-j", "2", "."], "cwd": "$work/w1000"},
  "b": {"label": "presslint -j 1", "cmd": [$(pl), "-j", "1", "."], "cwd": "$work/w1000"}}
]
JSON

# The "one small file" time is the start-up cost: check it is real work.
"$presslint" --offline --no-show-source --color never "$work/small/000/release-00000.md" >/dev/null \
  || [ $? -eq 1 ] || { echo "presslint failed on the small file" >&2; exit 1; }

echo "measuring: $reps repetitions, alternating, after one warm-up each" >&2
table=$("$py" "$here/workload/measure.py" "$work/plan.json" "$reps")

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) hardware threads, $cpu, $mem RAM; $(uname -sr); load average at the end: $(cut -d" " -f1-3 /proc/loadavg)."
echo "$("$presslint" --version | head -1) (release build, --offline), markdownlint-cli2 0.22.1 on Node $(node --version)."
echo "Workloads: $(du -sh "$work/w1000" | cut -f1) in 1,000 files, $(du -sh "$work/w10000" | cut -f1) in 10,000 files; medians of $reps runs."
echo
echo "$table"
