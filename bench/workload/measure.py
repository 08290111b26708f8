#!/usr/bin/python3
"""Runs benchmark commands side by side and prints a Markdown table.

  measure.py PLAN.json REPS

PLAN.json is a list of rows: {"name", "target", "goal", "a": {"label", "cmd", "cwd"},
"b": {...} or null, "kind": "speedup" (b / a) | "cost" (a / b) | "time" (a alone),
"goal": [">=" | "<=", number], optional "rss_max" (MB) and "time_max" (s) for a}. For each row the
commands run alternately (a, b, a, b, ...) REPS times after one warm-up run
each; wall time is taken around the command itself, and the peak RSS is the
"Maximum resident set size" that /usr/bin/time -v reports for the warm-up run
and for one more run after the timed ones (the larger of the two): timing
the command inside /usr/bin/time would add that program's own start-up to
every figure. Exit status of the tools is ignored: a linter that finds
something exits 1.
"""

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time


def check_status(cmd, code, stderr):
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {code}: {stderr.decode()[-800:]}")


def timed(cmd, cwd):
    """Wall time of one run, in seconds."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    check_status(cmd, proc.returncode, proc.stderr)
    return wall


def peak_rss(cmd, cwd):
    """Peak resident memory of one run under /usr/bin/time -v, in MB."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", report.name] + cmd, cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        text = report.read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m is None:
        sys.exit(f"no /usr/bin/time report for {cmd}: {proc.stderr.decode()[-500:]}")
    check_status(cmd, proc.returncode, proc.stderr)
    return int(m.group(1)) / 1024.0


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    plan = json.load(open(sys.argv[1]))
    reps = int(sys.argv[2])
    rows = []
    for row in plan:
        sides = [s for s in (row["a"], row.get("b")) if s]
        # warm-up (page cache, JIT caches), and a first memory figure
        rss = [[peak_rss(s["cmd"], s["cwd"])] for s in sides]
        walls = [[] for _ in sides]
        for _ in range(reps):
            for i, s in enumerate(sides):
                walls[i].append(timed(s["cmd"], s["cwd"]))
        for i, s in enumerate(sides):
            rss[i].append(peak_rss(s["cmd"], s["cwd"]))
        med = [statistics.median(w) for w in walls]
        peak = [max(r) for r in rss]
        print(f"  {row['name']}: " + ", ".join(
            f"{s['label']} {fmt_time(m)} ({min(w) * 1000:.1f}-{max(w) * 1000:.1f} ms) {p:.1f} MB"
            for s, m, w, p in zip(sides, med, walls, peak)), file=sys.stderr, flush=True)
        rows.append((row, sides, med, peak))

    print("| measurement | presslint | peak RSS | compared with | its time | its peak RSS "
          "| ratio | target | met |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row, sides, med, peak in rows:
        kind = row["kind"]
        if len(sides) == 2:
            ratio = med[1] / med[0] if kind == "speedup" else med[0] / med[1]
            value = ratio
            other = (sides[1]["label"], fmt_time(med[1]), f"{peak[1]:.1f} MB",
                     f"{ratio:.2f}x")
        else:
            value = med[0] if kind == "time" else peak[0]
            other = ("", "", "", "")
        goal = row["goal"]
        ok = value >= goal[1] if goal[0] == ">=" else value <= goal[1]
        if "rss_max" in row:
            ok = ok and peak[0] <= row["rss_max"]
        if "time_max" in row:
            ok = ok and med[0] <= row["time_max"]
        met = "yes" if ok else "NO"
        print(f"| {row['name']} | {fmt_time(med[0])} | {peak[0]:.1f} MB | {other[0]} | "
              f"{other[1]} | {other[2]} | {other[3]} | {row['target']} | {met} |")


if __name__ == "__main__":
    main()
