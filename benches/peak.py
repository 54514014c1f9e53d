"""Peak resident memory of a command, for the benchmark scripts.

Not the ru_maxrss that wait4 gives a Python parent: a child spawned by Python (posix_spawn's vfork,
or fork) starts in Python's address space, and the kernel keeps that address space's high-water
mark in the child's ru_maxrss across exec, so every figure would be at least Python's own 13 MB or
so. GNU time forks from its own small process and reports the child's ru_maxrss from there; its
floor is about 1.5 MB (`/usr/bin/time -f %M true`). Memory is measured in runs of its own, so
the time figures do not include GNU time's fork.

GNU time is the Debian package `time`; without it the peak is reported as unknown.
"""
import os
import subprocess
import tempfile

GNU_TIME = "/usr/bin/time"


def available():
    return os.access(GNU_TIME, os.X_OK)


def peak_mb(argv, env):
    """The command's peak RSS in MB, or None without GNU time. The command must succeed."""
    if not available():
        return None
    with tempfile.NamedTemporaryFile(mode="r", suffix=".peak") as out:
        subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name, *argv], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().strip().splitlines()[-1]) / 1024


def most(peaks):
    """The largest of several peaks, or None when any is unknown."""
    return None if None in peaks else max(peaks)


def show(mb):
    """A peak for a table column."""
    return "—" if mb is None else f"{mb:.1f}"
