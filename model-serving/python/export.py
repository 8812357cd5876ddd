"""Exports a Hugging Face Llama-family checkpoint (config.json, *.safetensors, tokenizer.json) to a model package.

The weights are mapped into `model.Llama` (Hugging Face's rotate-half RoPE layout is the one `model.py` uses, so no
permutation is needed), cast to the chosen dtype and scripted into the step module. `--verify` compares the logits
of the mapped model with transformers' own implementation of the checkpoint on the GPU.
"""
import argparse
import glob
import json
import os
import time
from typing import Dict, Optional

import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer

from model import Llama, LlamaConfig, rope_inv_freq
from package import DTYPES, write_package

SUPPORTED = ("llama", "qwen2", "mistral")


def read_config(checkpoint: str, max_context: int) -> LlamaConfig:
    with open(os.path.join(checkpoint, "config.json"), encoding="utf-8") as handle:
        cfg = json.load(handle)
    model_type = cfg.get("model_type", "llama")
    if model_type not in SUPPORTED:
        raise ValueError(f"model_type {model_type} is not a Llama-family decoder ({', '.join(SUPPORTED)})")
    if cfg.get("hidden_act", "silu") != "silu":
        raise ValueError(f"hidden_act {cfg.get('hidden_act')} is not SwiGLU's silu")
    rope = cfg.get("rope_parameters") or {}
    theta = cfg.get("rope_theta") or rope.get("rope_theta") or 10000.0
    scaling = cfg.get("rope_scaling") or (rope if rope else None)
    if scaling and scaling.get("rope_type", scaling.get("type")) in (None, "default"):
        scaling = None
    heads = cfg["num_attention_heads"]
    positions = cfg.get("max_position_embeddings", max_context)
    return LlamaConfig(
        vocab_size=cfg["vocab_size"], hidden_size=cfg["hidden_size"], num_layers=cfg["num_hidden_layers"],
        num_heads=heads, num_kv_heads=cfg.get("num_key_value_heads", heads),
        intermediate_size=cfg["intermediate_size"], max_context=min(max_context, positions),
        rope_theta=float(theta), rope_scaling=dict(scaling) if scaling else None,
        rms_norm_eps=cfg.get("rms_norm_eps", 1e-5), tie_embeddings=bool(cfg.get("tie_word_embeddings", False)),
        attention_bias=bool(cfg.get("attention_bias", model_type == "qwen2")),
        head_dim=cfg.get("head_dim") or cfg["hidden_size"] // heads)


def hf_name(ours: str) -> Optional[str]:
    """Our parameter name for a Hugging Face one (or None for tensors we do not keep)."""
    table = {"model.embed_tokens.weight": "tok_embeddings.weight", "model.norm.weight": "norm.weight",
             "lm_head.weight": "output.weight"}
    if ours in table:
        return table[ours]
    if not ours.startswith("model.layers."):
        return None
    parts = ours.split(".")
    index, rest = parts[2], ".".join(parts[3:])
    layer = {"input_layernorm.weight": "attention_norm.weight", "post_attention_layernorm.weight": "ffn_norm.weight",
             "self_attn.q_proj.weight": "wq.weight", "self_attn.k_proj.weight": "wk.weight",
             "self_attn.v_proj.weight": "wv.weight", "self_attn.o_proj.weight": "wo.weight",
             "self_attn.q_proj.bias": "wq.bias", "self_attn.k_proj.bias": "wk.bias", "self_attn.v_proj.bias": "wv.bias",
             "mlp.gate_proj.weight": "w_gate.weight", "mlp.up_proj.weight": "w_up.weight",
             "mlp.down_proj.weight": "w_down.weight"}.get(rest)
    return f"layers.{index}.{layer}" if layer else None


def load_checkpoint(checkpoint: str, dtype: torch.dtype, max_context: int, device: str = "cpu") -> Llama:
    """Builds a `Llama` holding the checkpoint's weights in `dtype` on `device`."""
    config = read_config(checkpoint, max_context)
    files = sorted(glob.glob(os.path.join(checkpoint, "*.safetensors")))
    if not files:
        raise FileNotFoundError(f"no *.safetensors in {checkpoint}")
    state: Dict[str, torch.Tensor] = {}
    for path in files:
        for name, tensor in load_file(path, device=device).items():
            ours = hf_name(name)
            if ours is not None:
                state[ours] = tensor.to(dtype)
    if config.tie_embeddings:
        state.pop("output.weight", None)
    with torch.device("meta"):
        model = Llama(config)
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    if config.tie_embeddings:
        model.output.weight = model.tok_embeddings.weight
        missing = [m for m in missing if m != "output.weight"]
    if missing or unexpected:
        raise ValueError(f"checkpoint does not match the architecture: missing {missing[:6]}, unexpected {unexpected[:6]}")
    model.inv_freq = rope_inv_freq(config).to(device)
    return model.eval()


def special_ids(tokenizer_json: str) -> Dict[str, int]:
    """Ids of the package's special tokens in the checkpoint's tokenizer (finetune.py adds any that are missing)."""
    tokenizer = Tokenizer.from_file(tokenizer_json)
    ids = {}
    for name in ("pad", "bos", "eos", "doc", "json"):
        token_id = tokenizer.token_to_id(f"<|{name}|>")
        if token_id is None:
            raise ValueError(f"tokenizer {tokenizer_json} lacks <|{name}|>; fine-tune with finetune.py, which adds it")
        ids[name] = token_id
    return ids


@torch.no_grad()
def verify_against_transformers(checkpoint: str, model: Llama, dtype: torch.dtype) -> dict:
    """Max logit difference and top-1 agreement between the mapped model and transformers on random tokens."""
    from transformers import AutoModelForCausalLM
    reference = AutoModelForCausalLM.from_pretrained(checkpoint, dtype=dtype).to("cuda").eval()
    generator = torch.Generator().manual_seed(3)
    tokens = torch.randint(5, min(model.config.vocab_size, 4096), (2, 96), generator=generator).to("cuda")
    theirs = reference(input_ids=tokens).logits.float()
    rotary = getattr(reference.model, "rotary_emb", None)
    inv_freq_diff = float((rotary.inv_freq.float().cpu() - model.inv_freq.float().cpu()).abs().max()) if rotary is not None else -1.0
    ours = model.to("cuda")(tokens).float()
    del reference
    torch.cuda.empty_cache()
    scale = float(theirs.abs().max())
    return {"inv_freq_max_diff": inv_freq_diff, "max_abs_logit_diff": float((theirs - ours).abs().max()), "max_abs_logit": scale,
            "top1_agreement": float((theirs.argmax(-1) == ours.argmax(-1)).float().mean())}


def export(checkpoint: str, out: str, dtype_name: str, name: str, version: str, max_context: int,
           training: Optional[dict] = None, accuracy: Optional[dict] = None, verify: bool = False) -> dict:
    dtype = DTYPES[dtype_name]
    started = time.time()
    device = "cuda" if verify else "cpu"
    model = load_checkpoint(checkpoint, dtype, max_context, device)
    tokenizer_json = os.path.join(checkpoint, "tokenizer.json")
    ids = special_ids(tokenizer_json)
    check = verify_against_transformers(checkpoint, model, dtype) if verify else None
    if check is not None:
        print(f"transformers vs model.py on {checkpoint}: {json.dumps(check)}", flush=True)
    provenance = dict(training or {})
    provenance.setdefault("source_checkpoint", os.path.abspath(checkpoint))
    provenance["exported_seconds"] = round(time.time() - started, 1)
    if check is not None:
        provenance["transformers_check"] = check
    spec = write_package(out, model, tokenizer_json, dtype, name, version, provenance, accuracy or {},
                         special_tokens=ids)
    card = (f"# {name} {version}\n\nExported from the Hugging Face checkpoint `{checkpoint}` "
            f"({spec['architecture']['parameters'] / 1e9:.2f}B parameters, {spec['dtype']}) by "
            f"`model-serving/python/export.py`.\n\n```json\n{json.dumps(provenance, indent=2)}\n```\n")
    with open(os.path.join(out, "MODEL_CARD.md"), "w", encoding="utf-8") as handle:
        handle.write(card)
    size = os.path.getsize(os.path.join(out, "step.pt"))
    print(f"exported {checkpoint} -> {out}: {spec['architecture']['parameters']} parameters, {spec['dtype']}, "
          f"step.pt {size / 2**30:.2f} GiB in {time.time() - started:.0f} s", flush=True)
    return spec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True, help="folder with config.json, *.safetensors, tokenizer.json")
    parser.add_argument("--out", required=True, help="package folder to write")
    parser.add_argument("--dtype", default="bf16", choices=sorted(DTYPES))
    parser.add_argument("--name", default="manifest-3b")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--max-context", type=int, default=4096, help="positions the engine may use")
    parser.add_argument("--provenance", help="JSON file of training provenance to record in model.json")
    parser.add_argument("--verify", action="store_true", help="compare logits with transformers on the GPU")
    args = parser.parse_args()
    training = json.load(open(args.provenance, encoding="utf-8")) if args.provenance else None
    export(args.checkpoint, args.out, args.dtype, args.name, args.version, args.max_context, training, None, args.verify)


if __name__ == "__main__":
    main()
