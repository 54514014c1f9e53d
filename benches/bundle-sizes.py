#!/usr/bin/env python3
"""`eid-onboard bundle` on a complete order whose service description is 1 KB or 10 KB of prose
(10 000 characters is the most one answer may hold), and the request PDF alone with a
description of 1 KB, 100 KB and 1 MB (`examples/long_answer_pdf.rs` puts the text straight into
the document, as no answer that long passes `import`), with peak memory.

Times are wall clock from spawn to exit, medians (and the fastest) of N runs; peak memory is
measured by GNU time in N runs of its own (benches/peak.py says why), the median and the largest (a
bimodal peak shows as a large spread).

Build first: cargo build --release --bin eid-onboard --example long_answer_pdf
Usage: benches/bundle-sizes.py [N]
       EID_ONBOARD_BIN=path/to/eid-onboard benches/bundle-sizes.py [N]   (compare another build)
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import peak

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("EID_ONBOARD_BIN", os.path.join(ROOT, "target", "release", "eid-onboard"))
PDF_BIN = os.path.join(ROOT, "target", "release", "examples", "long_answer_pdf")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")
WORDS = ("Solgløtt Meglerportal is the client portal of our real estate agency: buyers and sellers "
         "log in to sign assignment agreements, follow bidding rounds and read the documents of "
         "their sale, https://login.solglott-eiendom.no/sak/2026-11-20?vis=alle. ").split(" ")


def prose(size):
    """About `size` bytes of text in paragraphs of some 600 bytes."""
    out, n, i = [], 0, 0
    while n < size:
        word = WORDS[i % len(WORDS)]
        i += 1
        sep = "\n\n" if i % 90 == 0 else " "
        out.append(word + sep)
        n += len(word.encode()) + len(sep)
    return "".join(out).strip()


def run(argv, env):
    """Seconds from spawn to exit."""
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=quiet)
    _, status, _ = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{argv} failed: {status}")
    return elapsed


def report(label, argv, env, n):
    times = [run(argv, env) * 1000 for _ in range(n)]
    peaks = [peak.peak_mb(argv, env) for _ in range(n)]
    median = None if None in peaks else statistics.median(peaks)
    print(f"{label:>18} {statistics.median(times):>8.1f} ({min(times):>6.1f}) "
          f"{peak.show(median):>8} ({peak.show(peak.most(peaks)):>6})")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    base = tempfile.mkdtemp(prefix="eid-onboard-bundle-")
    source = open(FIXTURE, encoding="utf-8").read()
    print(f"bundle, wall ms and peak MB: median (fastest / largest) of {n} runs")
    print(f"{'answer':>18} {'ms':>18} {'peak MB':>18}")
    env = dict(os.environ, EID_ONBOARD_DATA_DIR=os.path.join(base, "data"), LANG="en_GB.UTF-8")
    out = os.path.join(base, "out")
    for label, size in (("bundle, 1 KB", 1000), ("bundle, 10 KB", 9_900)):
        text = prose(size).replace("\\", "\\\\").replace('"""', '""\\"')
        answers = re.sub(r'description = """.*?"""', lambda _: f'description = """\n{text}"""', source, flags=re.S)
        path = os.path.join(base, f"{size}.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(answers)
        name = f"b{size}"
        subprocess.run([BIN, "--offline", "import", path, name], env=env, check=True, capture_output=True)
        report(label, [BIN, "--offline", "bundle", name, "--out", out, "--force"], env, n)
    pdf = os.path.join(base, "request.pdf")
    for label, size in (("PDF alone, 1 KB", 1000), ("PDF alone, 100 KB", 100_000), ("PDF alone, 1 MB", 1_000_000)):
        report(label, [PDF_BIN, str(size), pdf], env, n)
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
