#!/bin/sh
# Builds the release binary and the yardsticks, then prints every figure of "Fast where it shows"
# side by side: the settled screen (against a bare ratatui program), CPU per keystroke (against a
# bare ratatui program with one ratatui-textarea field; criterion, the slowest part), `list` with
# 1 to 1 000 drafts (against cat), and bundle with 1 KB and 10 KB answers and the request PDF with
# 1 KB, 100 KB and 1 MB, with peak memory (GNU time, package `time`, measures it); then the first
# frame and the wizard's peak memory at start and over a long editing session.
#
# Usage: benches/run-all.sh [N]      (N runs per figure)
#        EID_ONBOARD_BIN=path/to/eid-onboard benches/run-all.sh   (measure another build)
set -eu
cd "$(dirname "$0")/.."
n="${1:-15}"
cargo build --release --locked --bin eid-onboard --example bare_frame --example long_answer_pdf
cargo bench --locked --bench settle -- "$n"
echo
cargo bench --locked --bench tui -- keystroke 2>&1 | grep -E '^(keystroke|bare)|time:'
echo
python3 benches/list.py "$n"
echo
python3 benches/bundle-sizes.py "$(( n < 5 ? n : 5 ))"
echo
python3 benches/first-frame.py "$n"
echo
python3 benches/session-memory.py
