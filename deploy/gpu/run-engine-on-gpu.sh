#!/usr/bin/env bash
# Runs the Java engine on a CUDA host whose PyTorch DJL cannot bind to: starts the step executor process
# (model-serving/python/step_server.py --keep-serving) for the package on cuda, then BenchmarkEngine and EvaluateModel against it through
# the socket executor. Run from the repository root with .carry/gpu/ made by deploy/gpu/prepare-carry.sh.
#
#   deploy/gpu/run-engine-on-gpu.sh [INPUT.jsonl.gz]
#
# Environment (defaults in brackets): OUT [/tmp/gpu-engine] where gpu-engine.log, step-server.log, report.json and
# report.html go; PACKAGE [model-serving/models/manifest-mini]; DEVICE [cuda]; BENCH_DOCUMENTS [16];
# BENCH_BATCHES [1,32]; EVAL_LIMIT [400]; EVAL_BATCH [32]; SERVER_WAIT_S [90]; BENCH_TIMEOUT_S [300];
# EVAL_TIMEOUT_S [240]. The three limits keep a whole run under ten minutes. The benchmark's naive baseline reads one
# document at a time, about 6 s a document with a 4-layer package on an H100, so more documents need a longer limit.
set -uo pipefail

INPUT=${1:-.carry/test.jsonl.gz}
OUT=${OUT:-/tmp/gpu-engine}
PACKAGE=${PACKAGE:-model-serving/models/manifest-mini}
DEVICE=${DEVICE:-cuda}
BENCH_DOCUMENTS=${BENCH_DOCUMENTS:-16}
BENCH_BATCHES=${BENCH_BATCHES:-1,32}
EVAL_LIMIT=${EVAL_LIMIT:-400}
EVAL_BATCH=${EVAL_BATCH:-32}
SERVER_WAIT_S=${SERVER_WAIT_S:-90}
BENCH_TIMEOUT_S=${BENCH_TIMEOUT_S:-300}
EVAL_TIMEOUT_S=${EVAL_TIMEOUT_S:-240}
CARRY=.carry/gpu

mkdir -p "$OUT"
exec > >(tee -a "$OUT/gpu-engine.log") 2>&1

SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    # a server that does not leave within 15 s of SIGTERM (seen once, after its last client, on an H100) is killed
    for _ in $(seq 15); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  SERVER_PID=
}
trap stop_server EXIT

echo "== $(date -u +%FT%TZ) GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1)"
for required in "$INPUT" "$PACKAGE/step.pt" "$PACKAGE/tokenizer.json" "$CARRY/lib"; do
  if [[ ! -e "$required" ]]; then
    echo "missing $required" >&2
    exit 2
  fi
done

if [[ ! -x "$CARRY/jre/bin/java" ]]; then
  # Python's tarfile reads xz where the host's tar lacks the xz program
  tar -C "$CARRY" -xJf "$CARRY/jre.tar.xz" 2>/dev/null \
    || python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter="tar")' "$CARRY/jre.tar.xz" "$CARRY" \
    || { echo "cannot unpack $CARRY/jre.tar.xz" >&2; exit 2; }
fi
JAVA="$CARRY/jre/bin/java"
"$JAVA" -version
# which build of the engine travelled: the jar is copied from ~/.m2 by prepare-carry.sh, not built here
ls -l --time-style=+%FT%T "$CARRY"/lib/model-serving-*.jar "$CARRY"/lib/schemas-*.jar

# DJL's tokenizers unpack their native library into this folder on first use
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-/tmp/djl-cache}
JAVA_OPTS=(-Dai.djl.offline=true -XX:+UseParallelGC -cp "$CARRY/lib/*")

SERVER_LOG="$OUT/step-server.log"
python3 -u model-serving/python/step_server.py --step "$PACKAGE/step.pt" --device "$DEVICE" --keep-serving >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
PORT=
deadline=$((SECONDS + SERVER_WAIT_S))
while (( SECONDS < deadline )); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the step server exited before listening:" >&2
    cat "$SERVER_LOG" >&2
    exit 3
  fi
  PORT=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$SERVER_LOG" | head -n 1)
  if [[ -n "$PORT" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    break
  fi
  PORT=
  sleep 0.5
done
if [[ -z "$PORT" ]]; then
  echo "the step server did not answer within ${SERVER_WAIT_S}s:" >&2
  cat "$SERVER_LOG" >&2
  exit 3
fi
EXECUTOR="executor:127.0.0.1:$PORT"
echo "== $(date -u +%FT%TZ) step server pid $SERVER_PID listening on $PORT after ${SECONDS}s"

echo "== $(date -u +%FT%TZ) BenchmarkEngine: $BENCH_DOCUMENTS documents, batches $BENCH_BATCHES, $EXECUTOR"
timeout -k 10 "$BENCH_TIMEOUT_S" "$JAVA" "${JAVA_OPTS[@]}" dev.manifests.serving.bench.BenchmarkEngine \
  --package "$PACKAGE" --input "$INPUT" --documents "$BENCH_DOCUMENTS" --batches "$BENCH_BATCHES" --device "$EXECUTOR"
BENCH_RC=$?
echo "== $(date -u +%FT%TZ) BenchmarkEngine exit $BENCH_RC"

echo "== $(date -u +%FT%TZ) EvaluateModel: limit $EVAL_LIMIT, batch $EVAL_BATCH, $EXECUTOR"
timeout -k 10 "$EVAL_TIMEOUT_S" "$JAVA" "${JAVA_OPTS[@]}" dev.manifests.serving.eval.EvaluateModel \
  --package "$PACKAGE" --input "$INPUT" --limit "$EVAL_LIMIT" --batch "$EVAL_BATCH" --out "$OUT" --device "$EXECUTOR"
EVAL_RC=$?
echo "== $(date -u +%FT%TZ) EvaluateModel exit $EVAL_RC"

stop_server
echo "== step server log"
cat "$SERVER_LOG"
echo "== $(date -u +%FT%TZ) done after ${SECONDS}s: benchmark exit $BENCH_RC, evaluation exit $EVAL_RC"
if (( BENCH_RC != 0 || EVAL_RC != 0 )); then
  exit 1
fi
