#!/usr/bin/env python3
"""CPU per thread group of the bench JVM, for each repetition of `citylake bench ingest`.

Usage (from the CityLake home):
    python3 bench/scripts/thread_cpu.py [bench ingest options...]
e.g.
    python3 bench/scripts/thread_cpu.py --parallelism 2 --results-dir /some/dir

Runs `./citylake bench ingest <options>`, stamps every line it prints with the time, and reads
/proc/<pid>/task/*/stat of the bench's JVM every 0.2 s. A task thread's CPU is the last value seen
before it ended, so threads that end between two reads lose at most 0.2 s of CPU. Each window runs
from one "ingest p=N rep|warm-up" line to the next: one job, and the row-count check of the job
before it. Linux only.
"""
import collections
import os
import re
import subprocess
import sys
import threading
import time

REP = re.compile(r"\[ingest\] ingest p=\d+ (rep|warm-up)")
TICKS = os.sysconf("SC_CLK_TCK")

# Thread name (as /proc shows it, 15 characters) -> group; first match wins.
GROUPS = [
    ("source tasks", re.compile(r"^Source: kafka")),
    ("dedup tasks", re.compile(r"^dedup ")),
    ("Kafka fetchers", re.compile(r"^Source Data Fet")),
    ("JIT compilers", re.compile(r"^C[12] CompilerThre")),
    ("GC", re.compile(r"^(GC Thread|G1 )")),
]


def group(name):
    for label, pattern in GROUPS:
        if pattern.search(name):
            return label
    return "everything else"


def bench_pid(parent):
    """The JVM the launcher started: the descendant whose command line runs BenchCli."""
    while True:
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if b"org.citylake.bench.BenchCli\x00ingest" in f.read():
                        return pid
            except OSError:
                continue
        if parent.poll() is not None:
            return None
        time.sleep(0.2)


def poll(pid, samples, stop):
    """Appends (time, tid, name, ticks) for every thread of pid until stop is set."""
    base = f"/proc/{pid}/task"
    while not stop.is_set() and os.path.exists(base):
        now = time.time()
        try:
            tids = os.listdir(base)
        except OSError:
            break
        for tid in tids:
            try:
                with open(f"{base}/{tid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            samples.append((now, tid, name, int(fields[11]) + int(fields[12])))
        time.sleep(0.2)


def main(args):
    bench = subprocess.Popen(
        ["./citylake", "bench", "ingest", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    samples, lines, stop = [], [], threading.Event()
    finder = threading.Thread(
        target=lambda: poll(bench_pid(bench), samples, stop), daemon=True
    )
    finder.start()
    for line in bench.stdout:
        sys.stdout.write(line)
        if REP.search(line):
            lines.append((time.time(), line.strip()))
    bench.wait()
    stop.set()
    finder.join(timeout=5)

    series = collections.defaultdict(list)  # tid -> [(time, ticks, name)]
    for now, tid, name, ticks in samples:
        series[tid].append((now, ticks, name))

    def ticks_at(points, moment):
        last = None
        for now, ticks, _ in points:
            if now > moment:
                break
            last = ticks
        return last

    print("\nCPU-s per thread group, per window (one job each):")
    for (start, _), (end, line) in zip(lines, lines[1:]):
        if not samples or start < samples[0][0]:
            continue
        totals = collections.Counter()
        for points in series.values():
            after = ticks_at(points, end)
            if after is None:
                continue
            before = ticks_at(points, start)
            if before is None:
                before = 0 if points[0][0] > start else points[0][1]
            if after > before:
                totals[group(points[0][2])] += after - before
        print(f"\n{line}")
        for label, ticks in totals.most_common():
            print(f"  {ticks / TICKS:7.2f}  {label}")
    return bench.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
