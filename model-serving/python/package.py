"""Writes a model package folder: step.pt, tokenizer.json and model.json (see model-serving/STEP_CONTRACT.md)."""
import json
import os
import shutil
from typing import Optional

import torch

from model import Llama, script_step_module

PROMPT_TEMPLATE = "<|bos|><|doc|>{text}<|json|>"
SCHEMA_NAME = "dev.manifests.schema.ShippingDocument"
SCHEMA_VERSION = "1.0"
DTYPES = {"fp32": torch.float32, "float32": torch.float32, "bf16": torch.bfloat16, "bfloat16": torch.bfloat16,
          "fp16": torch.float16, "float16": torch.float16}
DTYPE_NAMES = {torch.float32: "float32", torch.bfloat16: "bfloat16", torch.float16: "float16"}


def round_weights(model: Llama, storage: torch.dtype) -> None:
    """Rounds a float32 model's weights to what a step module stored in `storage` computes with, in place, so
    that whatever is measured on the model afterwards is measured on the weights the package ships."""
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.to(storage).to(p.dtype))


def architecture(model: Llama, tokenizer_vocab: int) -> dict:
    c = model.config
    return {
        "family": "llama",
        "layers": c.num_layers,
        "hidden_size": c.hidden_size,
        "heads": c.num_heads,
        "kv_heads": c.num_kv_heads,
        "head_dim": c.head_dim,
        "intermediate_size": c.intermediate_size,
        "vocab_size": c.vocab_size,
        "tokenizer_vocab_size": tokenizer_vocab,
        "max_context": c.max_context,
        "rope_theta": c.rope_theta,
        "rope_scaling": c.rope_scaling,
        "rms_norm_eps": c.rms_norm_eps,
        "tie_embeddings": c.tie_embeddings,
        "attention_bias": c.attention_bias,
        "parameters": model.num_parameters(),
    }


def save_step_module(model: Llama, dtype: torch.dtype, path: str,
                     storage: Optional[torch.dtype] = None) -> torch.jit.ScriptModule:
    """Scripts the step module on the CPU and saves it, its weights in `storage` (default: dtype); the executor
    moves it to its device when loading."""
    scripted = script_step_module(model, dtype, torch.device("cpu"), storage)
    torch.jit.save(scripted, path)
    return scripted


def write_package(out_dir: str, model: Llama, tokenizer_json: str, dtype: torch.dtype, name: str, version: str,
                  training: dict, accuracy: dict, card: Optional[str] = None, save_step: bool = True,
                  special_tokens: Optional[dict] = None, storage: Optional[torch.dtype] = None) -> dict:
    """Writes the package files and returns the model.json content.

    `dtype` is the dtype the step module computes in; `storage` (default: dtype) the one its weights are saved in.
    """
    storage = storage or dtype
    os.makedirs(out_dir, exist_ok=True)
    tokenizer_out = os.path.join(out_dir, "tokenizer.json")
    if os.path.abspath(tokenizer_json) != os.path.abspath(tokenizer_out):
        shutil.copyfile(tokenizer_json, tokenizer_out)
    # on the training host only: rewriting a step module needs neither
    from tokenizers import Tokenizer
    from tokenizer import SPECIAL_IDS
    tokenizer_vocab = Tokenizer.from_file(tokenizer_out).get_vocab_size(with_added_tokens=True)
    if save_step:
        save_step_module(model, dtype, os.path.join(out_dir, "step.pt"), storage)
    spec = {
        "name": name,
        "version": version,
        "architecture": architecture(model, tokenizer_vocab),
        "dtype": DTYPE_NAMES[dtype],
        "storage_dtype": DTYPE_NAMES[storage],
        "prompt_template": PROMPT_TEMPLATE,
        "answer_suffix": "<|eos|>",
        "special_tokens": dict(special_tokens or SPECIAL_IDS),
        "schema": {"name": SCHEMA_NAME, "version": SCHEMA_VERSION},
        "files": {"step": "step.pt", "tokenizer": "tokenizer.json"},
        "training": training,
        "accuracy": accuracy,
    }
    with open(os.path.join(out_dir, "model.json"), "w", encoding="utf-8") as handle:
        json.dump(spec, handle, indent=2)
        handle.write("\n")
    if card is not None:
        with open(os.path.join(out_dir, "MODEL_CARD.md"), "w", encoding="utf-8") as handle:
            handle.write(card)
    return spec
