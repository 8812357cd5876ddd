"""LoRA fine-tuning of a Hugging Face Llama-family checkpoint on JSONL records, merged and exported to a package.

QLoRA (4-bit NF4 base) is used when bitsandbytes is importable, plain LoRA on a bf16 base otherwise. The adapter is
saved, re-applied to the bf16 base and merged; the merged checkpoint is saved and exported with export.py.
"""
import argparse
import json
import math
import os
import random
import shutil
import time

import torch
from tokenizers import AddedToken, Tokenizer

from export import export
from tokenizer import SPECIAL_TOKENS
from train import encode, make_batches


def ensure_special_tokens(tokenizer_json: str, out_json: str) -> Tokenizer:
    """Copies the tokenizer, adding the package's special tokens it lacks."""
    tokenizer = Tokenizer.from_file(tokenizer_json)
    missing = [t for t in SPECIAL_TOKENS if tokenizer.token_to_id(t) is None]
    if missing:
        tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in missing])
    tokenizer.save(out_json)
    return tokenizer


def load_base(checkpoint: str, quantized: bool):
    from transformers import AutoModelForCausalLM
    if quantized:
        from transformers import BitsAndBytesConfig
        config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                    bnb_4bit_compute_dtype=torch.bfloat16, bnb_4bit_use_double_quant=True)
        return AutoModelForCausalLM.from_pretrained(checkpoint, quantization_config=config, device_map={"": 0})
    return AutoModelForCausalLM.from_pretrained(checkpoint, dtype=torch.bfloat16).to("cuda")


def batch_tensors(batch, pad_id: int):
    length = max(len(e.ids) for e in batch)
    ids = torch.full((len(batch), length), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), length), -100, dtype=torch.long)
    attention = torch.zeros((len(batch), length), dtype=torch.long)
    for i, e in enumerate(batch):
        n = len(e.ids)
        ids[i, :n] = torch.tensor(e.ids)
        labels[i, e.prompt_len:n] = torch.tensor(e.ids[e.prompt_len:])
        attention[i, :n] = 1
    return ids.cuda(), labels.cuda(), attention.cuda()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True, help="Hugging Face checkpoint folder")
    parser.add_argument("--train", nargs="+", required=True, help="JSONL files of text and target")
    parser.add_argument("--out", required=True, help="merged checkpoint folder to write")
    parser.add_argument("--package-out", required=True, help="model package folder to export to")
    parser.add_argument("--name", default="manifest-3b")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--dtype", default="bf16", help="dtype of the exported step module")
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--warmup-steps", type=int, default=10)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=int, default=32)
    parser.add_argument("--batch-tokens", type=int, default=16384)
    parser.add_argument("--max-len", type=int, default=2048, help="longer documents are skipped")
    parser.add_argument("--max-context", type=int, default=4096, help="positions the exported package may use")
    parser.add_argument("--limit", type=int, default=0, help="training records read at most (0: all)")
    parser.add_argument("--qlora", choices=["auto", "on", "off"], default="auto")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()

    started = time.time()
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    tokenizer = ensure_special_tokens(os.path.join(args.checkpoint, "tokenizer.json"),
                                      os.path.join(args.out, "tokenizer.json"))
    try:
        import bitsandbytes  # noqa: F401
        have_bnb = True
    except ImportError:
        have_bnb = False
    quantized = args.qlora == "on" or (args.qlora == "auto" and have_bnb)
    examples, skipped = encode(tokenizer, args.train, args.limit, args.max_len)
    print(f"{len(examples)} examples ({skipped} longer than {args.max_len} skipped), "
          f"{'QLoRA (4-bit base)' if quantized else 'LoRA on a bf16 base'}", flush=True)

    from peft import LoraConfig, PeftModel, get_peft_model
    model = load_base(args.checkpoint, quantized)
    vocab = tokenizer.get_vocab_size(with_added_tokens=True)
    if vocab > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(vocab)
    if quantized:
        from peft import prepare_model_for_kbit_training
        model = prepare_model_for_kbit_training(model)
    lora = LoraConfig(r=args.rank, lora_alpha=args.alpha, lora_dropout=0.05, task_type="CAUSAL_LM",
                      target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    model = get_peft_model(model, lora)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.0)
    model.train()
    losses = []
    batches = []
    pad_id = tokenizer.token_to_id("<|pad|>")
    train_start = time.time()
    for step in range(args.steps):
        if not batches:
            batches = make_batches(examples, args.batch_tokens, rng)
        ids, labels, attention = batch_tensors(batches.pop(), pad_id)
        if step < args.warmup_steps:
            lr = args.lr * (step + 1) / args.warmup_steps
        else:
            lr = args.lr * 0.5 * (1 + math.cos(math.pi * (step - args.warmup_steps) / max(1, args.steps - args.warmup_steps)))
        for group in optimizer.param_groups:
            group["lr"] = lr
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(input_ids=ids, attention_mask=attention, labels=labels).loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimizer.step()
        losses.append(float(loss))
        if step % 10 == 0 or step == args.steps - 1:
            print(f"step {step} loss {losses[-1]:.4f} lr {lr:.2e}", flush=True)
    torch.cuda.synchronize()
    train_seconds = time.time() - train_start

    adapter_dir = os.path.join(args.out, "adapter")
    model.save_pretrained(adapter_dir)
    del model, optimizer
    torch.cuda.empty_cache()
    from transformers import AutoModelForCausalLM
    base = AutoModelForCausalLM.from_pretrained(args.checkpoint, dtype=torch.bfloat16).to("cuda")
    if vocab > base.get_input_embeddings().weight.shape[0]:
        base.resize_token_embeddings(vocab)
    merged = PeftModel.from_pretrained(base, adapter_dir).merge_and_unload()
    merged.save_pretrained(args.out, max_shard_size="2GB")
    shutil.rmtree(adapter_dir)
    del base, merged
    torch.cuda.empty_cache()

    head = sum(losses[:5]) / min(5, len(losses))
    tail = sum(losses[-5:]) / min(5, len(losses))
    provenance = {"base_checkpoint": os.path.abspath(args.checkpoint), "method": "QLoRA" if quantized else "LoRA",
                  "rank": args.rank, "alpha": args.alpha, "trainable_parameters": trainable, "steps": args.steps,
                  "lr": args.lr, "batch_tokens": args.batch_tokens, "data_files": args.train, "examples": len(examples),
                  "skipped_too_long": skipped, "seed": args.seed, "first_losses_mean": round(head, 4),
                  "last_losses_mean": round(tail, 4), "train_seconds": round(train_seconds, 1),
                  "device": torch.cuda.get_device_name(0)}
    with open(os.path.join(args.out, "finetune.json"), "w", encoding="utf-8") as handle:
        json.dump(provenance, handle, indent=2)
    export(args.out, args.package_out, args.dtype, args.name, args.version, args.max_context, provenance)
    print(f"| finetune | steps | first-5 loss | last-5 loss | train s | trainable params | total s |")
    print(f"| {provenance['method']} r={args.rank} | {args.steps} | {head:.4f} | {tail:.4f} | {train_seconds:.1f} | "
          f"{trainable} | {time.time() - started:.0f} |", flush=True)


if __name__ == "__main__":
    main()
