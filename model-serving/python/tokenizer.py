"""Trains the byte-level BPE tokenizer of a model package from JSONL records ("text" and "target" fields).

The pre-tokenizer isolates JSON structure characters and digits before the byte-level split, so a JSON answer
tokenizes the same whether it is encoded whole or value by value (see model-serving/STEP_CONTRACT.md).
"""
import argparse
import gzip
import io
import json
import lzma
from typing import Iterable, Iterator, List

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

SPECIAL_TOKENS = ["<|pad|>", "<|bos|>", "<|eos|>", "<|doc|>", "<|json|>"]
PAD, BOS, EOS, DOC, JSON = 0, 1, 2, 3, 4
SPECIAL_IDS = {"pad": PAD, "bos": BOS, "eos": EOS, "doc": DOC, "json": JSON}


def open_text(path: str) -> io.TextIOBase:
    """Opens a plain, gzip- or xz-compressed UTF-8 text file (xz packs a training export into half the bytes)."""
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.endswith(".xz"):
        return lzma.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def read_records(paths: Iterable[str], limit: int = 0) -> Iterator[dict]:
    """Yields the JSON objects of JSONL files, skipping blank lines; stops after `limit` records when limit > 0."""
    count = 0
    for path in paths:
        with open_text(path) as handle:
            for line in handle:
                line = line.strip()
                if not line:
                    continue
                yield json.loads(line)
                count += 1
                if 0 < limit <= count:
                    return


def build_tokenizer() -> Tokenizer:
    """An untrained tokenizer with the package's normalizer, pre-tokenizer and decoder."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex('["{}\\[\\],:]'), "isolated"),
        pre_tokenizers.Split(Regex("\\p{N}"), "isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer


def train_tokenizer(texts: Iterable[str], vocab_size: int) -> Tokenizer:
    """Trains the BPE on the given texts; special tokens take ids 0..4 and the whole byte alphabet is kept."""
    tokenizer = build_tokenizer()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer=trainer)
    for name, token_id in SPECIAL_IDS.items():
        actual = tokenizer.token_to_id(SPECIAL_TOKENS[token_id])
        if actual != token_id:
            raise ValueError(f"special token {name} got id {actual}, expected {token_id}")
    return tokenizer


def record_texts(paths: List[str], limit: int) -> Iterator[str]:
    """The document texts and JSON answers of the records, as training text for the tokenizer."""
    for record in read_records(paths, limit):
        yield record.get("text") or ""
        target = record.get("target")
        if target is not None:
            yield target if isinstance(target, str) else json.dumps(target, separators=(",", ":"), ensure_ascii=False)


def check_round_trip(tokenizer: Tokenizer, samples: List[str]) -> None:
    """Fails when a sample does not decode back to itself or a JSON answer splits differently value by value."""
    for sample in samples:
        ids = tokenizer.encode(sample, add_special_tokens=False).ids
        if tokenizer.decode(ids, skip_special_tokens=False) != sample:
            raise ValueError("tokenizer does not round-trip: " + sample[:80])
    answer = '{"a":"B 12","n":[1,2.5,null],"s":"x:y"}'
    whole = tokenizer.encode(answer, add_special_tokens=False).ids
    parts = ['{', '"', 'a', '"', ':', '"', 'B 12', '"', ',', '"', 'n', '"', ':', '[', '1', ',', '2.5', ',', 'null',
             ']', ',', '"', 's', '"', ':', '"', 'x:y', '"', '}']
    pieced: List[int] = []
    for part in parts:
        pieced.extend(tokenizer.encode(part, add_special_tokens=False).ids)
    if whole != pieced:
        raise ValueError("JSON answer tokenizes differently whole and value by value")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", nargs="+", required=True, help="JSONL files (.jsonl or .jsonl.gz)")
    parser.add_argument("--vocab", type=int, default=4096, help="vocabulary size including special tokens")
    parser.add_argument("--limit", type=int, default=200000, help="records read at most (0: all)")
    parser.add_argument("--out", required=True, help="tokenizer.json to write")
    args = parser.parse_args()
    tokenizer = train_tokenizer(record_texts(args.input, args.limit), args.vocab)
    check_round_trip(tokenizer, list(record_texts(args.input, 50)))
    tokenizer.save(args.out)
    print(f"tokenizer: vocab {tokenizer.get_vocab_size()} written to {args.out}")


if __name__ == "__main__":
    main()
