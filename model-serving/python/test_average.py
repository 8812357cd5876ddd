import io
import os
import pickle
import tempfile
import unittest
import zipfile
from array import array

import average


class _Storage:
    def __init__(self, kind, key):
        self.kind, self.key = kind, key


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        return ("storage", obj.kind, obj.key, "cpu", 2) if isinstance(obj, _Storage) else None


def _bf16(*values):
    return array("H", (b >> 16 for b in array("I", array("f", values).tobytes()))).tobytes()


def _module(path, weight_bf16, bias_f32, mask):
    buffer = io.BytesIO()
    _Pickler(buffer).dump({"w": _Storage("torch.BFloat16Storage", "0"), "b": _Storage("torch.FloatStorage", "1"),
                           "m": _Storage("torch.BoolStorage", "2")})
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("step/data.pkl", buffer.getvalue())
        archive.writestr("step/data/0", _bf16(*weight_bf16))
        archive.writestr("step/data/1", array("f", bias_f32).tobytes())
        archive.writestr("step/data/2", bytes(mask))


class AverageTest(unittest.TestCase):

    def test_averages_float_storages_and_keeps_the_rest(self):
        with tempfile.TemporaryDirectory() as folder:
            a, b, out = (os.path.join(folder, n) for n in ("a.pt", "b.pt", "out.pt"))
            _module(a, (1.0, 2.0), (0.5, -1.0), (1, 0))
            _module(b, (3.0, 2.0), (1.5, 1.0), (1, 0))

            keys = average.average([a, b], [0.5, 0.5], out)

            self.assertEqual(sorted(keys), ["0", "1"])
            with zipfile.ZipFile(out) as result:
                self.assertEqual(result.read("step/data/0"), _bf16(2.0, 2.0))
                self.assertEqual(list(array("f", result.read("step/data/1"))), [1.0, 0.0])
                self.assertEqual(result.read("step/data/2"), bytes((1, 0)))

    def test_refuses_a_differing_storage_that_is_not_floating_point(self):
        with tempfile.TemporaryDirectory() as folder:
            a, b, out = (os.path.join(folder, n) for n in ("a.pt", "b.pt", "out.pt"))
            _module(a, (1.0, 2.0), (0.5, -1.0), (1, 0))
            _module(b, (1.0, 2.0), (0.5, -1.0), (0, 1))

            with self.assertRaises(ValueError):
                average.average([a, b], [0.5, 0.5], out)


if __name__ == "__main__":
    unittest.main()
