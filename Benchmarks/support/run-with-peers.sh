# Sourced by the benchmarks' run.sh: builds the Swift benchmark PRODUCT (release), runs it and
# then the Python peers script, and leaves their `name seconds` lines (and `#` notes) in the
# file named by $results, removed when the calling script exits.
# SADDLE_BENCH_BIN=DIR runs DIR/PRODUCT instead and builds nothing (to time another build of the
# product, e.g. an older commit's worktree's .build/release, against this one with the same peers).
# Usage: run_with_peers PRODUCT PEERS.py
run_with_peers() {
  local product=$1 peers=$2
  local venv="${SADDLE_VENV:-.venv}"
  local bin="${SADDLE_BENCH_BIN:-}"
  if [ -z "$bin" ]; then
    swift build -c release --product "$product" >/dev/null
    bin="$(swift build -c release --show-bin-path 2>/dev/null)"
  fi
  results="$(mktemp)"
  trap 'rm -f "$results"' EXIT
  "$bin/$product" >>"$results"
  PYTHONPATH=Benchmarks/support "$venv/bin/python" -W ignore "$peers" >>"$results"
}
