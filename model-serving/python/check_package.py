"""Loads a model package's step.pt and checks it against the full forward pass of the same weights.

Prints the check summary, the step module's operator list (what the loading libtorch must provide) and the
serialized file-format version.
"""
import argparse
import json
import os
import tempfile
import time
import zipfile

import torch

from model import Llama, LlamaConfig
from step_check import check_step_module


def config_from_spec(spec: dict) -> LlamaConfig:
    a = spec["architecture"]
    return LlamaConfig(vocab_size=a["vocab_size"], hidden_size=a["hidden_size"], num_layers=a["layers"],
                       num_heads=a["heads"], num_kv_heads=a["kv_heads"], intermediate_size=a["intermediate_size"],
                       max_context=a["max_context"], rope_theta=a["rope_theta"], rope_scaling=a.get("rope_scaling"),
                       rms_norm_eps=a["rms_norm_eps"], tie_embeddings=a["tie_embeddings"],
                       attention_bias=a.get("attention_bias", False), head_dim=a["head_dim"])


def llama_from_step(step, config: LlamaConfig) -> Llama:
    """A training-form model sharing the step module's tensors (no copy), for reference forward passes."""
    # Built on the meta device and given the step module's tensors where PyTorch allows it (2.1 and later);
    # older versions build it in memory and copy the weights in.
    in_place = hasattr(torch.device, "__enter__")
    if in_place:
        with torch.device("meta"):
            model = Llama(config)
    else:
        model = Llama(config)
    sd = dict(step.state_dict())
    # the embedding, final norm and output projection sit in `head` (packages before 1.5.0: on the module itself)
    head = "head." if "head.embed" in sd else ""
    mapped = {"tok_embeddings.weight": sd[head + "embed"], "norm.weight": sd[head + "final_norm"]}
    if not config.tie_embeddings:
        mapped["output.weight"] = sd[head + "lm_head"]
    q_width = config.num_heads * config.head_dim
    kv_width = config.num_kv_heads * config.head_dim
    for i in range(config.num_layers):
        p = f"layers.{i}."
        if p + "wqkv" in sd:
            wq, wk, wv = sd[p + "wqkv"].split([q_width, kv_width, kv_width])
            gate, up = sd[p + "w_gate_up"].split([config.intermediate_size, config.intermediate_size])
            mapped.update({p + "attention_norm.weight": sd[p + "attn_norm"], p + "wq.weight": wq, p + "wk.weight": wk,
                           p + "wv.weight": wv, p + "wo.weight": sd[p + "wo"], p + "ffn_norm.weight": sd[p + "mlp_norm"],
                           p + "w_gate.weight": gate, p + "w_up.weight": up, p + "w_down.weight": sd[p + "w_down"]})
            if config.attention_bias:
                bq, bk, bv = sd[p + "bqkv"].split([q_width, kv_width, kv_width])
                mapped.update({p + "wq.bias": bq, p + "wk.bias": bk, p + "wv.bias": bv})
            continue
        names = {"attention_norm.weight": "attn_norm", "wq.weight": "wq", "wk.weight": "wk", "wv.weight": "wv",
                 "wo.weight": "wo", "ffn_norm.weight": "mlp_norm", "w_gate.weight": "w_gate", "w_up.weight": "w_up",
                 "w_down.weight": "w_down"}
        if config.attention_bias:
            names.update({"wq.bias": "bq", "wk.bias": "bk", "wv.bias": "bv"})
        for ours, theirs in names.items():
            mapped[p + ours] = sd[p + theirs]
    if in_place:
        model.load_state_dict(mapped, strict=False, assign=True)
    else:
        model.load_state_dict(mapped, strict=False)
    if config.tie_embeddings:
        model.output.weight = model.tok_embeddings.weight
    model.inv_freq = sd["inv_freq"].clone()
    left = [n for n, p in model.named_parameters() if p.is_meta]
    if left:
        raise ValueError(f"step module lacks weights for {left[:5]}")
    return model.eval()


def check_random(device: torch.device) -> None:
    """Checks a randomly initialised manifest-mini in memory, eager and scripted (no package needed)."""
    from model import StepModule, script_step_module
    model = Llama(LlamaConfig())
    model.init_weights(11)
    model.to(device).eval()
    eager = StepModule(model, torch.float32).to(device)
    summary_eager = check_step_module(model, eager, device, 1e-4)
    print(f"random manifest-mini eager on {device}: {summary_eager}")
    step = script_step_module(model, torch.float32, device)
    summary = check_step_module(model, step, device, 1e-4)
    print(f"random manifest-mini scripted on {device}: {summary}")
    # bfloat16 storage: saved and loaded back, the module computes in float32 with the rounded weights
    from package import round_weights, save_step_module
    with tempfile.TemporaryDirectory() as folder:
        full = os.path.join(folder, "full.pt")
        half = os.path.join(folder, "half.pt")
        save_step_module(model.cpu(), torch.float32, full)
        round_weights(model, torch.bfloat16)
        save_step_module(model, torch.float32, half, torch.bfloat16)
        model.to(device)
        loaded = torch.jit.load(half, map_location=device)
        summary_stored = check_step_module(model, loaded, device, 1e-4)
        ratio = os.path.getsize(half) / os.path.getsize(full)
    weights_dtype = loaded.head.embed.dtype
    print(f"random manifest-mini stored in bfloat16 on {device}: {summary_stored}; computes in {weights_dtype}; "
          f"file {ratio:.2f} of the float32 one")
    if not (summary["passed"] and summary_eager["passed"] and summary_stored["passed"]) \
            or weights_dtype != torch.float32 or ratio > 0.6:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", help="package folder (or --random)")
    parser.add_argument("--random", action="store_true", help="check a randomly initialised manifest-mini instead")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--rewrite-step", help="write the package's weights as a step.pt of the current model.py here")
    parser.add_argument("--greedy-jsonl", help="also report exact-answer greedy accuracy on these JSONL records")
    parser.add_argument("--greedy-count", type=int, default=128)
    parser.add_argument("--tolerance", type=float, default=0.0, help="nats; default 1e-4 for float32, 0.1 otherwise")
    args = parser.parse_args()
    if args.random:
        check_random(torch.device(args.device))
        return
    spec = json.load(open(os.path.join(args.package, "model.json"), encoding="utf-8"))
    path = os.path.join(args.package, "step.pt")
    device = torch.device(args.device)
    started = time.time()
    step = torch.jit.load(path, map_location=device)
    load_seconds = time.time() - started
    config = config_from_spec(spec)
    model = llama_from_step(step, config)
    if args.rewrite_step:
        from package import DTYPES, save_step_module
        save_step_module(model, DTYPES[spec["dtype"]], args.rewrite_step,
                         DTYPES[spec.get("storage_dtype", spec["dtype"])])
        step = torch.jit.load(args.rewrite_step, map_location=device)
        model = llama_from_step(step, config)
        path = args.rewrite_step
        print(f"rewrote {path} from the package's weights")
    tolerance = args.tolerance or (1e-4 if spec["dtype"] == "float32" else 0.1)
    summary = check_step_module(model, step, device, tolerance)
    with zipfile.ZipFile(path) as archive:
        version = [archive.read(n).decode().strip() for n in archive.namelist() if n.endswith("/version")]
    try:
        ops = sorted(set(torch.jit.export_opnames(step)))
    except RuntimeError as error:
        ops = [f"(operator list unavailable: {error})"]
    print(f"operators ({len(ops)}): {' '.join(ops)}")
    print(f"file-format version {version}, loaded in {load_seconds:.1f} s, {os.path.getsize(path) / 2**20:.2f} MiB")
    print(f"| package | device | dtype | compared | exact argmax | within tolerance | max lp diff | masks | deterministic | passed |")
    print(f"| {spec['name']} | {args.device} | {spec['dtype']} | {summary['compared']} | {summary['exact_argmax']} | "
          f"{summary['near_argmax']} | {summary['max_logprob_diff']:.2e} | {summary['masks_respected']} | "
          f"{summary['deterministic']} | {summary['passed']} |")
    print(f"failures by step kind: {summary['failures']}")
    if args.greedy_jsonl:
        from tokenizers import Tokenizer
        from train import encode, greedy_exact
        tokenizer = Tokenizer.from_file(os.path.join(args.package, "tokenizer.json"))
        examples, _ = encode(tokenizer, [args.greedy_jsonl], 0, config.max_context)
        examples = examples[: args.greedy_count]
        exact, rate, count = greedy_exact(step, tokenizer, examples, device, config.max_context)
        print(f"| greedy exact-answer accuracy | {exact:.4f} on {count} documents | decode {rate:.0f} tokens/s |")
    if not summary["passed"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
