#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset: clang, ASan + UBSan) and runs
# each for a bounded time, seeded from examples/ and rules/.
#
#   bash scripts/fuzz.sh                 # every target, 30 s each
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh html config
#
# A crash, a sanitizer report, a leak, a timeout (one input over
# FUZZ_TIMEOUT s) or an input over FUZZ_RSS_MB MB fails the run; libFuzzer
# writes the input to build/fuzz/artifacts/<target>/. Turn it into a unit
# test (tests/unit/) along with the fix.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${FUZZ_SECONDS:-30}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}
all=(markdown text html rule_file config dates)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

out=build/fuzz
# Seed corpora, generated afresh from the project's own files.
seed() {
  local target=$1 dir=$out/seeds/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  case $target in
    markdown) find examples tests/golden -name '*.md' -exec cp -t "$dir" {} + 2>/dev/null || true ;;
    text) find examples tests/golden -name '*.txt' -exec cp -t "$dir" {} + 2>/dev/null || true
          find examples -name '*.md' | head -20 | while read -r f; do
            cp "$f" "$dir/$(echo "$f" | tr / _).txt"; done ;;
    html) find examples tests/golden \( -name '*.html' -o -name '*.htm' \) -exec cp -t "$dir" {} + 2>/dev/null || true
          # The Markdown examples as HTML pages: headline, paragraphs, links.
          find examples -name '*.md' | sort | /usr/bin/python3 -c '
import html, re, sys
for n, path in enumerate(sys.stdin.read().split()):
    blocks = [b.strip() for b in open(path, encoding="utf-8").read().split("\n\n") if b.strip()]
    out = ["<!DOCTYPE html><html><head><title>Release</title></head><body><main>"]
    for b in blocks:
        tag = "h1" if b.startswith("# ") else "p"
        text = html.escape(b.lstrip("# "))
        text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"<a href=\"\2\">\1</a>", text)
        out.append(f"<{tag}>{text}</{tag}>")
    out.append("</main></body></html>")
    open(sys.argv[1] + f"/example-{n:03d}.html", "w", encoding="utf-8").write("\n".join(out) + "\n")
' "$dir" ;;
    rule_file) find rules -path rules/data -prune -o -name '*.yaml' -print | while read -r f; do
                 cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
    config) find examples tests -name '.presslint.yaml' | while read -r f; do
              cp "$f" "$dir/$(echo "$f" | tr / _)"; done ;;
    dates) # The first lines of the examples' paragraphs: datelines, dates,
           # embargo and release lines.
           find examples -name '*.md' | sort | while read -r f; do
             grep -E '^(FOR|EMBARGO|[A-Z][A-Za-z .,]+(,|—|–| -)).*[0-9]' "$f" | head -3 |
               while IFS= read -r line; do
                 printf '%s\n' "$line" >"$dir/$(printf '%s' "$line" | md5sum | cut -c1-16)"
               done
           done ;;
  esac
  # A target with no seed starts from an empty input.
  if [ -z "$(ls -A "$dir")" ]; then printf '\n' >"$dir/empty"; fi
}

failed=()
for t in "${targets[@]}"; do
  bin=$out/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "no fuzz target $t (known: ${all[*]})" >&2; exit 2; }
  seed "$t"
  mkdir -p "$out/corpus/$t" "$out/artifacts/$t"
  echo "::: fuzz $t for ${seconds} s ($(ls "$out/seeds/$t" | wc -l) seeds)"
  # The corpus folder comes first: new inputs go there and later runs reuse them.
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$bin" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
         -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" \
         "$out/corpus/$t" "$out/seeds/$t" >"$out/fuzz_$t.log" 2>&1; then
    failed+=("$t")
    tail -60 "$out/fuzz_$t.log"
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' "$out/fuzz_$t.log" |
    tr '\n' ' '
  echo
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in $out/artifacts/)" >&2
  exit 1
fi
echo "fuzzing: no crash in ${targets[*]}"
