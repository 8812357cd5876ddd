"""Average the weights of step modules exported from one model (same architecture, same export), without torch.

The TorchScript archive keeps each tensor's storage as a raw little-endian file (`<name>/data/<key>`) and names its
dtype in `data.pkl`; this reads the dtypes with a stub unpickler, averages every float32 and bfloat16 storage that
differs between the inputs (weighted; bfloat16 rounded to nearest even) and copies everything else from the first
input, so the result is the first module with averaged weights. A storage of another dtype that differs is an error.

    python3 average.py --out averaged/step.pt a/step.pt b/step.pt [c/step.pt ...] [--weights 0.5,0.3,0.2]
"""
import argparse
import pickle
import struct
import sys
import zipfile
from array import array
from typing import Dict, List


class _Stub:
    def __init__(self, *args, **kwargs):
        self.args = args

    def __setstate__(self, state):
        self.state = state


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        return type(module + "." + name, (_Stub,), {})

    def persistent_load(self, pid):
        # ('storage', <storage class>, key, location, numel)
        kind = pid[1].__name__ if isinstance(pid[1], type) else str(pid[1])
        return ("storage", kind, str(pid[2]))


def storage_kinds(archive: zipfile.ZipFile) -> Dict[str, str]:
    """The dtype name of each storage key, read from the archive's data.pkl."""
    pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    kinds: Dict[str, str] = {}
    seen = set()

    def walk(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, tuple) and len(node) == 3 and node[0] == "storage":
            kinds[node[2]] = node[1]
        elif isinstance(node, (tuple, list)):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, _Stub):
            walk(node.__dict__)

    walk(_Unpickler(archive.open(pkl)).load())
    return kinds


def _floats(blob: bytes, kind: str) -> List[float]:
    if "BFloat16" in kind:
        halves = array("H", blob)
        full = array("I", (h << 16 for h in halves))
        return list(array("f", full.tobytes()))
    return list(array("f", blob))


def _bytes(values: List[float], kind: str) -> bytes:
    as_float = array("f", values)
    if "BFloat16" in kind:
        bits = array("I", as_float.tobytes())
        return array("H", (((b + 0x7FFF + ((b >> 16) & 1)) >> 16) & 0xFFFF for b in bits)).tobytes()
    return as_float.tobytes()


def average(paths: List[str], weights: List[float], out: str) -> List[str]:
    """Writes the averaged module to `out`; answers the storage keys that were averaged."""
    if len(paths) != len(weights) or len(paths) < 2:
        raise ValueError("need at least two modules and one weight for each")
    if sys.byteorder != "little":
        raise ValueError("storages are little-endian; run this on a little-endian machine")
    archives = [zipfile.ZipFile(p) for p in paths]
    first = archives[0]
    kinds = storage_kinds(first)
    prefix = next(n for n in first.namelist() if n.endswith("/data.pkl"))[: -len("data.pkl")] + "data/"
    averaged = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in first.infolist():
            data = first.read(info.filename)
            if info.filename.startswith(prefix):
                key = info.filename[len(prefix):]
                blobs = [a.read(info.filename) for a in archives]
                if any(b != data for b in blobs):
                    kind = kinds.get(key, "?")
                    if "BFloat16" not in kind and kind not in ("FloatStorage", "torch.FloatStorage"):
                        raise ValueError(f"storage {key} ({kind}) differs between the modules and cannot be averaged")
                    columns = [_floats(b, kind) for b in blobs]
                    data = _bytes([sum(w * c[i] for w, c in zip(weights, columns)) for i in range(len(columns[0]))], kind)
                    averaged.append(key)
            target.writestr(info, data)
    return averaged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="+", help="step.pt files of one export")
    parser.add_argument("--out", required=True)
    parser.add_argument("--weights", help="comma-separated, one per module (default: equal)")
    args = parser.parse_args()
    weights = [float(w) for w in args.weights.split(",")] if args.weights else [1.0 / len(args.modules)] * len(args.modules)
    keys = average(args.modules, weights, args.out)
    print(f"averaged {len(keys)} storages of {len(args.modules)} modules into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
