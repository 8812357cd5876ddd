"""Starts step_server.py on a package, drives every op over the socket and compares the answers with the module.

Exits non-zero when a frame is malformed or the served tokens differ from those of the directly loaded step.pt.
"""
import argparse
import json
import os
import socket
import struct
import subprocess
import sys

import numpy as np
import torch

from step_server import read_exact


def call(conn: socket.socket, op: int, payload: bytes = b"") -> socket.socket:
    conn.sendall(bytes([op]) + payload)
    status = read_exact(conn, 1)[0]
    if status != 0:
        length = struct.unpack("<I", read_exact(conn, 4))[0]
        raise RuntimeError(read_exact(conn, length).decode("utf-8"))
    return conn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", required=True)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    step_path = os.path.join(args.package, "step.pt")
    server = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "step_server.py"),
                               "--step", step_path, "--device", args.device], stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline().split()[1])
    spec = json.load(open(os.path.join(args.package, "model.json"), encoding="utf-8"))
    vocab = spec["architecture"]["tokenizer_vocab_size"]
    rng = np.random.default_rng(3)
    prompts = [rng.integers(5, vocab, size=n).tolist() for n in (13, 1, 7)]
    tokens = [t for p in prompts for t in p]
    positions = [i for p in prompts for i in range(len(p))]
    lens = [len(p) for p in prompts]
    slots = [2, 0, 1]
    out_rows = [12, 13, 20]
    mask_ids = [0, 1, 0]
    masks = np.ones((2, vocab), dtype=np.uint8)
    masks[1, :] = 0
    masks[1, 100:110] = 1
    with socket.create_connection(("127.0.0.1", port)) as conn:
        call(conn, 4)
        described = json.loads(read_exact(conn, struct.unpack("<I", read_exact(conn, 4))[0]).decode("utf-8"))
        call(conn, 1, struct.pack("<II", 4, 64))
        cache_bytes = struct.unpack("<Q", read_exact(conn, 8))[0]
        call(conn, 2, struct.pack("<II", 2, vocab) + masks.tobytes())
        rows = struct.unpack("<I", read_exact(conn, 4))[0]
        frame = struct.pack("<III", len(tokens), len(lens), len(out_rows))
        for values in (tokens, positions, lens, slots, out_rows, mask_ids):
            frame += np.asarray(values, dtype="<i4").tobytes()
        call(conn, 3, frame)
        served = np.frombuffer(read_exact(conn, 4 * 3), dtype="<i4").tolist()
        served_lp = np.frombuffer(read_exact(conn, 4 * 3), dtype="<f4").tolist()
        millis = struct.unpack("<d", read_exact(conn, 8))[0]
        # step_top over the same tokens again (they overwrite themselves in the cache): 4 candidates per row
        call(conn, 6, struct.pack("<IIII", len(tokens), len(lens), len(out_rows), 4) + frame[12:])
        top = np.frombuffer(read_exact(conn, 4 * 3 * 4), dtype="<i4").reshape(3, 4)
        top_lp = np.frombuffer(read_exact(conn, 4 * 3 * 4), dtype="<f4").reshape(3, 4)
        read_exact(conn, 8)
        bad_frame = struct.pack("<III", 1, 1, 1) + np.asarray([0, 0, 1, 9, 5, 0], dtype="<i4").tobytes()
        try:
            call(conn, 3, bad_frame)
            error_reported = False
        except RuntimeError:
            error_reported = True
        call(conn, 5)
    server.wait(timeout=30)

    device = torch.device(args.device)
    step = torch.jit.load(step_path, map_location=device)
    step.init_cache(4, 64)
    t = lambda xs: torch.tensor(xs, dtype=torch.long, device=device)
    step.set_masks(torch.from_numpy(masks != 0).to(device))
    direct, direct_lp = step.step(t(tokens), t(positions), t(lens), t(slots), t(out_rows), t(mask_ids))
    same = direct.tolist() == served and np.allclose(direct_lp.cpu().numpy(), served_lp, atol=1e-5)
    masked_ok = 100 <= served[1] < 110
    top_ok = top[:, 0].tolist() == served and bool((np.diff(top_lp, axis=1) <= 0).all()) and all(100 <= x < 110 for x in top[1])
    print(f"server: {described}, cache {cache_bytes} bytes, {rows} mask rows, step {millis:.2f} ms")
    print("| server check | tokens match direct | mask respected | step_top first is step's, best first | bad slot reported as error | server exit code |")
    print(f"| {spec['name']} | {same} | {masked_ok} | {top_ok} | {error_reported} | {server.returncode} |")
    if not (same and masked_ok and top_ok and error_reported and server.returncode == 0):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
