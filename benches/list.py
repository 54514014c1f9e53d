#!/usr/bin/env python3
"""`eid-onboard list` with 1, 10, 100 and 1 000 drafts, against `cat` of the same files.

Each draft is a copy of tests/fixtures/answers/idura-complete.toml imported once. Times are wall
clock from spawn to exit (posix_spawn, output to a pipe that is drained), medians of N runs;
peak memory is the child's ru_maxrss from wait4.

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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("EID_ONBOARD_BIN", os.path.join(ROOT, "target", "release", "eid-onboard"))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")


def run(argv, env):
    """Seconds from spawn to exit, and peak RSS in kB."""
    read, write = os.pipe()
    actions = [(os.POSIX_SPAWN_DUP2, write, 1), (os.POSIX_SPAWN_CLOSE, read)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    os.close(write)
    while os.read(read, 65536):
        pass
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(read)
    if status != 0:
        raise SystemExit(f"{argv} failed: {status}")
    return elapsed, usage.ru_maxrss


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    base = tempfile.mkdtemp(prefix="eid-onboard-list-")
    cat = shutil.which("cat")
    print(f"list, medians of {n} runs")
    print(f"{'drafts':>7} {'list ms':>9} {'cat ms':>8} {'ratio':>6} {'list MB':>8} {'per draft µs':>13}")
    for count in (1, 10, 100, 1000):
        data = os.path.join(base, str(count))
        env = dict(os.environ, EID_ONBOARD_DATA_DIR=data, LANG="en_GB.UTF-8", EID_ONBOARD_LANG="en")
        subprocess.run([BIN, "--offline", "import", FIXTURE, "d-0"], env=env, check=True, capture_output=True)
        drafts = os.path.join(data, "drafts")
        first = os.path.join(drafts, "d-0.toml")
        for i in range(1, count):
            shutil.copy(first, os.path.join(drafts, f"d-{i}.toml"))
        files = sorted(glob.glob(os.path.join(drafts, "*.toml")))
        listed, catted, peak = [], [], []
        for _ in range(n):
            t, m = run([BIN, "--offline", "list"], env)
            listed.append(t)
            peak.append(m)
            t, _ = run([cat, *files], env)
            catted.append(t)
        lt, ct = statistics.median(listed) * 1000, statistics.median(catted) * 1000
        print(f"{count:>7} {lt:>9.2f} {ct:>8.2f} {lt / ct:>6.1f} {max(peak) / 1024:>8.1f} {lt * 1000 / count:>13.0f}")
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
