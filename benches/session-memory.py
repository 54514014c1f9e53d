#!/usr/bin/env python3
"""Peak memory of the wizard over a long editing session on a complete Idura order.

`eid-onboard edit` runs on an 80x24 pty. In each round the session walks every step (PgDn), and
on each step goes down its fields, typing 20 characters into each and erasing them; then it goes
back to the first step. After each round it prints the wizard's VmHWM and VmRSS from /proc (the
high-water mark after exec, unlike a Python child's ru_maxrss; see benches/peak.py). What the
screen shows is drained and not checked: this measures memory, not behaviour.

Build first: cargo build --release --bin eid-onboard
Usage: benches/session-memory.py [ROUNDS]      (6 by default: some 23 000 keys)
       EID_ONBOARD_BIN=path/to/eid-onboard benches/session-memory.py [ROUNDS]
"""
import importlib.util
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("EID_ONBOARD_BIN", os.path.join(ROOT, "target", "release", "eid-onboard"))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "answers", "idura-complete.toml")
DOWN, PAGE_DOWN, PAGE_UP, BACKSPACE, CTRL_Q = b"\x1b[B", b"\x1b[6~", b"\x1b[5~", b"\x7f", b"\x11"
STEPS, FIELDS, TYPED = 12, 8, 20

# The pty helper of first-frame.py (a file name with a dash is not importable as a module).
_spec = importlib.util.spec_from_file_location("first_frame", os.path.join(ROOT, "benches", "first-frame.py"))
first_frame = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(first_frame)


def drain(master, seconds):
    """Reads what the wizard writes for `seconds`, so it never blocks on a full pty."""
    until = time.perf_counter() + seconds
    while (left := until - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                os.read(master, 1 << 16)
            except OSError:
                return


def memory(pid):
    """VmHWM and VmRSS in MB."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0]) / 1024
    return values["VmHWM"], values["VmRSS"]


def send(master, keys, pause=0.001):
    os.write(master, keys)
    drain(master, pause)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    base = tempfile.mkdtemp(prefix="eid-onboard-session-")
    env = dict(os.environ, TERM="xterm-256color", LANG="en_GB.UTF-8", EID_ONBOARD_LANG="en",
               EID_ONBOARD_DATA_DIR=os.path.join(base, "data"),
               EID_ONBOARD_CACHE_DIR=os.path.join(base, "cache"),
               XDG_CONFIG_HOME=os.path.join(base, "config"))
    subprocess.run([BIN, "--offline", "import", FIXTURE, "session"], env=env, check=True,
                   capture_output=True)
    master, spawn = first_frame.spawn_in_pty([BIN, "--offline", "edit", "session"], env)
    pid = spawn()
    drain(master, 0.5)
    keys = 0
    print(f"{'round':>5} {'keys':>7} {'VmHWM MB':>9} {'VmRSS MB':>9}")
    print(f"{0:>5} {keys:>7} {memory(pid)[0]:>9.1f} {memory(pid)[1]:>9.1f}")
    for round_ in range(1, rounds + 1):
        for _ in range(STEPS):
            for _ in range(FIELDS):
                send(master, DOWN)
                for key in [b"x"] * TYPED + [BACKSPACE] * TYPED:
                    send(master, key)
                keys += 1 + 2 * TYPED
            send(master, PAGE_DOWN, 0.01)
        for _ in range(STEPS):
            send(master, PAGE_UP, 0.005)
        keys += 2 * STEPS
        hwm, rss = memory(pid)
        print(f"{round_:>5} {keys:>7} {hwm:>9.1f} {rss:>9.1f}")
    send(master, CTRL_Q, 0.5)
    os.waitpid(pid, 0)
    os.close(master)
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
