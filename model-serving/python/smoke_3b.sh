#!/usr/bin/env bash
# GPU smoke run of the 3B path: a randomly initialised checkpoint of the exact Llama-3.2-3B shape, its bf16 export
# (checked against transformers and against the full forward pass), LoRA fine-tuning on synthetic records, the
# merged export, and step benchmarks of both shapes. Usage (repo root, with model-serving/models/dev carried):
#   bash model-serving/python/smoke_3b.sh OUTDIR
set -o pipefail
OUT_DIR=${1:?output folder}
LOG=$OUT_DIR/run.log
W=$(mktemp -d)
MINI=../models/dev/manifest-mini-dev
cd "$(dirname "$0")"
export PYTHONUNBUFFERED=1
mkdir -p "$OUT_DIR"
status=()
step() { local name=$1; shift; echo "=== $name: $*" | tee -a "$LOG"; "$@" 2>&1 | tee -a "$LOG"; local rc=${PIPESTATUS[0]}; status+=("$name=$rc"); }
step data bash -c "python3 synth_data.py --out $W/train.jsonl --count 3000 --seed 3"
step mini_check_cuda python3 check_package.py --package $MINI --device cuda
step mini_check_cpu python3 check_package.py --package $MINI --device cpu
step make_random python3 make_random_llama.py --out $W/random-3b --tokenizer $MINI/tokenizer.json
step export_random python3 export.py --checkpoint $W/random-3b --out $W/random-3b-pkg --dtype bf16 --name llama-3.2-3b-shape-random --verify
step check_random_3b python3 check_package.py --package $W/random-3b-pkg --device cuda
step bench_3b python3 bench_step.py --package $W/random-3b-pkg --device cuda
step bench_mini python3 bench_step.py --package $MINI --device cuda
rm -rf $W/random-3b-pkg
step finetune python3 finetune.py --checkpoint $W/random-3b --train $W/train.jsonl --out $W/lora-3b --package-out $W/lora-3b-pkg --name manifest-3b-random-lora --steps 60 --lr 1e-3 --batch-tokens 8192 --max-len 1024
step check_lora_3b python3 check_package.py --package $W/lora-3b-pkg --device cuda
mkdir -p "$OUT_DIR/lora-3b-pkg"
cp $W/lora-3b-pkg/model.json $W/lora-3b-pkg/MODEL_CARD.md "$OUT_DIR/lora-3b-pkg/" 2>/dev/null
echo "status: ${status[*]}" | tee -a "$LOG"
