#!/usr/bin/env python3
"""Time to the first complete frame in a real pty, and peak memory.

Runs `eid-onboard edit NAME` on a complete draft and a bare ratatui program that draws one
bordered paragraph (examples/bare_frame.rs), alternately, N times each, at 80x24. The clock
starts before fork and stops when the frame's last line has arrived. Peak memory is the program's
VmHWM from /proc (it starts anew at exec, so the forking Python does not count), read 300 ms after
the first frame, once validation has loaded everything it needs.
Build first: cargo build --release --bin eid-onboard --example bare_frame
Usage: benches/first-frame.py [N]
"""
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "eid-onboard")
BARE = os.path.join(ROOT, "target", "release", "examples", "bare_frame")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")


def run_once(argv, marker, quit_bytes, env):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if b"\x1b[6n" in chunk:  # answer a cursor-position query as a terminal would
            os.write(fd, b"\x1b[1;1R")
        if marker in seen:
            elapsed = time.perf_counter() - start
            break
    peak_kb = settle_and_read_peak(pid, fd)
    os.write(fd, quit_bytes)
    # Drain until the child exits, then read its peak memory.
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready and not os.read(fd, 65536):
                break
        except OSError:
            break
        done, _, _ = os.wait4(pid, os.WNOHANG)
        if done:
            break
    else:
        pass
    try:
        os.wait4(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"no frame from {argv[0]}: {seen[-300:]!r}")
    return elapsed, peak_kb


def settle_and_read_peak(pid, fd):
    """Lets the program finish its start-up work (keeping its output drained), then reads VmHWM."""
    until = time.perf_counter() + float(os.environ.get("SETTLE_SECONDS", "0.3"))
    while time.perf_counter() < until:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    data = tempfile.mkdtemp(prefix="eid-onboard-bench-")
    env = dict(os.environ, TERM="xterm-256color", EID_ONBOARD_DATA_DIR=data, LANG="en_GB.UTF-8")
    env.pop("NO_COLOR", None)
    subprocess.run([BIN, "--offline", "import", FIXTURE, "bench"], env=env, check=True, capture_output=True)
    wizard, bare, wizard_mem, bare_mem = [], [], [], []
    for _ in range(n):
        t, m = run_once([BIN, "--offline", "edit", "bench"], b"Saved", b"\x11", env)
        wizard.append(t)
        wizard_mem.append(m)
        t, m = run_once([BARE], "┘".encode(), b"q", env)
        bare.append(t)
        bare_mem.append(m)
    w, b = statistics.median(wizard), statistics.median(bare)
    print(f"first frame, median of {n}: eid-onboard edit {w * 1000:.2f} ms, bare ratatui {b * 1000:.2f} ms, ratio {w / b:.2f}")
    print(f"peak memory: eid-onboard {max(wizard_mem) / 1024:.1f} MB, bare ratatui {max(bare_mem) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
