#!/usr/bin/env bash
# Quick GPU check of the step module: random manifest-mini (eager and scripted), the dev package's weights re-scripted
# with the current model.py (written to OUTDIR/step.pt), its server and speed, and a 2-layer model of the
# Llama-3.2-3B shape through export.py. Usage (repo root, models/dev carried): bash model-serving/python/check_step.sh OUTDIR
OUT_DIR=${1:?output folder}
cd "$(dirname "$0")"
export PYTHONUNBUFFERED=1
mkdir -p "$OUT_DIR" /tmp/mini && cp ../models/dev/manifest-mini-dev/* /tmp/mini/
timeout 60 python3 check_package.py --random --device cuda 2>&1 | tail -2 | cut -c1-700
timeout 60 python3 check_package.py --package /tmp/mini --device cuda --rewrite-step "$OUT_DIR/step.pt" 2>&1 | tail -4
cp "$OUT_DIR/step.pt" /tmp/mini/step.pt
python3 synth_data.py --out /tmp/validation.jsonl --count 300 --seed 2
timeout 60 python3 check_package.py --package /tmp/mini --device cuda --greedy-jsonl /tmp/validation.jsonl 2>&1 | grep -A2 "greedy\|passed" | cut -c1-600
timeout 40 python3 check_package.py --package /tmp/mini --device cpu 2>&1 | tail -2
timeout 40 python3 check_server.py --package /tmp/mini 2>&1 | tail -2
timeout 40 python3 bench_step.py --package /tmp/mini 2>&1 | tail -7
timeout 120 bash -c "python3 make_random_llama.py --out /tmp/r2 --tokenizer /tmp/mini/tokenizer.json --layers 2 && python3 export.py --checkpoint /tmp/r2 --out /tmp/r2pkg --dtype bf16 --name llama-3.2-3b-shape-2-layers --verify && python3 check_package.py --package /tmp/r2pkg" 2>&1 | grep -v "Loading\|Writing" | tail -5
