"""Joins packages of one tokenizer into one package whose step module answers from the mean of their probabilities.

Each member keeps its own weights and KV cache (`model.EnsembleStepModule`); the step contract is unchanged, so the
engines run the joined package as they run any other. The joined step module is checked against the members' full
forward passes (the step-contract check of `step_check.py`) before it is written.

    python3 ensemble.py --out DIR --version 1.8.0 first/ second/ [third/ ...]

model.json is the first member's, with `ensemble` naming every member (name, version, seed, parameters, the
SHA-256 of its step.pt) and `architecture.parameters` the sum over the members.
"""
import argparse
import copy
import hashlib
import json
import os
import shutil

import torch

from check_package import config_from_spec, llama_from_step
from model import EnsembleReference, EnsembleStepModule, StepModule
from package import DTYPES
from step_check import check_step_module


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="package folder to write")
    parser.add_argument("--version", required=True, help="version of the joined package")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu",
                        help="where the step-contract check runs")
    parser.add_argument("packages", nargs="+", help="member package folders, the first one's model.json kept")
    args = parser.parse_args()
    if len(args.packages) < 2:
        parser.error("name at least two packages")

    specs = [json.load(open(os.path.join(p, "model.json"), encoding="utf-8")) for p in args.packages]
    tokenizers = {sha256(os.path.join(p, "tokenizer.json")) for p in args.packages}
    if len(tokenizers) != 1:
        raise SystemExit("the packages have different tokenizers: members must read and write the same tokens")
    for spec in specs[1:]:
        for key in ("prompt_template", "answer_suffix", "special_tokens", "schema", "dtype"):
            if spec.get(key) != specs[0].get(key):
                raise SystemExit(f"the packages differ in {key}")

    models, steps = [], []
    for path, spec in zip(args.packages, specs):
        loaded = torch.jit.load(os.path.join(path, "step.pt"), map_location="cpu")
        model = llama_from_step(loaded, config_from_spec(spec))
        models.append(model)
        steps.append(StepModule(model, DTYPES[spec["dtype"]], DTYPES[spec.get("storage_dtype", spec["dtype"])]))
    scripted = torch.jit.script(EnsembleStepModule(steps).eval())

    os.makedirs(args.out, exist_ok=True)
    step_path = os.path.join(args.out, "step.pt")
    torch.jit.save(scripted, step_path)
    device = torch.device(args.device)
    loaded = torch.jit.load(step_path, map_location=device)
    reference = EnsembleReference([m.to(device) for m in models]).eval()
    tolerance = 1e-4 if specs[0]["dtype"] == "float32" else 0.1
    summary = check_step_module(reference, loaded, device, tolerance)
    print(f"step-contract check on {args.device}: {summary}")
    if not summary["passed"]:
        raise SystemExit("the joined step module fails the step-contract check")

    shutil.copyfile(os.path.join(args.packages[0], "tokenizer.json"), os.path.join(args.out, "tokenizer.json"))
    joined = copy.deepcopy(specs[0])
    joined["version"] = args.version
    joined["ensemble"] = {
        "combination": "mean of the members' probabilities",
        "members": [{"name": spec["name"], "version": spec["version"],
                     "seed": spec.get("training", {}).get("seed"),
                     "parameters": spec["architecture"].get("parameters"),
                     "step_sha256": sha256(os.path.join(path, "step.pt"))}
                    for path, spec in zip(args.packages, specs)],
    }
    joined["architecture"]["parameters"] = sum(s["architecture"].get("parameters", 0) for s in specs)
    joined.setdefault("training", {})["step_check_passed"] = True
    with open(os.path.join(args.out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(joined, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {args.out}: {len(args.packages)} members, step.pt {os.path.getsize(step_path) / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
