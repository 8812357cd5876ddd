"""Writes a randomly initialised Hugging Face checkpoint of the exact Llama-3.2-3B shape (no download).

Used to measure 3B-scale step speed and to exercise export.py and finetune.py where no pretrained weights can be
fetched. The tokenizer is the package's own (smaller than the 128256-row embedding; the extra rows are never chosen
once the engine's mask table covers only the tokenizer's ids).
"""
import argparse
import os
import shutil
import time

import torch
from transformers import LlamaConfig, LlamaForCausalLM

LLAMA_32_3B = dict(hidden_size=3072, num_hidden_layers=28, num_attention_heads=24, num_key_value_heads=8,
                   intermediate_size=8192, vocab_size=128256, max_position_embeddings=131072, rms_norm_eps=1e-5,
                   tie_word_embeddings=True, hidden_act="silu", attention_bias=False, head_dim=128)
ROPE = {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 32.0, "low_freq_factor": 1.0,
        "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}


def build_config(layers: int) -> LlamaConfig:
    shape = dict(LLAMA_32_3B, num_hidden_layers=layers, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    # The keys of Llama-3.2-3B's own config.json; transformers reads them into its RoPE parameters.
    return LlamaConfig(**shape, rope_theta=ROPE["rope_theta"],
                       rope_scaling={k: v for k, v in ROPE.items() if k != "rope_theta"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tokenizer", required=True, help="tokenizer.json to ship with the checkpoint")
    parser.add_argument("--layers", type=int, default=28, help="fewer only for quick local checks")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.time()
    torch.manual_seed(args.seed)
    config = build_config(args.layers)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    with torch.device(device):
        model = LlamaForCausalLM(config)
    model = model.to(torch.bfloat16)
    model.config.torch_dtype = torch.bfloat16
    os.makedirs(args.out, exist_ok=True)
    model.save_pretrained(args.out, max_shard_size="2GB")
    shutil.copyfile(args.tokenizer, os.path.join(args.out, "tokenizer.json"))
    params = sum(p.numel() for p in model.parameters())
    print(f"random Llama-3.2-3B-shape checkpoint: {params} parameters, rope {getattr(config, 'rope_parameters', None) or config.rope_scaling}, "
          f"written to {args.out} in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
