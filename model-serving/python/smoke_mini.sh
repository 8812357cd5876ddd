#!/usr/bin/env bash
# GPU smoke run of the manifest-mini path: synthetic data, tokenizer, step-module checks, a short training run,
# package checks, the step server and step benchmarks. Usage (repo root): bash model-serving/python/smoke_mini.sh OUTDIR
set -o pipefail
OUT_DIR=${1:?output folder}
LOG=$OUT_DIR/run.log
W=$(mktemp -d)
cd "$(dirname "$0")"
export PYTHONUNBUFFERED=1
mkdir -p "$OUT_DIR"
status=()
step() { local name=$1; shift; echo "=== $name: $*" | tee -a "$LOG"; "$@" 2>&1 | tee -a "$LOG"; local rc=${PIPESTATUS[0]}; status+=("$name=$rc"); }
step env python3 -c "import torch, transformers, tokenizers, peft; print(torch.__version__, transformers.__version__, tokenizers.__version__, peft.__version__, torch.cuda.get_device_name(0))"
step data bash -c "python3 synth_data.py --out $W/train.jsonl --count 8000 --seed 1 && python3 synth_data.py --out $W/validation.jsonl --count 300 --seed 2"
step tokenizer python3 tokenizer.py --input $W/train.jsonl --vocab 4096 --out $W/tokenizer.json
step random_step_check python3 check_package.py --random --device cuda
step train python3 train.py --train $W/train.jsonl --validation $W/validation.jsonl --minutes ${TRAIN_MINUTES:-2.4} --reserve-seconds 45 --exact-examples 128 --val-examples 300 --version 0.1.0-dev --out "$OUT_DIR/manifest-mini-dev"
step package_check_cuda python3 check_package.py --package "$OUT_DIR/manifest-mini-dev" --device cuda
step package_check_cpu python3 check_package.py --package "$OUT_DIR/manifest-mini-dev" --device cpu
step server_check python3 check_server.py --package "$OUT_DIR/manifest-mini-dev" --device cuda
step bench_cuda python3 bench_step.py --package "$OUT_DIR/manifest-mini-dev" --device cuda
step bench_cpu python3 bench_step.py --package "$OUT_DIR/manifest-mini-dev" --device cpu --batches 1,8 --steps 8 --context 256
echo "status: ${status[*]}" | tee -a "$LOG"
