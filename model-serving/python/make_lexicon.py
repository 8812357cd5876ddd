"""Writes the real words and sea ports that value substitution (augment.py) may put in place of printed values.

Invented pseudo-words teach the model to copy a name it has never seen only as long as the name looks invented: a
name made of ordinary words it has not seen as a name (a vessel GLORY, a port it does not know) it would otherwise
replace with a name it knows. So a share of the substituted values are real words and real ports, taken from the
public reference data and never from the document generator's own value lists, so that no value of any corpus split,
seen or held out, can become a substitute:

- `lexicon/words.txt`: words of the HS nomenclature's descriptions (4 to 12 ASCII letters), less every word that
  the generator's data files (samples/src/main/resources/dev/manifests/samples/data) contain;
- `lexicon/ports.tsv`: world sea ports with their UN/LOCODEs whose code, name and words are not in those files.

Both are written with a header naming their source; run again when the reference data or the generator's lists
change: `python3 model-serving/python/make_lexicon.py` (from the repository root, with ../shared beside it).
"""
import argparse
import csv
import json
import os
import re
import sys
from typing import Iterable, Set

from augment import strip_marks

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
GENERATOR_DATA = os.path.join(ROOT, "samples", "src", "main", "resources", "dev", "manifests", "samples", "data")
REFERENCE = os.path.normpath(os.path.join(ROOT, "..", "shared", "reference"))
OUT = os.path.join(HERE, "lexicon")
MIN_WORD, MAX_WORD = 4, 12
PORT_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]{2,24}")


def folded(text: str) -> str:
    """Lower case without accents, so Münster and MUNSTER are the same word."""
    return strip_marks(text).casefold()


def words_of(text: str) -> Iterable[str]:
    return (folded(w) for w in re.findall(r"[^\W\d_]+", text))


def generator_words() -> Set[str]:
    """Every word of the generator's data files: names, stems, trades, streets, cities, ports, carriers, vessels."""
    words: Set[str] = set()
    for name in sorted(os.listdir(GENERATOR_DATA)):
        with open(os.path.join(GENERATOR_DATA, name), encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    words.update(words_of(line))
    return words


def generator_codes() -> Set[str]:
    codes: Set[str] = set()
    for name in ("sea-ports.tsv", "inland-places.tsv"):
        with open(os.path.join(GENERATOR_DATA, name), encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    codes.add(line.split("\t")[0].strip())
    return codes


def hs_words(reference: str, excluded: Set[str]) -> Set[str]:
    words: Set[str] = set()
    with open(os.path.join(reference, "harmonized-system.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for word in re.findall(r"[A-Za-z]+", row["description"]):
                word = word.lower()
                if MIN_WORD <= len(word) <= MAX_WORD and word not in excluded:
                    words.add(word)
    return words


def ports(reference: str, excluded_words: Set[str], excluded_codes: Set[str]):
    with open(os.path.join(reference, "sea-ports.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    rows = {}
    for code, port in sorted(data.items()):
        name = (port.get("name") or "").strip()
        if (not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code) or code in excluded_codes
                or not PORT_NAME.fullmatch(name) or any(w in excluded_words for w in words_of(name))):
            continue
        rows.setdefault(folded(name), (code, name))
    return sorted(rows.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference", default=REFERENCE, help="folder with harmonized-system.csv, sea-ports.json")
    args = parser.parse_args()
    excluded = generator_words()
    os.makedirs(OUT, exist_ok=True)
    words = sorted(hs_words(args.reference, excluded))
    with open(os.path.join(OUT, "words.txt"), "w", encoding="utf-8") as handle:
        handle.write("# Words of the HS nomenclature's descriptions (datasets/harmonized-system, data/harmonized-system"
                     ".csv, from UN Comtrade; ODC PDDL 1.0), less every word of the document generator's data files."
                     " Written by make_lexicon.py.\n")
        handle.writelines(w + "\n" for w in words)
    chosen = ports(args.reference, excluded, generator_codes())
    with open(os.path.join(OUT, "ports.tsv"), "w", encoding="utf-8") as handle:
        handle.write("# UN/LOCODE and name of world sea ports (marchah/sea-ports, lib/ports.json; MIT (c) 2016 marchah)"
                     " that the document generator does not use and whose words are in none of its data files."
                     " Written by make_lexicon.py.\n")
        handle.writelines(f"{code}\t{name}\n" for code, name in chosen)
    print(f"{len(words)} words, {len(chosen)} ports written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
