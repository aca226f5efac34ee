#!/usr/bin/env python3
"""expect_exit.py CODE CMD...: runs CMD, passing its output through, and
exits 0 if it exited with CODE, 1 (with a message) otherwise."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write(f"expect_exit: {sys.argv[2]} exited {got}, expected {want}\n")
    sys.exit(1)
