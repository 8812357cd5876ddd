"""Value substitution for training records: invented names and codes replace real ones in both text and target.

The model otherwise learns to write the party, carrier, vessel and place names it has seen instead of copying them
from the document. A share of training records therefore gets each such value that is printed in its text replaced
by a generated pseudo-word value, consistently at every printed occurrence (in the case style of that occurrence)
and in the target (in the target's style); the SCAC and UN/LOCODEs printed beside them get new codes, and a B/L or
booking number that starts with the SCAC gets the new prefix. A value is substituted only when the document still
determines the whole answer: a location whose UN/LOCODE is in the target but not printed keeps its name (the model
cannot know a code for an invented place), and likewise a carrier whose SCAC is not printed.

Container numbers (ISO 6346) whose check digit is right and which are printed get a new owner code (the category
letter kept, one new code for all containers that shared an old one), sometimes a new serial, and the recomputed
check digit, at every printed occurrence in that occurrence's form (CSQU3054383, CSQU 305438-3, CSQU-305438-3) and
in the target; a number with a wrong check digit is the document's own error and stays as printed. When the carrier's
SCAC starts substituted container numbers, the new SCAC is their new prefix, so carrier and equipment still agree.
Seal numbers printed as whole tokens get a random code of the same shape (letter for letter, digit for digit).

Invented words are mostly pseudo-words; a share are real words, and a share of substituted places are real sea ports
with their UN/LOCODEs, both from `lexicon/` (make_lexicon.py: public reference data less every word and port the
document generator uses). A model that has only had to copy pseudo-words writes a name it knows in place of a printed
one made of ordinary words (GLORY, HAMBURG) it has not seen as a name.

Self-check: `python3 augment.py --check train.jsonl.gz --records 2000`.
"""
import argparse
import functools
import gzip
import io
import json
import multiprocessing
import os
import random
import re
import sys
import unicodedata
from collections import Counter
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

PARTIES = ("shipper", "consignee", "notifyParty")
PLACES = ("portOfLoading", "portOfDischarge", "placeOfReceipt", "placeOfDelivery")
# Target leaves that are codes, enums or dates: names are never substituted inside them.
CODE_KEYS = frozenset({"documentType", "billOfLadingNumber", "bookingNumber", "scac", "unlocode", "countryCode",
                       "voyageNumber", "dateOfIssue", "shippedOnBoardDate", "freightTerms", "containerNumber",
                       "sealNumber", "sizeTypeCode", "hsCodes", "packageType"})
# Codes that may start with the carrier's SCAC and then take the new prefix (container numbers never do: their
# check digit would break, so their prefix changes through the container substitution, and a carrier whose SCAC
# starts a container number that is not substituted is left alone).
PREFIXED_CODE_KEYS = frozenset({"billOfLadingNumber", "bookingNumber", "sealNumber"})
# ISO 6346 letter values: 10 upwards, skipping the multiples of 11.
LETTER_VALUES = {chr(ord("A") + i): v for i, v in enumerate(v for v in range(10, 39) if v % 11)}
CONTAINER_NUMBER = re.compile(r"[A-Z]{3}[UJZ][0-9]{7}")
NEW_SERIAL_SHARE = 0.5  # the rest keep their serial: the owner code is what the model writes from memory
MIN_SEAL_LENGTH = 6
MIN_SEAL_DIGITS = 3  # a seal without digits could be an ordinary word of the document
SEPARATORS = (",", ":")  # the data's compact JSON; non-ASCII characters are written as they are
MIN_VALUE_LENGTH = 3
SHARED_PREFIX_SHARE = 0.25  # of invented words that start like a word printed in the same document
REAL_WORD_SHARE = 0.35  # of invented words that are real words (lexicon/words.txt) not printed in the document
REAL_PORT_SHARE = 0.5  # of substituted places that become a real port (lexicon/ports.tsv), of the same country
# when its code is printed
LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lexicon")

CONSONANTS = "bcdfghjklmnprstvz"
ONSETS = list(CONSONANTS) + ["br", "dr", "fr", "gr", "kr", "pr", "tr", "st", "sk", "sl", "ch", "sh", "th"]
VOWELS = "aeiou"
VOWEL_MARKS = {"a": "áåä", "e": "éèë", "i": "í", "o": "øöó", "u": "üú"}
CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "t"]
LEGAL_SUFFIXES = ["GmbH", "Ltd", "Ltd.", "S.A.", "Co., Ltd.", "Pte. Ltd.", "S.r.l.", "Inc.", "Inc", "LLC", "B.V.",
                  "A/S", "Sp. z o.o.", "S.A.S.", "AG", "K.K.", "Limited", "S.L.", "Oy", "AB", "N.V.", "SARL",
                  "Eireli", "Ltda.", "S.p.A.", "Pty Ltd", "Co. Ltd", "Corp.", "JSC", "SNC", "S. de R.L. de C.V.",
                  "Company Limited", "Trading Co., Ltd.", "Sdn. Bhd.", "A.Ş.", "Kft.", ", Inc.", ", Inc", ", LLC",
                  ", Ltd.", ", S.A.", ", L.P.", "Company, Inc", "Company, Inc."]
CARRIER_SUFFIXES = ["Lines", "Shipping", "Container Line", "Shipping Lines", "Marine Co., Ltd.", "Line",
                    "Shipping Company", "Maritime S.A.", "Feeder Line", "Ocean Lines Ltd.", "Container Lines GmbH"]
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789"


def strip_marks(text: str) -> str:
    """The text without combining marks (é becomes e, ø stays ø since it has no decomposition)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _char_pattern(char: str) -> str:
    if char.isspace():
        return r"\s+"
    if char == "ß":
        return "(?:ß|ss)"
    base = strip_marks(char)
    if base != char and len(base) == 1:
        # Documents sometimes print names without their accents (SOCIETE for Société).
        return f"[{re.escape(char)}{re.escape(base)}]"
    return re.escape(char)


def value_pattern(value: str) -> str:
    """Regex source that finds a printed value: any case, accents optional, any whitespace run between words."""
    parts: List[str] = []
    for char in value.strip():
        piece = _char_pattern(char)
        if piece == r"\s+" and parts and parts[-1] == r"\s+":
            continue
        parts.append(piece)
    body = "".join(parts)
    start = r"(?<![^\W_])" if value[:1].isalnum() else ""
    end = r"(?![^\W_])" if value.strip()[-1:].isalnum() else ""
    return start + body + end


@functools.lru_cache(maxsize=1 << 16)
def finder(value: str) -> "re.Pattern[str]":
    """The compiled, case-insensitive value_pattern of a value (values repeat a lot across records)."""
    return re.compile(value_pattern(value), re.IGNORECASE)


def code_pattern(code: str) -> str:
    """Regex source for a printed UN/LOCODE, also printed with a space after the country (DE HAM)."""
    return r"(?<![A-Za-z0-9])" + re.escape(code[:2]) + r"(\s?)" + re.escape(code[2:]) + r"(?![A-Za-z0-9])"


def scac_pattern(scac: str) -> str:
    """A printed SCAC, alone or as the prefix of a number (EGLV674379127199, EGLV 6743...)."""
    return r"(?<![A-Za-z0-9])" + re.escape(scac) + r"(?![A-Za-z])"


def check_digit(first_ten: str) -> int:
    """The ISO 6346 check digit of owner code, category letter and serial (CSQU305438 gives 3)."""
    total = sum((LETTER_VALUES[c] if c.isalpha() else int(c)) << i for i, c in enumerate(first_ten.upper()))
    return total % 11 % 10


def valid_container_number(number) -> bool:
    """True for an upper-case ISO 6346 container number whose check digit is right."""
    return (isinstance(number, str) and CONTAINER_NUMBER.fullmatch(number) is not None
            and check_digit(number[:10]) == int(number[10]))


def container_pattern(number: str, name: str = "") -> str:
    """Regex source for a printed container number (case-insensitive use): optional spaces or hyphens between owner
    code, serial and check digit (CSQU3054383, CSQU 3054383, CSQU 305438-3, CSQU-305438-3); with a name, the whole
    match and both separators are named groups (name, name_a, name_b)."""
    def group(suffix: str, body: str) -> str:
        return f"(?P<{name}{suffix}>{body})" if name else f"({body})"
    body = (re.escape(number[:4]) + group("_a", r"[ \-]{0,3}") + re.escape(number[4:10]) + group("_b", r"[ \-]{0,3}")
            + re.escape(number[10:]))
    body = r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])"
    return f"(?P<{name}>{body})" if name else body


def token_pattern(value: str) -> str:
    """Regex source for a value printed as a whole token (case-insensitive use), e.g. a seal number."""
    return r"(?<![A-Za-z0-9])" + re.escape(value) + r"(?![A-Za-z0-9])"


def cased_like(new: str, occurrence: str) -> str:
    """The new code with the letter case of the occurrence, position by position (both have the same length)."""
    return "".join(n.lower() if o.islower() else n.upper() for n, o in zip(new, occurrence))


def styled(new: str, occurrence: str, old: str) -> str:
    """The new value written the way this occurrence writes the old one (upper, lower, as given, accents dropped)."""
    letters = [c for c in occurrence if c.isalpha()]
    if occurrence == old or not letters:
        result = new
    elif all(c.isupper() for c in letters):
        result = new.upper()
    elif all(c.islower() for c in letters):
        result = new.lower()
    elif occurrence == old.title() or occurrence == strip_marks(old).title():
        result = new.title()
    else:
        result = new
    if strip_marks(occurrence) == occurrence and strip_marks(old) != old:
        result = strip_marks(result)
    return result


class Lexicon:
    """Real words and real sea ports (code, name) that substitutes may be made of, read from `lexicon/`."""

    def __init__(self, words: List[str], ports: List[Tuple[str, str]]) -> None:
        self.words = words
        self.ports = ports
        self.ports_by_country: Dict[str, List[Tuple[str, str]]] = {}
        for code, name in ports:
            self.ports_by_country.setdefault(code[:2], []).append((code, name))

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def bundled() -> "Lexicon":
        def rows(name: str) -> List[str]:
            with open(os.path.join(LEXICON, name), encoding="utf-8") as handle:
                return [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
        ports = [tuple(row.split("\t", 1)) for row in rows("ports.tsv")]
        return Lexicon(rows("words.txt"), ports)


class Namer:
    """Generates values of the kinds the documents carry, from one random generator: mostly pseudo-words, some
    real words and real ports from the lexicon.

    Given the document's text, a share of the words it makes start like one of its printed words (SEA- of SEAL gives
    SEAKORAN): a name that begins like another word of the page must still be copied from where the name is
    printed, as SEABOARD must be on a page that also prints SEAL. No real word or port it gives is printed already.
    """

    def __init__(self, rng: random.Random, text: str = "", lexicon: Optional[Lexicon] = None) -> None:
        self.rng = rng
        self.text = text
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        self.printed = sorted(w for w in words if len(w) >= 4)
        self.printed_set = set(words)
        self.lexicon = lexicon if lexicon is not None else Lexicon.bundled()

    def word(self, syllables: Optional[int] = None) -> str:
        draw = self.rng.random()
        if draw < REAL_WORD_SHARE and self.lexicon.words:
            word = self.rng.choice(self.lexicon.words)
            if word not in self.printed_set:
                return word.capitalize()
        elif self.printed and draw < REAL_WORD_SHARE + SHARED_PREFIX_SHARE:
            return self.word_sharing_prefix()
        return self.fresh_word(syllables)

    def port(self, country: Optional[str]) -> Optional[Tuple[str, str]]:
        """A real port (code, name) of the country, or of any country when None, that the text does not print;
        None for the share of places that get an invented name, or when the country has no such port."""
        if self.rng.random() >= REAL_PORT_SHARE:
            return None
        choices = self.lexicon.ports if country is None else self.lexicon.ports_by_country.get(country, [])
        if not choices:
            return None
        code, name = self.rng.choice(choices)
        if re.search(code_pattern(code), self.text) or _found(name, self.text):
            return None
        return code, name

    def word_sharing_prefix(self) -> str:
        """A new word that starts with the first letters of a printed word and is not itself printed."""
        for _ in range(8):
            printed = self.rng.choice(self.printed)
            prefix = printed[:self.rng.randint(2, len(printed) - 1)]
            word = (prefix + self.fresh_word(self.rng.choice((1, 2))).lower()).capitalize()
            if word.lower() not in self.printed:
                return word
        return self.fresh_word()

    def fresh_word(self, syllables: Optional[int] = None) -> str:
        rng = self.rng
        count = syllables or rng.choice((2, 2, 2, 3, 3, 1))
        word = ""
        for index in range(count):
            onset = rng.choice(ONSETS) if index or rng.random() < 0.85 else ""
            vowel = rng.choice(VOWELS)
            coda = rng.choice(CODAS) if index == count - 1 else rng.choice(("", "", "", "n", "r", "s"))
            word += onset + vowel + coda
        if len(word) < 3:
            word += rng.choice(CONSONANTS) + rng.choice(VOWELS)
        if rng.random() < 0.2:  # keep the copying of non-ASCII letters alive
            positions = [i for i, c in enumerate(word) if c in VOWEL_MARKS or c == "c"]
            if positions:
                i = rng.choice(positions)
                mark = "ç" if word[i] == "c" else rng.choice(VOWEL_MARKS[word[i]])
                word = word[:i] + mark + word[i + 1:]
        return word.capitalize()

    def words(self, count: int) -> str:
        return " ".join(self.word() for _ in range(count))

    def company(self, old: str) -> str:
        count = max(1, min(3, len(old.split()) - 1 + self.rng.choice((-1, 0, 0, 1))))
        suffix = self.rng.choice(LEGAL_SUFFIXES)
        # a suffix that starts with a comma follows the name's last word directly ("Navigation, Inc")
        return f"{self.words(count)}{'' if suffix.startswith(',') else ' '}{suffix}"

    def carrier(self, old: str) -> str:
        # three shapes, so no ending marks an invented carrier: a word and a line's suffix, a company name, or the
        # old name with its distinctive first word replaced (the rest is ordinary vocabulary)
        shape = self.rng.randrange(3)
        if shape == 0:
            return f"{self.words(self.rng.choice((1, 1, 2)))} {self.rng.choice(CARRIER_SUFFIXES)}"
        if shape == 1:
            return self.company(old)
        rest = old.split()[1:]
        return " ".join([self.words(1)] + rest) if rest else self.words(2)

    def vessel(self, old: str) -> str:
        name = self.words(self.rng.choice((1, 2, 2)))
        if self.rng.random() < 0.2:
            name += " " + str(self.rng.choice((1, 2, 3, 7, 8, 9, 11, 21, 88)))
        return name

    def place(self, old: str) -> str:
        count = max(1, min(3, len(old.split()) + self.rng.choice((-1, 0, 0, 0, 1))))
        return self.words(count)

    def code(self, length: int) -> str:
        return "".join(self.rng.choice(CODE_ALPHABET) for _ in range(length))

    def scac(self, old: str) -> str:
        return "".join(self.rng.choice(CODE_ALPHABET[:26]) for _ in range(4))

    def letters(self, count: int) -> str:
        return "".join(self.rng.choice(CODE_ALPHABET[:26]) for _ in range(count))

    def digits(self, count: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(count))

    def same_shape(self, old: str) -> str:
        """A code of the old one's shape: letters become random letters (same case), digits random digits."""
        out = []
        for c in old:
            if c.isascii() and c.isalpha():
                letter = self.rng.choice(CODE_ALPHABET[:26])
                out.append(letter if c.isupper() else letter.lower())
            elif c.isascii() and c.isdigit():
                out.append(self.rng.choice("0123456789"))
            else:
                out.append(c)
        return "".join(out)


def target_style(new: str, old: str) -> str:
    """The new value in the case style the target uses for the old one."""
    letters = [c for c in old if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return new.upper()
    if letters and all(c.islower() for c in letters):
        return new.lower()
    return new


def _leaves(node, path: Tuple = ()) -> Iterator[Tuple[Tuple, object]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, path + (index,))
    else:
        yield path, node


def _map_leaves(node, fn: Callable[[Tuple, str], str], path: Tuple = ()):
    if isinstance(node, dict):
        return {key: _map_leaves(value, fn, path + (key,)) for key, value in node.items()}
    if isinstance(node, list):
        return [_map_leaves(value, fn, path + (index,)) for index, value in enumerate(node)]
    if isinstance(node, str):
        return fn(path, node)
    return node


def _shape(node):
    if isinstance(node, dict):
        return {key: _shape(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_shape(value) for value in node]
    return None


def _last_key(path: Tuple) -> str:
    keys = [p for p in path if isinstance(p, str)]
    return keys[-1] if keys else ""


class Substitution:
    """The result of augmenting one record: the new record and what was replaced, by field kind."""

    def __init__(self, record: dict, names: Dict[str, str], codes: Dict[str, str], kinds: Counter,
                 numbers: Optional[Dict[str, str]] = None, seals: Optional[Dict[str, str]] = None) -> None:
        self.record = record
        self.names = names    # old value -> new value (target style)
        self.codes = codes    # old SCAC / UN/LOCODE -> new code
        self.kinds = kinds
        self.numbers = numbers or {}  # old container number -> new one
        self.seals = seals or {}      # old seal number -> new one


def _found(value: str, text: str) -> bool:
    return bool(finder(value).search(text))


def _container_numbers(target: dict) -> List[str]:
    return [c["containerNumber"] for c in target.get("containers") or []
            if isinstance(c, dict) and isinstance(c.get("containerNumber"), str)]


def printed_container_numbers(target: dict, text: str) -> List[str]:
    """The target's container numbers that can be substituted: check digit right and printed in the text."""
    return [n for n in dict.fromkeys(_container_numbers(target))
            if valid_container_number(n) and re.search(container_pattern(n), text, re.IGNORECASE)]


def plan_containers(target: dict, text: str, namer: Namer, scacs: Dict[str, str]) -> Dict[str, str]:
    """New numbers for the printed valid container numbers: one new owner code per old one (the owner code of a
    carrier whose SCAC is substituted becomes the new SCAC's), never an owner code or prefix the record already has
    or a SCAC, old or new; the serial is new for some records; the check digit is recomputed."""
    candidates = printed_container_numbers(target, text)
    if not candidates:
        return {}
    every = [n.upper() for n in _container_numbers(target)]
    taken_owners = {n[:3] for n in every}
    upper_text = text.upper()
    forbidden_prefixes = {n[:4] for n in every} | set(scacs) | set(scacs.values())
    owners: Dict[str, str] = {old[:3]: new[:3] for old, new in scacs.items()}
    used = set(owners.values())
    new_serials = namer.rng.random() < NEW_SERIAL_SHARE
    numbers: Dict[str, str] = {}
    made = set(every)
    for old in candidates:
        owner = owners.get(old[:3])
        if owner is None:
            for _ in range(100):
                owner = namer.letters(3)
                prefix = owner + old[3]
                if (owner not in taken_owners and owner not in used and prefix not in forbidden_prefixes
                        and prefix not in upper_text):
                    break
            else:
                continue
            owners[old[:3]] = owner
            used.add(owner)
        for _ in range(100):
            serial = namer.digits(6) if new_serials else old[4:10]
            number = owner + old[3] + serial
            number += str(check_digit(number))
            if number not in made and (not new_serials or serial not in text):
                break
        else:
            continue
        numbers[old] = number
        made.add(number)
    return numbers


def plan_seals(target: dict, text: str, namer: Namer, numbers: Dict[str, str]) -> Dict[str, str]:
    """New codes of the same shape for seal numbers printed as whole tokens and found nowhere else in the target
    (a seal that is also a serial, a postcode or a weight would change an unrelated value)."""
    seals = [c["sealNumber"] for c in target.get("containers") or []
             if isinstance(c, dict) and isinstance(c.get("sealNumber"), str)]
    if not seals:
        return {}
    carrier = target.get("carrier")
    scac = carrier.get("scac") if isinstance(carrier, dict) and isinstance(carrier.get("scac"), str) else None
    others = [str(value).upper() for path, value in _leaves(target)
              if value is not None and _last_key(path) != "sealNumber"] + [n.upper() for n in numbers.values()]
    upper_text = text.upper()
    result: Dict[str, str] = {}
    for old in dict.fromkeys(seals):
        upper = old.upper()
        if (len(old) < MIN_SEAL_LENGTH or sum(c.isdigit() for c in old) < MIN_SEAL_DIGITS
                or any(c.isspace() for c in old) or (scac and upper.startswith(scac.upper()))
                or any(upper in other for other in others)
                or any(upper != s.upper() and upper in s.upper() for s in seals)
                or not re.search(token_pattern(old), text, re.IGNORECASE)):
            continue
        for _ in range(100):
            new = namer.same_shape(old)
            if new.upper() not in upper_text and new.upper() not in {s.upper() for s in seals} | {
                    v.upper() for v in result.values()}:
                result[old] = new
                break
    return result


def plan(target: dict, text: str, namer: Namer) -> Tuple[Dict[str, str], Dict[str, str], Counter, Dict[str, str],
                                                          Dict[str, str]]:
    """Decides which names, codes, container and seal numbers of one record to replace and by what."""
    names: Dict[str, str] = {}
    codes: Dict[str, str] = {}
    kinds: Counter = Counter()
    container_numbers = [n.upper() for n in _container_numbers(target)]
    substitutable = set(printed_container_numbers(target, text))

    folded: Dict[str, str] = {}  # one invented value per name however it is cased or accented across fields

    def fold(name: str) -> str:
        return " ".join(strip_marks(name).casefold().split())

    def take_name(kind: str, old: str, make: Callable[[str], str]) -> None:
        key = fold(old)
        if key not in folded:
            folded[key] = make(old)
        names.setdefault(old, target_style(folded[key], old))
        kinds[kind] += 1

    def usable(value) -> bool:
        return isinstance(value, str) and len(value.strip()) >= MIN_VALUE_LENGTH and _found(value, text)

    def new_scac(old: str) -> Optional[str]:
        # The new SCAC may become a container prefix: it must not be (or start like) one the record has; when it
        # does (the old one started container numbers), its last letter stays, so the new prefix is the new SCAC
        # wherever the old prefix was the old SCAC.
        owners = {n[:3] for n in container_numbers}
        linked = old[:3] in owners
        for _ in range(100):
            new = namer.letters(3) + old[3] if linked else namer.scac(old)
            if new[:3] not in owners and new not in text.upper():
                return new
        return None

    carrier = target.get("carrier")
    if isinstance(carrier, dict) and usable(carrier.get("name")):
        scac = carrier.get("scac")
        if scac is None:
            take_name("carrier", carrier["name"], namer.carrier)
        elif (isinstance(scac, str) and re.fullmatch(r"[A-Z]{4}", scac)
              and re.search(r"(?<![A-Za-z0-9])" + scac + r"(?![A-Za-z0-9])", text)
              # the SCAC's replacement in the text would also hit these numbers: only when all of them change too
              and all(n in substitutable for n in container_numbers if n.startswith(scac[:3]))):
            code = new_scac(scac)
            if code is not None:
                take_name("carrier", carrier["name"], namer.carrier)
                codes[scac] = code
                kinds["scac"] += 1
    for party in PARTIES:
        node = target.get(party)
        if isinstance(node, dict) and usable(node.get("name")):
            take_name("party", node["name"], namer.company)
    if usable(target.get("vesselName")):
        take_name("vessel", target["vesselName"], namer.vessel)

    real: Dict[str, str] = {}  # old place name (folded) -> code of the real port that replaced it

    def invented_place(country: Optional[str]) -> Callable[[str], str]:
        def make(old: str) -> str:
            port = namer.port(country)
            if port is None or port[0] in codes.values():
                return namer.place(old)
            kinds["real_port"] += 1
            real[fold(old)] = port[0]
            return port[1]
        return make

    for place in PLACES:
        node = target.get(place)
        if not (isinstance(node, dict) and usable(node.get("name"))):
            continue
        code = node.get("unlocode")
        if code is None:
            take_name("place", node["name"], invented_place(None))
        elif isinstance(code, str) and re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code) and (
                code in codes or re.search(code_pattern(code), text)):
            take_name("place", node["name"], invented_place(code[:2]))
            if code not in codes:
                # a real port brings its own code; an invented place gets a new one of the old code's country
                codes[code] = real.get(fold(node["name"])) or code[:2] + namer.code(3)
                kinds["unlocode"] += 1
    # A place name kept for one field but replaced for another (same name, one code unprinted) would leave the
    # target inconsistent: every place whose name is replaced must have a null code or a replaced one.
    for place in PLACES:
        node = target.get(place)
        if isinstance(node, dict) and node.get("name") in names and node.get("unlocode") not in (None, *codes):
            names, codes, kinds = {}, {}, Counter()
            break
    scacs = {old: new for old, new in codes.items() if len(old) == 4}
    numbers = plan_containers(target, text, namer, scacs)
    seals = plan_seals(target, text, namer, numbers)
    kinds["container"] += len(numbers)
    kinds["seal"] += len(seals)
    return names, codes, +kinds, numbers, seals


def replace_numbers(text: str, numbers: Dict[str, str], seals: Dict[str, str]) -> str:
    """Replaces container numbers (keeping each occurrence's separators and case) and seal numbers in one pass."""
    if not numbers and not seals:
        return text
    olds = list(numbers)
    seal_olds = sorted(seals, key=len, reverse=True)
    combined = re.compile("|".join([container_pattern(old, f"c{i}") for i, old in enumerate(olds)]
                                   + [f"(?P<s{i}>{token_pattern(old)})" for i, old in enumerate(seal_olds)]),
                          re.IGNORECASE)

    def one(match: re.Match) -> str:
        for i, old in enumerate(olds):
            occurrence = match.group(f"c{i}")
            if occurrence is not None:
                new = numbers[old]
                return (cased_like(new[:4], occurrence[:4]) + match.group(f"c{i}_a") + new[4:10]
                        + match.group(f"c{i}_b") + new[10:])
        for i, old in enumerate(seal_olds):
            occurrence = match.group(f"s{i}")
            if occurrence is not None:
                return seals[old] if occurrence == old else cased_like(seals[old], occurrence)
        return match.group(0)

    return combined.sub(one, text)


def apply(target: dict, text: str, names: Dict[str, str], codes: Dict[str, str],
          numbers: Optional[Dict[str, str]] = None, seals: Optional[Dict[str, str]] = None) -> Tuple[dict, str]:
    """Replaces names (longest first, one pass so that new values are never rescanned), container and seal numbers
    (one pass), then codes; a substituted container number already carries the new SCAC where it started with the
    old one, so the SCAC pass leaves it alone."""
    numbers = numbers or {}
    seals = seals or {}
    olds = sorted(names, key=len, reverse=True)
    if olds:
        combined = re.compile("|".join(f"({value_pattern(old)})" for old in olds), re.IGNORECASE)

        def replace_names(source: str) -> str:
            def one(match: re.Match) -> str:
                old = olds[match.lastindex - 1]
                return styled(names[old], match.group(0), old)
            return combined.sub(one, source)
    else:
        def replace_names(source: str) -> str:
            return source
    scacs = {old: new for old, new in codes.items() if len(old) == 4}
    locodes = {old: new for old, new in codes.items() if len(old) == 5}

    def replace_codes(source: str) -> str:
        for old, new in scacs.items():
            source = re.sub(scac_pattern(old), new, source)
        for old, new in locodes.items():
            source = re.sub(code_pattern(old), lambda m, n=new: n[:2] + m.group(1) + n[2:], source)
        return source

    new_text = replace_codes(replace_numbers(replace_names(text), numbers, seals))

    def leaf(path: Tuple, value: str) -> str:
        key = _last_key(path)
        if key in ("scac", "unlocode"):
            return codes.get(value, value)
        if key == "containerNumber":
            return numbers.get(value, value)
        if key == "sealNumber" and value in seals:
            return seals[value]
        if key in PREFIXED_CODE_KEYS:
            for old, new in scacs.items():
                if value.startswith(old) and not value[len(old):len(old) + 1].isalpha():
                    return new + value[len(old):]
            return value
        if key in CODE_KEYS:
            return value
        return replace_names(value)

    return _map_leaves(target, leaf), new_text


def _replaced_in_print(kind: str, pattern: Callable[[str], str], old: str, new: str, old_text: str,
                       text: str) -> List[str]:
    """Problems with a number's replacement in the text: the old one still printed, or the new one printed elsewhere."""
    problems = []
    if re.search(pattern(old), text, re.IGNORECASE):
        problems.append(f"old {kind} number still printed: {old!r}")
    printed = len(re.findall(pattern(old), old_text, re.IGNORECASE))
    if len(re.findall(pattern(new), text, re.IGNORECASE)) != printed:
        problems.append(f"new {kind} number not printed where the old one was: {new!r}")
    return problems


def verify(old_record: dict, new_record: dict, names: Dict[str, str], codes: Dict[str, str],
           numbers: Optional[Dict[str, str]] = None, seals: Optional[Dict[str, str]] = None) -> List[str]:
    """Every invariant of a substituted record; an empty list when all hold."""
    numbers = numbers or {}
    seals = seals or {}
    problems: List[str] = []
    try:
        old_target = json.loads(old_record["target"])
        new_target = json.loads(new_record["target"])
    except (ValueError, TypeError) as error:
        return [f"target does not parse: {error}"]
    if _shape(old_target) != _shape(new_target):
        problems.append("target keys changed")
    text = new_record.get("text") or ""
    for old, new in names.items():
        if finder(old).search(text):
            problems.append(f"old value still printed: {old!r}")
        if not finder(new).search(text):
            problems.append(f"new value not printed: {new!r}")
    for old, new in codes.items():
        if re.search(scac_pattern(old) if len(old) == 4 else code_pattern(old), text):
            problems.append(f"old code still printed: {old!r}")
        if not re.search(scac_pattern(new) if len(new) == 4 else code_pattern(new), text):
            problems.append(f"new code not printed: {new!r}")
    old_text = old_record.get("text") or ""
    for old, new in numbers.items():
        if not valid_container_number(new):
            problems.append(f"new container number has a wrong check digit: {new!r}")
        if new[:3] == old[:3]:
            problems.append(f"container owner code kept: {old!r} -> {new!r}")
        problems.extend(_replaced_in_print("container", container_pattern, old, new, old_text, text))
    for old, new in seals.items():
        if len(new) != len(old) or any(a.isdigit() != b.isdigit() or a.isalpha() != b.isalpha() or
                                       (not a.isalnum() and a != b) for a, b in zip(old, new)):
            problems.append(f"new seal number has another shape: {old!r} -> {new!r}")
        problems.extend(_replaced_in_print("seal", token_pattern, old, new, old_text, text))
    old_numbers, new_numbers = _container_numbers(old_target), _container_numbers(new_target)
    for kept in set(old_numbers) - set(numbers):
        pattern = container_pattern(kept) if CONTAINER_NUMBER.fullmatch(kept) else token_pattern(kept)
        if len(re.findall(pattern, old_text, re.IGNORECASE)) != len(re.findall(pattern, text, re.IGNORECASE)):
            problems.append(f"kept container number printed differently: {kept!r}")
    if len(set(old_numbers)) != len(set(new_numbers)):
        problems.append("container numbers collide")
    if [numbers.get(n, n) for n in old_numbers] != new_numbers:
        problems.append("target container numbers differ from the substitution")
    if not problems:
        old_leaves = dict(_leaves(old_target))
        for path, value in _leaves(new_target):
            before = old_leaves.get(path)
            if value == before:
                continue
            mentions = [o for o in names if isinstance(before, str) and finder(o).search(before)]
            coded = [o for o in codes if isinstance(before, str) and before.startswith(o)]
            key = _last_key(path)
            numbered = ((key == "containerNumber" and numbers.get(before) == value)
                        or (key == "sealNumber" and seals.get(before) == value))
            if not mentions and not coded and not numbered:
                problems.append(f"unrelated field changed: {path}")
    for key in old_record:
        if key not in ("text", "target") and old_record[key] != new_record.get(key):
            problems.append(f"record field changed: {key}")
    return problems


def substitute(record: dict, rng: random.Random) -> Optional[Substitution]:
    """Substitutes the printed values of one record; None when nothing could be substituted safely."""
    raw = record.get("target")
    text = record.get("text")
    if not isinstance(raw, str) or not isinstance(text, str):
        return None
    try:
        target = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(target, dict):
        return None
    names, codes, kinds, numbers, seals = plan(target, text, Namer(rng, text))
    if not names and not numbers and not seals:
        return None
    new_target, new_text = apply(target, text, names, codes, numbers, seals)
    new_record = dict(record)
    new_record["text"] = new_text
    new_record["target"] = json.dumps(new_target, separators=SEPARATORS, ensure_ascii=False)
    if verify(record, new_record, names, codes, numbers, seals):
        return None  # overlapping or oddly printed values: the original record is the safe choice
    return Substitution(new_record, names, codes, kinds, numbers, seals)


def record_rng(seed: int, record: dict, index: int) -> random.Random:
    """A generator fixed by the seed and the record, so a record is treated the same whatever the file order."""
    return random.Random(f"{seed}:{record.get('id', index)}")


class Augmenter:
    """Substitutes values in a share of training records, deterministically for a seed, and counts what it did."""

    def __init__(self, share: float, seed: int) -> None:
        self.share = share
        self.seed = seed
        self.records = 0
        self.augmented = 0
        self.kinds: Counter = Counter()

    def chosen(self, record: dict, index: int) -> Optional[random.Random]:
        """The record's generator when the record falls in the share, else None."""
        if self.share <= 0:
            return None
        rng = record_rng(self.seed, record, index)
        return rng if rng.random() < self.share else None

    def __call__(self, record: dict, index: int = 0) -> dict:
        self.records += 1
        rng = self.chosen(record, index)
        result = substitute(record, rng) if rng is not None else None
        if result is None:
            return record
        self.augmented += 1
        self.kinds.update(result.kinds)
        return result.record

    def apply_all(self, records: List[dict], workers: int = 1) -> List[dict]:
        """Substitutes the share of a list of records, on worker processes when there are many (regex compiling
        for every invented value costs about 2 ms a record); the result is the same as record by record."""
        picked = [index for index, record in enumerate(records) if self.chosen(record, index) is not None]
        self.records += len(records)
        if workers > 1 and len(picked) >= 1000:
            # fork: workers start at once without re-importing the caller's modules; they only run this module's
            # pure-Python code, so a CUDA context held by the parent is never touched in them.
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.starmap(_substitute_at, [(self.seed, records[i], i) for i in picked], chunksize=64)
        else:
            results = [_substitute_at(self.seed, records[i], i) for i in picked]
        out = list(records)
        for index, result in zip(picked, results):
            if result is not None:
                out[index], kinds = result
                self.augmented += 1
                self.kinds.update(kinds)
        return out

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items()))
        return f"value substitution: {self.augmented} of {self.records} records (share {self.share}); {kinds}"


def _substitute_at(seed: int, record: dict, index: int) -> Optional[Tuple[dict, Counter]]:
    rng = record_rng(seed, record, index)
    rng.random()  # the draw that chose the record
    result = substitute(record, rng)
    return None if result is None else (result.record, result.kinds)


def augment_records(records: List[dict], share: float, seed: int, workers: int = 1) -> Tuple[List[dict], Augmenter]:
    augmenter = Augmenter(share, seed)
    return augmenter.apply_all(records, workers), augmenter


def _open(path: str) -> io.TextIOBase:
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def _excerpt(text: str, values: Iterable[str], width: int = 160) -> str:
    for value in values:
        match = finder(value).search(text)
        if match:
            start = max(0, match.start() - width // 3)
            return text[start:start + width].replace("\n", " | ")
    return text[:width].replace("\n", " | ")


def check(path: str, limit: int, share: float, seed: int) -> int:
    """Substitutes every record (share 1) or a share of them, asserting the invariants record by record."""
    augmenter = Augmenter(share, seed)
    examples = []
    failures = 0
    seen = 0
    with _open(path) as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            if limit and seen >= limit:
                break
            seen += 1
            record = json.loads(line)
            rng = record_rng(seed, record, index)
            augmenter.records += 1
            if rng.random() >= share:
                continue
            result = substitute(record, rng)
            if result is None:
                continue
            problems = verify(record, result.record, result.names, result.codes, result.numbers, result.seals)
            assert not problems, f"{record.get('id')}: {problems}"
            old_target, new_target = json.loads(record["target"]), json.loads(result.record["target"])
            assert list(old_target) == list(new_target), "key order changed"
            # The data's own serialisation is reproduced exactly, so fields the substitution did not touch (verify
            # compares them leaf by leaf) are byte-identical in the written target too.
            if json.dumps(old_target, separators=SEPARATORS, ensure_ascii=False) != record["target"]:
                failures += 1
                print(f"target of {record.get('id')} is not in the compact non-ASCII-escaped form")
            augmenter.augmented += 1
            augmenter.kinds.update(result.kinds)
            if len(examples) < 2 and len(result.names) >= 3:
                examples.append((record, result))
    print(augmenter.summary())
    print(f"records read {seen}, augmented {augmenter.augmented}, invariant failures {failures}")
    for record, result in examples:
        print(f"--- {record.get('id')} ({record.get('layout')})")
        for old, new in [*result.names.items(), *result.codes.items(), *result.numbers.items(),
                         *result.seals.items()]:
            print(f"    {old!r} -> {new!r}")
        print("  before text: " + _excerpt(record["text"], result.names))
        print("  after text:  " + _excerpt(result.record["text"], result.names.values()))
        print("  before target: " + record["target"][:240])
        print("  after target:  " + result.record["target"][:240])
    assert failures == 0
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", required=True, help="JSONL(.gz) file whose records are substituted and checked")
    parser.add_argument("--records", type=int, default=2000, help="records read at most (0: all)")
    parser.add_argument("--share", type=float, default=1.0, help="share of records substituted")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()
    return check(args.check, args.records, args.share, args.seed)


if __name__ == "__main__":
    sys.exit(main())
