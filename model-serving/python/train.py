"""Trains manifest-mini from scratch on JSONL records ("text", "target") and exports its model package.

One command does everything within a wall-clock budget: tokenizer (trained unless given), tokenization, training
(bf16 autocast, AdamW, warmup then cosine decay over the time left, gradient clipping, batches of similar lengths),
validation (teacher-forced answer-token accuracy and exact-answer greedy accuracy through the exported step module),
and the package: step.pt, tokenizer.json, model.json, MODEL_CARD.md, loss_curve.csv, loss_curve.png, train.log.
"""
import argparse
import csv
import json
import math
import os
import random
import sys
import time
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer

from augment import Augmenter
from model import Llama, LlamaConfig, script_step_module
from package import DTYPES, round_weights, write_package
from tokenizer import BOS, DOC, EOS, JSON, PAD, open_text, read_records, record_texts, train_tokenizer

START = time.time()


class Log:
    """Prints to stdout and appends to train.log in the output folder."""

    def __init__(self, path: str) -> None:
        self.handle = open(path, "a", encoding="utf-8")

    def __call__(self, message: str) -> None:
        line = f"[{time.time() - START:7.1f}s] {message}"
        print(line, flush=True)
        self.handle.write(line + "\n")
        self.handle.flush()


def count_lines(path: str) -> int:
    with open_text(path) as handle:
        return sum(1 for line in handle if line.strip())


def target_text(record: dict) -> str:
    target = record.get("target")
    return target if isinstance(target, str) else json.dumps(target, separators=(",", ":"), ensure_ascii=False)


class Example:
    __slots__ = ("ids", "prompt_len", "target")

    def __init__(self, ids: List[int], prompt_len: int, target: str) -> None:
        self.ids = ids
        self.prompt_len = prompt_len
        self.target = target


def encode(tokenizer: Tokenizer, paths: List[str], limit: int, max_context: int,
           augmenter: Optional[Augmenter] = None) -> Tuple[List[Example], int]:
    """Encodes records as <|bos|><|doc|> text <|json|> answer <|eos|>; returns the examples and how many were too long.

    With an augmenter (training data only), a share of the records first gets its printed names and codes replaced.
    """
    records = list(read_records(paths, limit))
    if augmenter is not None:
        records = augmenter.apply_all(records, min(16, os.cpu_count() or 1))
    texts = tokenizer.encode_batch([r.get("text") or "" for r in records], add_special_tokens=False)
    targets = [target_text(r) for r in records]
    answers = tokenizer.encode_batch(targets, add_special_tokens=False)
    examples: List[Example] = []
    skipped = 0
    for text, answer, target in zip(texts, answers, targets):
        ids = [BOS, DOC] + text.ids + [JSON] + answer.ids + [EOS]
        if len(ids) > max_context:
            skipped += 1
            continue
        examples.append(Example(ids, 3 + len(text.ids), target))
    return examples, skipped


def make_batches(examples: List[Example], batch_tokens: int, rng: random.Random) -> List[List[Example]]:
    """Groups examples of similar length so that batch size times longest length stays within batch_tokens."""
    order = sorted(examples, key=lambda e: len(e.ids))
    batches: List[List[Example]] = []
    current: List[Example] = []
    for example in order:
        longest = len(example.ids) - 1
        if current and (len(current) + 1) * longest > batch_tokens:
            batches.append(current)
            current = []
        current.append(example)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def tensors(batch: List[Example], device: torch.device) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Inputs [B, T], labels [B, T] and the answer mask [B, T] (labels that are answer tokens or <|eos|>)."""
    length = max(len(e.ids) for e in batch) - 1
    inputs = torch.full((len(batch), length), PAD, dtype=torch.long)
    labels = torch.full((len(batch), length), PAD, dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.bool)
    for i, e in enumerate(batch):
        n = len(e.ids) - 1
        inputs[i, :n] = torch.tensor(e.ids[:-1])
        labels[i, :n] = torch.tensor(e.ids[1:])
        mask[i, e.prompt_len - 1:n] = True
    return (inputs.to(device, non_blocking=True), labels.to(device, non_blocking=True),
            mask.to(device, non_blocking=True))


def answer_loss(model: Llama, inputs: torch.Tensor, labels: torch.Tensor, mask: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor]:
    """Mean cross-entropy over answer tokens, projecting only the answer positions onto the vocabulary."""
    hidden = model.hidden(inputs)
    logits = model.output(hidden[mask]).float()
    return F.cross_entropy(logits, labels[mask]), logits


@torch.no_grad()
def teacher_forced(model: Llama, examples: List[Example], device: torch.device, batch_tokens: int) -> Tuple[float, float]:
    """Validation loss and token accuracy on answer tokens with the true previous tokens fed."""
    model.eval()
    total_loss, total_correct, total = 0.0, 0, 0
    for batch in make_batches(examples, batch_tokens, random.Random(0)):
        inputs, labels, mask = tensors(batch, device)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.type == "cuda"):
            loss, logits = answer_loss(model, inputs, labels, mask)
        n = int(mask.sum())
        total_loss += float(loss) * n
        total_correct += int((logits.argmax(-1) == labels[mask]).sum())
        total += n
    model.train()
    return total_loss / max(total, 1), total_correct / max(total, 1)


@torch.no_grad()
def greedy_exact(step, tokenizer: Tokenizer, examples: List[Example], device: torch.device, max_context: int,
                 batch: int = 64) -> Tuple[float, float, int]:
    """Exact-answer accuracy of greedy decoding through the step module; returns accuracy, decode tokens/s, count."""
    step.init_cache(batch, max_context)
    step.set_masks(torch.ones(1, step.vocab_size, dtype=torch.bool, device=device))
    exact, decoded_tokens, decode_time = 0, 0, 0.0
    samples: List[Tuple[str, str]] = []
    for first in range(0, len(examples), batch):
        group = examples[first:first + batch]
        prompts = [e.ids[:e.prompt_len] for e in group]
        t = lambda xs: torch.tensor(xs, dtype=torch.long, device=device)
        flat = [tok for p in prompts for tok in p]
        positions = [i for p in prompts for i in range(len(p))]
        ends = []
        acc = 0
        for p in prompts:
            acc += len(p)
            ends.append(acc - 1)
        zeros = [0] * len(group)
        chosen, _ = step.step(t(flat), t(positions), t([len(p) for p in prompts]), t(list(range(len(group)))),
                              t(ends), t(zeros))
        outputs: List[List[int]] = [[tok] for tok in chosen.tolist()]
        lengths = [len(p) for p in prompts]
        limits = [len(e.ids) - e.prompt_len + 16 for e in group]
        active = [i for i in range(len(group)) if outputs[i][-1] != EOS]
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.time()
        while active:
            active = [i for i in active if lengths[i] < max_context and len(outputs[i]) < limits[i]]
            if not active:
                break
            chosen, _ = step.step(t([outputs[i][-1] for i in active]), t([lengths[i] for i in active]),
                                  t([1] * len(active)), t(active), t(list(range(len(active)))), t([0] * len(active)))
            decoded_tokens += len(active)
            for i, tok in zip(active, chosen.tolist()):
                outputs[i].append(tok)
                lengths[i] += 1
            active = [i for i in active if outputs[i][-1] != EOS]
        if device.type == "cuda":
            torch.cuda.synchronize()
        decode_time += time.time() - started
        for e, out in zip(group, outputs):
            answer = out[:-1] if out and out[-1] == EOS else out
            text = tokenizer.decode(answer, skip_special_tokens=False)
            exact += int(text == e.target)
            if len(samples) < 2:
                samples.append((text, e.target))
    for text, target in samples:
        print(f"greedy sample:\n  got    {text[:400]}\n  wanted {target[:400]}", flush=True)
    return exact / max(len(examples), 1), decoded_tokens / max(decode_time, 1e-9), len(examples)


def grow_depth(source: Llama, config: LlamaConfig) -> Dict[str, torch.Tensor]:
    """The weights of a deeper model that computes exactly what `source` computes (block expansion).

    `config` must equal the source's architecture but for a number of layers that is a multiple of the source's.
    Each source layer is followed by copies of itself whose attention and feed-forward output projections are zero:
    a block whose outputs are zero adds nothing to the residual stream, so the grown model starts where the source
    stands and the new blocks learn from there.
    """
    c = source.config
    if dict(c.to_dict(), num_layers=config.num_layers) != config.to_dict() or config.num_layers % c.num_layers:
        raise SystemExit(f"cannot grow {c.num_layers} layers into {config.num_layers} of another architecture")
    factor = config.num_layers // c.num_layers
    grown: Dict[str, torch.Tensor] = {}
    for name, value in source.state_dict().items():
        if not name.startswith("layers."):
            grown[name] = value.detach().clone()
            continue
        _, index, rest = name.split(".", 2)
        for copy in range(factor):
            target = value.detach().clone()
            if copy > 0 and rest in ("wo.weight", "w_down.weight"):
                target.zero_()
            grown[f"layers.{int(index) * factor + copy}.{rest}"] = target
    return grown


def lr_at(step: int, progress: float, peak: float, warmup: int, floor: float) -> float:
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = min(max(progress, 0.0), 1.0)
    return floor + (peak - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def plot(csv_rows: List[dict], path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4))
    steps = [r["step"] for r in csv_rows]
    ax.plot(steps, [r["train_loss"] for r in csv_rows], label="train (answer tokens)", linewidth=1)
    val = [(r["step"], r["val_loss"]) for r in csv_rows if r["val_loss"] != ""]
    if val:
        ax.plot([s for s, _ in val], [v for _, v in val], "o-", label="validation", markersize=3)
    ax.set_xlabel("step")
    ax.set_ylabel("cross-entropy (nats/token)")
    ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    ax.legend()
    ax.set_title("manifest-mini training loss")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def model_card(spec: dict) -> str:
    t, a, arch = spec["training"], spec["accuracy"], spec["architecture"]
    return f"""# {spec['name']} {spec['version']}

A {arch['parameters'] / 1e6:.2f}M-parameter Llama-architecture decoder ({arch['layers']} layers, hidden
{arch['hidden_size']}, {arch['heads']} heads, {arch['kv_heads']} KV heads, SwiGLU {arch['intermediate_size']}, tied
embeddings, RoPE theta {arch['rope_theta']}, context {arch['max_context']}) trained to extract
`{spec['schema']['name']}` {spec['schema']['version']} records as compact canonical JSON from shipping-document text.
Step module `step.pt` computing in {spec['dtype']}, its weights stored in {spec['storage_dtype']}; byte-level BPE
tokenizer of {arch['tokenizer_vocab_size']} tokens.

## Prompt

`{spec['prompt_template']}` followed by the answer and `<|eos|>`; loss on the answer tokens only.

## Training

| | |
|---|---|
| data | {', '.join(f"{os.path.basename(k)} ({v} lines)" for k, v in t['data_files'].items())} |
| examples used / skipped as longer than the context | {t['examples']} / {t['skipped_too_long']} |
| seed | {t['seed']} |
| initial weights | {t.get('initialised_from') or 'random'} |
| value substitution (augment.py): share / records changed | {t.get('augment_share', 0)} / {t.get('augmented_records', 0)} |
| steps | {t['steps']} |
| tokens seen (answer tokens with loss) | {t['tokens_seen']} ({t['answer_tokens_seen']}) |
| optimiser | AdamW, peak lr {t['peak_lr']}, warmup {t['warmup_steps']} steps, cosine to {t['min_lr']}, clip 1.0, bf16 autocast |
| device | {t['device']} |
| wall time | {t['wall_seconds']:.0f} s (training {t['train_seconds']:.0f} s) |
| final train loss / validation loss | {t['final_train_loss']:.4f} / {a['validation_loss']:.4f} |

## Accuracy (validation sample)

| | |
|---|---|
| teacher-forced answer-token accuracy ({a['teacher_forced_examples']} documents) | {a['token_accuracy']:.4f} |
| exact-answer greedy accuracy through step.pt, no schema constraint ({a['exact_examples']} documents) | {a['exact_answer_accuracy']:.4f} |

The Java engine adds schema-forced decoding and domain validation on top of these raw figures. A document longer
than the context is read in parts: training files made by `ExportSplitParts` hold those parts with their own targets,
exactly as the engine splits them; whole documents longer than the context are skipped.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", nargs="+", required=True, help="training JSONL files (.jsonl or .jsonl.gz)")
    parser.add_argument("--validation", nargs="+", required=True, help="validation JSONL files")
    parser.add_argument("--out", required=True, help="package folder to write")
    parser.add_argument("--minutes", type=float, default=8.0, help="wall-clock budget of the whole command")
    parser.add_argument("--reserve-seconds", type=float, default=75.0,
                        help="part of the budget kept for validation and export after training")
    parser.add_argument("--tokenizer", help="existing tokenizer.json (otherwise one is trained)")
    parser.add_argument("--tokenizer-vocab", type=int, default=4096)
    parser.add_argument("--tokenizer-records", type=int, default=100000, help="records the tokenizer is trained on")
    parser.add_argument("--train-limit", type=int, default=0, help="training records read at most (0: all)")
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--heads", type=int, default=8)
    parser.add_argument("--kv-heads", type=int, default=2)
    parser.add_argument("--intermediate", type=int, default=640)
    parser.add_argument("--max-context", type=int, default=2048)
    parser.add_argument("--rope-theta", type=float, default=10000.0)
    parser.add_argument("--batch-tokens", type=int, default=65536, help="padded tokens per batch")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--min-lr", type=float, default=3e-4)
    parser.add_argument("--warmup-steps", type=int, default=150)
    parser.add_argument("--init-from", help="package folder whose weights training continues from: the same "
                        "architecture, or the same with a multiple of its layers (see grow_depth)")
    parser.add_argument("--storage-dtype", default="float32", choices=sorted(DTYPES),
                        help="dtype step.pt stores the weights in (the module computes in float32); the weights are "
                             "rounded to it before the final validation, so the figures are the package's")
    parser.add_argument("--weight-decay", type=float, default=0.1)
    parser.add_argument("--eval-every", type=float, default=45.0, help="seconds between validation-loss points")
    parser.add_argument("--val-examples", type=int, default=1000, help="validation documents for teacher forcing")
    parser.add_argument("--exact-examples", type=int, default=256, help="validation documents decoded greedily")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--augment-share", type=float, default=0.35,
                        help="share of training records whose printed names and codes are replaced by invented ones "
                             "(augment.py; 0 disables; validation records are never changed)")
    parser.add_argument("--name", default="manifest-mini")
    parser.add_argument("--version", default="1.0.0")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    log = Log(os.path.join(args.out, "train.log"))
    budget = args.minutes * 60.0
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device_name = torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"
    torch.backends.cuda.matmul.allow_tf32 = True
    log(f"device {device_name}, torch {torch.__version__}, budget {budget:.0f} s")

    data_files = {p: count_lines(p) for p in args.train + args.validation}
    log("data files: " + ", ".join(f"{k}={v}" for k, v in data_files.items()))
    tokenizer_path = os.path.join(args.out, "tokenizer.json")
    if args.tokenizer:
        tokenizer = Tokenizer.from_file(args.tokenizer)
    else:
        tokenizer = train_tokenizer(record_texts(args.train, args.tokenizer_records), args.tokenizer_vocab)
        log(f"tokenizer trained on {args.tokenizer_records} records at most: vocab {tokenizer.get_vocab_size()}")
    tokenizer.save(tokenizer_path)

    augmenter = Augmenter(args.augment_share, args.seed)
    # Value substitution forks worker processes; stating the tokenizers' default (parallel) keeps their library
    # from warning in each forked worker after the tokenizer training above used its thread pool.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    train_examples, train_skipped = encode(tokenizer, args.train, args.train_limit, args.max_context, augmenter)
    log(augmenter.summary())
    val_examples, val_skipped = encode(tokenizer, args.validation, 0, args.max_context)
    val_rng = random.Random(args.seed + 1)
    val_rng.shuffle(val_examples)
    val_tf = val_examples[: args.val_examples]
    val_exact = val_examples[: args.exact_examples]
    val_curve = val_examples[: min(200, len(val_examples))]
    lengths = sorted(len(e.ids) for e in train_examples)
    log(f"train examples {len(train_examples)} (skipped {train_skipped} longer than {args.max_context}), "
        f"validation {len(val_examples)} (skipped {val_skipped}); tokens/example median {lengths[len(lengths) // 2]}, "
        f"max {lengths[-1]}, total {sum(lengths)}")

    config = LlamaConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=args.hidden, num_layers=args.layers,
                         num_heads=args.heads, num_kv_heads=args.kv_heads, intermediate_size=args.intermediate,
                         max_context=args.max_context, rope_theta=args.rope_theta, tie_embeddings=True)
    model = Llama(config)
    model.init_weights(args.seed)
    init_from_name = None
    if args.init_from:
        # continue from a package's weights: its step module holds every tensor of the training-form model
        from check_package import config_from_spec, llama_from_step
        spec_from = json.load(open(os.path.join(args.init_from, "model.json"), encoding="utf-8"))
        config_from = config_from_spec(spec_from)
        start = llama_from_step(torch.jit.load(os.path.join(args.init_from, "step.pt"), map_location="cpu"),
                                config_from)
        init_from_name = f"{spec_from['name']} {spec_from['version']}"
        if config_from.to_dict() == config.to_dict():
            model.load_state_dict({k: v.detach().clone() for k, v in start.state_dict().items()})
        else:
            model.load_state_dict(grow_depth(start, config))
            init_from_name += f" grown from {config_from.num_layers} to {config.num_layers} layers"
        log(f"weights from {init_from_name} ({args.init_from})")
    model.to(device)
    log(f"model {model.num_parameters()} parameters ({model.num_parameters() * 4 / 2**20:.1f} MiB in fp32)")
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}],
                                  lr=args.lr, betas=(0.9, 0.95), eps=1e-8, fused=device.type == "cuda")

    train_start = time.time()
    train_seconds = budget - (train_start - START) - args.reserve_seconds
    log(f"training for {train_seconds:.0f} s")
    if train_seconds < 10:
        raise SystemExit("budget too small: less than 10 s left for training")
    rows: List[dict] = []
    step, tokens_seen, answer_tokens_seen, epoch = 0, 0, 0, 0
    smoothed: Optional[float] = None
    last_eval = train_start - args.eval_every
    done = False
    model.train()
    while not done:
        epoch += 1
        for batch in make_batches(train_examples, args.batch_tokens, rng):
            elapsed = time.time() - train_start
            progress = elapsed / train_seconds
            if progress >= 1.0:
                done = True
                break
            lr = lr_at(step, progress, args.lr, args.warmup_steps, args.min_lr)
            for group in optimizer.param_groups:
                group["lr"] = lr
            inputs, labels, mask = tensors(batch, device)
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.type == "cuda"):
                loss, _ = answer_loss(model, inputs, labels, mask)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            step += 1
            tokens_seen += sum(len(e.ids) - 1 for e in batch)
            answer_tokens_seen += sum(len(e.ids) - e.prompt_len for e in batch)
            if step % 25 == 0 or step == 1:
                value = loss.item()
                smoothed = value if smoothed is None else 0.9 * smoothed + 0.1 * value
                row = {"step": step, "seconds": round(time.time() - train_start, 2), "epoch": epoch,
                       "tokens_seen": tokens_seen, "lr": lr, "train_loss": round(value, 5), "val_loss": ""}
                if time.time() - last_eval >= args.eval_every:
                    row["val_loss"] = round(teacher_forced(model, val_curve, device, args.batch_tokens)[0], 5)
                    last_eval = time.time()
                    log(f"step {step} epoch {epoch} loss {value:.4f} val {row['val_loss']:.4f} lr {lr:.2e} "
                        f"tokens {tokens_seen} ({tokens_seen / (time.time() - train_start):.0f}/s)")
                rows.append(row)
    train_elapsed = time.time() - train_start
    final_train = smoothed if smoothed is not None else float("nan")
    log(f"trained {step} steps, {epoch} epochs, {tokens_seen} tokens in {train_elapsed:.0f} s")

    storage = DTYPES[args.storage_dtype]
    if storage != torch.float32:
        round_weights(model, storage)
        log(f"weights rounded to {args.storage_dtype}, the dtype step.pt stores them in")
    val_loss, token_accuracy = teacher_forced(model, val_tf, device, args.batch_tokens)
    rows.append({"step": step, "seconds": round(train_elapsed, 2), "epoch": epoch, "tokens_seen": tokens_seen,
                 "lr": 0.0, "train_loss": round(final_train, 5), "val_loss": round(val_loss, 5)})
    log(f"validation: loss {val_loss:.4f}, answer-token accuracy {token_accuracy:.4f} on {len(val_tf)} documents")
    model.eval()
    step_module = script_step_module(model, torch.float32, device)
    exact, decode_rate, exact_count = greedy_exact(step_module, tokenizer, val_exact, device, args.max_context)
    log(f"exact-answer greedy accuracy {exact:.4f} on {exact_count} documents (decode {decode_rate:.0f} tokens/s)")
    del step_module

    with open(os.path.join(args.out, "loss_curve.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["step", "seconds", "epoch", "tokens_seen", "lr", "train_loss", "val_loss"])
        writer.writeheader()
        writer.writerows(rows)
    plot(rows, os.path.join(args.out, "loss_curve.png"))
    training = {
        "data_files": {os.path.basename(k): v for k, v in data_files.items()},
        "examples": len(train_examples), "skipped_too_long": train_skipped, "validation_examples": len(val_examples),
        "validation_skipped_too_long": val_skipped, "seed": args.seed, "steps": step, "epochs": epoch,
        "tokens_seen": tokens_seen, "answer_tokens_seen": answer_tokens_seen, "batch_tokens": args.batch_tokens,
        "peak_lr": args.lr, "min_lr": args.min_lr, "warmup_steps": args.warmup_steps, "device": device_name,
        "torch": torch.__version__, "train_seconds": round(train_elapsed, 1), "final_train_loss": round(final_train, 5),
        "final_validation_loss": round(val_loss, 5), "augment_share": args.augment_share,
        "initialised_from": init_from_name,
        "augmented_records": augmenter.augmented, "augmented_substitutions": dict(sorted(augmenter.kinds.items())),
    }
    accuracy = {"validation_loss": round(val_loss, 5), "token_accuracy": round(token_accuracy, 5),
                "teacher_forced_examples": len(val_tf), "exact_answer_accuracy": round(exact, 5),
                "exact_examples": exact_count, "greedy_decode_tokens_per_second": round(decode_rate, 1)}
    training["wall_seconds"] = round(time.time() - START, 1)
    spec = write_package(args.out, model, tokenizer_path, torch.float32, args.name, args.version, training, accuracy,
                         storage=storage)
    spec["training"]["wall_seconds"] = round(time.time() - START, 1)
    with open(os.path.join(args.out, "model.json"), "w", encoding="utf-8") as handle:
        json.dump(spec, handle, indent=2)
        handle.write("\n")
    with open(os.path.join(args.out, "MODEL_CARD.md"), "w", encoding="utf-8") as handle:
        handle.write(model_card(spec))
    # The exported file itself, reloaded, against the full forward pass of the trained weights.
    from step_check import check_step_module
    torch.backends.cuda.matmul.allow_tf32 = False  # the check compares float32 results to 1e-4 nats
    exported = torch.jit.load(os.path.join(args.out, "step.pt"), map_location=device)
    check = check_step_module(model, exported, device, 1e-4)
    log(f"step-contract check of step.pt: {json.dumps(check)}")
    spec["training"]["step_check_passed"] = bool(check["passed"])
    spec["training"]["wall_seconds"] = round(time.time() - START, 1)
    with open(os.path.join(args.out, "model.json"), "w", encoding="utf-8") as handle:
        json.dump(spec, handle, indent=2)
        handle.write("\n")
    size = os.path.getsize(os.path.join(args.out, "step.pt"))
    log(f"package written to {args.out}: step.pt {size / 2**20:.2f} MiB, total {time.time() - START:.0f} s")
    print("\n| metric | value |\n|---|---|")
    for key, value in [("steps", step), ("tokens seen", tokens_seen), ("final train loss", f"{final_train:.4f}"),
                       ("validation loss", f"{val_loss:.4f}"), ("answer-token accuracy", f"{token_accuracy:.4f}"),
                       ("exact-answer accuracy", f"{exact:.4f}"), ("step check passed", check["passed"]),
                       ("step.pt MiB", f"{size / 2**20:.2f}"),
                       ("wall s", f"{time.time() - START:.0f}")]:
        print(f"| {key} | {value} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
