#!/usr/bin/env python3
"""Time to the first complete frame in a real pty, and peak memory.

Runs `eid-onboard edit NAME` on a complete draft and a bare ratatui program that draws one
bordered paragraph (examples/bare_frame.rs), alternately, N times each, at 80x24.

The clock starts just before the program is spawned and stops when the frame's last line has
arrived on the pty. Programs are started with posix_spawn (vfork and exec, as a shell does), in a
new session whose controlling terminal is the pty. An earlier version forked the Python process
itself (pty.fork); copying and tearing down Python's address space added about 1.9 ms to both
programs and made the ratio look far better than it is.

For scale, the same clock is also read for `printf` writing one character: about the least any
dynamically linked program can take from spawn to output.

Peak memory is the program's VmHWM from /proc, read 300 ms after the first frame, once
validation has loaded everything it needs.

Build first: cargo build --release --bin eid-onboard --example bare_frame
Usage: benches/first-frame.py [N]
       EID_ONBOARD_BIN=path/to/eid-onboard benches/first-frame.py [N]   (compare another build)
"""
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("EID_ONBOARD_BIN", os.path.join(ROOT, "target", "release", "eid-onboard"))
BARE = os.path.join(ROOT, "target", "release", "examples", "bare_frame")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")
SETTLE_SECONDS = float(os.environ.get("SETTLE_SECONDS", "0.3"))


def spawn_in_pty(argv, env):
    """A fresh 80x24 pty, and a function that starts argv in a new session on it (returns the pid)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    tty = os.ttyname(slave)
    os.close(slave)
    # After setsid, opening the tty makes it the controlling terminal (crossterm opens /dev/tty).
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, tty, os.O_RDWR, 0),
        (os.POSIX_SPAWN_DUP2, 0, 1),
        (os.POSIX_SPAWN_DUP2, 0, 2),
        (os.POSIX_SPAWN_CLOSE, master),
    ]
    return master, lambda: os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)


def run_once(argv, marker, quit_bytes, env, settle=SETTLE_SECONDS):
    master, spawn = spawn_in_pty(argv, env)
    start = time.perf_counter()
    pid = spawn()
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        seen += chunk
        if b"\x1b[6n" in chunk:  # answer a cursor-position query as a terminal would
            os.write(master, b"\x1b[1;1R")
        if marker in seen:
            elapsed = time.perf_counter() - start
            break
    peak_kb = settle_and_read_peak(pid, master, settle)
    try:
        os.write(master, quit_bytes)
    except OSError:
        pass
    finish(pid, master)
    if elapsed is None:
        raise SystemExit(f"no frame from {argv[0]}: {seen[-300:]!r}")
    return elapsed, peak_kb


def finish(pid, master):
    """Drains the pty until the program exits (killing it after 5 s), then reaps it."""
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(master)


def settle_and_read_peak(pid, master, settle):
    """Lets the program finish its start-up work (keeping its output drained), then reads VmHWM."""
    until = time.perf_counter() + settle
    while time.perf_counter() < until:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    data = tempfile.mkdtemp(prefix="eid-onboard-bench-")
    env = dict(os.environ, TERM="xterm-256color", EID_ONBOARD_DATA_DIR=data, LANG="en_GB.UTF-8")
    env.pop("NO_COLOR", None)
    subprocess.run([BIN, "--offline", "import", FIXTURE, "bench"], env=env, check=True, capture_output=True)
    printf = "/usr/bin/printf"
    wizard, bare, floor, wizard_mem, bare_mem = [], [], [], [], []
    for _ in range(n):
        t, m = run_once([BIN, "--offline", "edit", "bench"], b"Saved", b"\x11", env)
        wizard.append(t)
        wizard_mem.append(m)
        t, m = run_once([BARE], "┘".encode(), b"q", env)
        bare.append(t)
        bare_mem.append(m)
        t, _ = run_once([printf, "\u2518"], "┘".encode(), b"", env, settle=0)
        floor.append(t)
    w, b, f = (statistics.median(x) * 1000 for x in (wizard, bare, floor))
    print(f"first frame, median of {n}: eid-onboard edit {w:.2f} ms, bare ratatui {b:.2f} ms, ratio {w / b:.2f}")
    print(f"for scale: printf of one character {f:.2f} ms")
    print(f"peak memory: eid-onboard {max(wizard_mem) / 1024:.1f} MB, bare ratatui {max(bare_mem) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
