"""Records what a package's step module answers on this host, as reference.json in the package.

For a few documents of a JSONL export, the prompt is encoded with the package's tokenizer, fed to step.pt as one run,
and the following tokens are decoded greedily one step at a time under mask row 0 (no schema constraint). The
prompt ids, the tokens and their log-probabilities are written with the device and PyTorch version, so an engine on
another host (DJL's libtorch on a CPU) can check that it reads the package the same way: same prompt ids, same tokens.
"""
import argparse
import json
import os
import time
from typing import List

import torch
from tokenizers import Tokenizer

from tokenizer import BOS, DOC, JSON as JSON_START, read_records



def record(package: str, jsonl: str, count: int, answer_tokens: int, max_prompt: int, device: torch.device) -> dict:
    tokenizer = Tokenizer.from_file(os.path.join(package, "tokenizer.json"))
    step = torch.jit.load(os.path.join(package, "step.pt"), map_location=device)
    spec = json.load(open(os.path.join(package, "model.json"), encoding="utf-8"))
    step.init_cache(1, spec["architecture"]["max_context"])
    step.set_masks(torch.ones(1, spec["architecture"]["vocab_size"], dtype=torch.bool, device=device))
    t = lambda xs: torch.tensor(xs, dtype=torch.long, device=device)
    cases: List[dict] = []
    for rec in read_records([jsonl], 0):
        if len(cases) == count:
            break
        text = rec.get("text") or ""
        prompt = [BOS, DOC] + tokenizer.encode(text, add_special_tokens=False).ids + [JSON_START]
        if len(prompt) > max_prompt:
            continue
        tokens: List[int] = []
        log_probs: List[float] = []
        chosen, lp = step.step(t(prompt), t(list(range(len(prompt)))), t([len(prompt)]), t([0]), t([len(prompt) - 1]), t([0]))
        tokens.append(int(chosen[0]))
        log_probs.append(float(lp[0]))
        while len(tokens) < answer_tokens:
            position = len(prompt) + len(tokens) - 1
            chosen, lp = step.step(t([tokens[-1]]), t([position]), t([1]), t([0]), t([0]), t([0]))
            tokens.append(int(chosen[0]))
            log_probs.append(float(lp[0]))
        cases.append({"id": rec.get("id"), "text": text, "prompt_ids": prompt, "tokens": tokens, "log_probs": log_probs})
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    return {
        "recorded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "device": name,
        "torch": torch.__version__,
        "how": "prompt fed as one run, then greedy one-token steps under mask row 0, slot 0",
        "cases": cases,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", required=True)
    parser.add_argument("--jsonl", required=True, help="documents to read (the test split export)")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--answer-tokens", type=int, default=64)
    parser.add_argument("--max-prompt", type=int, default=900, help="longest prompt taken, in tokens")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    result = record(args.package, args.jsonl, args.count, args.answer_tokens, args.max_prompt, torch.device(args.device))
    out = os.path.join(args.package, "reference.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False)
    print(f"wrote {out}: {len(result['cases'])} documents, {args.answer_tokens} tokens each, on {result['device']}")


if __name__ == "__main__":
    main()
