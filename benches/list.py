#!/usr/bin/env python3
"""`eid-onboard list` with 1, 10, 100 and 1 000 drafts, against `cat` of the same files.

Each draft is a copy of tests/fixtures/answers/idura-complete.toml imported once. Times are wall
clock from spawn to exit (posix_spawn, output to a pipe that is drained), medians of N runs;
peak memory is measured by GNU time in runs of its own (benches/peak.py says why).

`list` keeps what it shows of each draft in an index (<data dir>/summaries.bin), for drafts not
changed in the last 3 seconds (crates/core/src/draft/index.rs says why), so the drafts are made,
then left that long. Two figures: "first" without an index (removed before each run: every
draft parsed), "again" with the index the run before left (the usual case).

Build first: cargo build --release --bin eid-onboard
Usage: benches/list.py [N]
       EID_ONBOARD_BIN=path/to/eid-onboard benches/list.py [N]   (compare another build)
"""
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import peak

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("EID_ONBOARD_BIN", os.path.join(ROOT, "target", "release", "eid-onboard"))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")
# A little more than draft::index::SETTLE.
SETTLE = 3.5


def run(argv, env):
    """Seconds from spawn to exit."""
    read, write = os.pipe()
    actions = [(os.POSIX_SPAWN_DUP2, write, 1), (os.POSIX_SPAWN_CLOSE, read)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    os.close(write)
    while os.read(read, 65536):
        pass
    _, status, _ = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(read)
    if status != 0:
        raise SystemExit(f"{argv} failed: {status}")
    return elapsed


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = tempfile.mkdtemp(prefix="eid-onboard-list-")
    cat = shutil.which("cat")
    print(f"list, medians of {n} runs")
    print(f"{'drafts':>7} {'first ms':>9} {'again ms':>9} {'cat ms':>8} {'ratio':>6} "
          f"{'first MB':>9} {'again MB':>9} {'first µs/draft':>15}")
    for count in (1, 10, 100, 1000):
        data = os.path.join(base, str(count))
        env = dict(os.environ, EID_ONBOARD_DATA_DIR=data, LANG="en_GB.UTF-8", EID_ONBOARD_LANG="en")
        subprocess.run([BIN, "--offline", "import", FIXTURE, "d-0"], env=env, check=True, capture_output=True)
        drafts = os.path.join(data, "drafts")
        first = os.path.join(drafts, "d-0.toml")
        for i in range(1, count):
            shutil.copy(first, os.path.join(drafts, f"d-{i}.toml"))
        files = sorted(glob.glob(os.path.join(drafts, "*.toml")))
        index = os.path.join(data, "summaries.bin")
        time.sleep(SETTLE)
        argv = [BIN, "--offline", "list"]
        first, again, catted, first_peak, again_peak = [], [], [], [], []
        for _ in range(n):
            if os.path.exists(index):
                os.remove(index)
            first.append(run(argv, env))
            again.append(run(argv, env))
            catted.append(run([cat, *files], env))
        for _ in range(3):
            if os.path.exists(index):
                os.remove(index)
            first_peak.append(peak.peak_mb(argv, env))
            again_peak.append(peak.peak_mb(argv, env))
        ft, at = statistics.median(first) * 1000, statistics.median(again) * 1000
        ct = statistics.median(catted) * 1000
        print(f"{count:>7} {ft:>9.2f} {at:>9.2f} {ct:>8.2f} {at / ct:>6.1f} "
              f"{peak.show(peak.most(first_peak)):>9} {peak.show(peak.most(again_peak)):>9} "
              f"{ft * 1000 / count:>15.0f}")
    print("(ratio: again / cat; MB: the largest peak of 3 runs, by GNU time)")
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
