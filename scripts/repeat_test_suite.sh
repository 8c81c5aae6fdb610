#!/usr/bin/env bash
# Consecutive full runs of the test suite on a clean clone, as CI runs it (CI=true):
#
#     bash scripts/repeat_test_suite.sh [RUNS] [SUMMARY]      # defaults: 10, ./test_suite_runs.log
#
# Clones this repository's HEAD into a temporary folder; run 1 is `.ci/run` (installs, then
# `pytest`), runs 2..RUNS are `pytest` again in the same clone. One line per run goes to SUMMARY
# (exit status, seconds, pytest's last line, load average at the end); each run's full output
# stays in the clone's folder, named in SUMMARY. benchmarks/test_suite_runs.md records a result.
set -u
runs=${1:-10}
summary=$(realpath -m "${2:-test_suite_runs.log}")
source_repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d /tmp/test-suite-runs.XXXXXX)
git clone -q "$source_repo" "$work/clone" && cd "$work/clone" || exit 1
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, outputs in $work, start $(date -u +%FT%TZ)" >> "$summary"

record() {  # run number, exit status, start time, log file
  local last
  last=$(grep -E '[0-9]+ (passed|failed)' "$4" | tail -1 | tr -d '=' | sed 's/^ *//; s/ *$//')
  echo "run $1: exit $2, $(( $(date +%s) - $3 )) s, ${last:-no pytest summary}, load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
}

start=$(date +%s)
CI=true bash .ci/run > "$work/run1.log" 2>&1
record 1 $? "$start" "$work/run1.log"
# shellcheck disable=SC1091
source .venv/bin/activate
for ((run = 2; run <= runs; run++)); do
  start=$(date +%s)
  CI=true pytest > "$work/run$run.log" 2>&1
  record "$run" $? "$start" "$work/run$run.log"
done
echo "end $(date -u +%FT%TZ)" >> "$summary"
