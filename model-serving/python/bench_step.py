"""Measures a package's step module on the GPU: decode steps/s and tokens/s at several batch sizes, and prefill.

Each slot is first filled with a prompt of --context tokens; a decode step then feeds one token to each of B
sequences (consecutive slots) at positions after it. Times are taken between torch.cuda.synchronize() calls.
"""
import argparse
import json
import os
import time

import torch


def timed(fn, device: torch.device) -> float:
    if device.type == "cuda":
        torch.cuda.synchronize()
    started = time.perf_counter()
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", required=True)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--batches", default="1,8,32,64")
    parser.add_argument("--context", type=int, default=512, help="prompt tokens in each slot before decoding")
    parser.add_argument("--steps", type=int, default=32, help="timed decode steps per batch size")
    parser.add_argument("--json-out", help="file to write the results to")
    args = parser.parse_args()
    device = torch.device(args.device)
    spec = json.load(open(os.path.join(args.package, "model.json"), encoding="utf-8"))
    step = torch.jit.load(os.path.join(args.package, "step.pt"), map_location=device)
    batches = [int(b) for b in args.batches.split(",")]
    slots = max(batches)
    max_len = args.context + args.steps + 16
    cache_bytes = step.init_cache(slots, max_len)
    vocab = spec["architecture"].get("tokenizer_vocab_size", spec["architecture"]["vocab_size"])
    step.set_masks(torch.ones(1, vocab, dtype=torch.bool, device=device))
    generator = torch.Generator().manual_seed(5)
    prompt = torch.randint(5, vocab, (args.context,), generator=generator).to(device)
    positions = torch.arange(args.context, device=device)
    one = lambda x: torch.tensor([x], dtype=torch.long, device=device)
    last = one(args.context - 1)
    zero = one(0)

    for _ in range(2):
        step.step(prompt, positions, one(args.context), zero, last, zero)
    prefill_s = timed(lambda: step.step(prompt, positions, one(args.context), zero, last, zero), device)
    for s in range(1, slots):
        step.step(prompt, positions, one(args.context), one(s), last, zero)
    rows = [{"kind": "prefill", "batch": 1, "tokens": args.context, "ms_per_step": prefill_s * 1e3,
             "steps_per_s": 1 / prefill_s, "tokens_per_s": args.context / prefill_s}]
    for b in batches:
        tokens = prompt[:b].clone()
        lens = torch.ones(b, dtype=torch.long, device=device)
        slot_ids = torch.arange(b, device=device)
        out_rows = torch.arange(b, device=device)
        mask_ids = torch.zeros(b, dtype=torch.long, device=device)

        def run(count: int) -> None:
            nonlocal tokens
            for i in range(count):
                pos = torch.full((b,), args.context + i, dtype=torch.long, device=device)
                tokens, _ = step.step(tokens, pos, lens, slot_ids, out_rows, mask_ids)

        run(4)
        seconds = timed(lambda: run(args.steps), device)
        rows.append({"kind": "decode", "batch": b, "tokens": b, "ms_per_step": seconds / args.steps * 1e3,
                     "steps_per_s": args.steps / seconds, "tokens_per_s": b * args.steps / seconds})
    name = torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"
    print(f"{spec['name']} ({spec['dtype']}, {spec['architecture']['parameters'] / 1e6:.1f}M parameters) on {name}, "
          f"context {args.context}, cache {cache_bytes / 2**20:.0f} MiB")
    print("| model | kind | batch | ms/step | steps/s | tokens/s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {spec['name']} {spec['dtype']} | {r['kind']} | {r['batch']} | {r['ms_per_step']:.2f} | "
              f"{r['steps_per_s']:.1f} | {r['tokens_per_s']:.0f} |")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as handle:
            json.dump({"model": spec["name"], "dtype": spec["dtype"], "device": name, "context": args.context,
                       "rows": rows}, handle, indent=2)


if __name__ == "__main__":
    main()
