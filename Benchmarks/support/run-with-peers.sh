# Sourced by the benchmarks' run.sh: builds the Swift benchmark PRODUCT (release), runs it and
# then the Python peers script, and leaves their `name seconds` lines (and `#` notes) in the
# file named by $results, removed when the calling script exits.
# Usage: run_with_peers PRODUCT PEERS.py
run_with_peers() {
  local product=$1 peers=$2
  local venv="${SADDLE_VENV:-.venv}"
  swift build -c release --product "$product" >/dev/null
  results="$(mktemp)"
  trap 'rm -f "$results"' EXIT
  "$(swift build -c release --show-bin-path 2>/dev/null)/$product" >>"$results"
  PYTHONPATH=Benchmarks/support "$venv/bin/python" -W ignore "$peers" >>"$results"
}
