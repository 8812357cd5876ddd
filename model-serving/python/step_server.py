"""The step executor process of STEP_CONTRACT.md: serves a package's step.pt over a loopback TCP socket.

For GPU hosts whose PyTorch DJL's native bridge cannot bind to. Loads step.pt with this host's PyTorch on cuda
(or cpu), then answers init_cache / set_masks / step / describe / close frames, little-endian, one client at a
time. The first line on stdout is `PORT <n>` once the socket listens.
"""
import argparse
import json
import signal
import socket
import sys
import struct
import time

import numpy as np
import torch

OP_INIT_CACHE, OP_SET_MASKS, OP_STEP, OP_DESCRIBE, OP_CLOSE, OP_STEP_TOP = 1, 2, 3, 4, 5, 6


class ClientGone(Exception):
    """The client closed the connection."""


def read_exact(conn: socket.socket, count: int) -> bytes:
    chunks = []
    remaining = count
    while remaining > 0:
        chunk = conn.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ClientGone()
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class StepServer:
    """Owns the loaded step module and turns request frames into calls on it."""

    def __init__(self, step_path: str, device: torch.device) -> None:
        self.device = device
        self.step = torch.jit.load(step_path, map_location=device)
        self.step.eval()
        weights = self.step.head if hasattr(self.step, "head") else self.step
        self.dtype = str(weights.embed.dtype).replace("torch.", "")
        self.vocab = int(self.step.vocab_size)
        self.num_slots = 0
        self.max_len = 0
        self.mask_rows = 1

    def sync(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    @staticmethod
    def ints(conn: socket.socket, count: int) -> np.ndarray:
        return np.frombuffer(read_exact(conn, 4 * count), dtype="<i4").astype(np.int64)

    def check_step(self, tokens, positions, seq_lens, slots, out_rows, mask_ids) -> None:
        """Rejects out-of-range inputs on the host: on a GPU they would fail inside a kernel and spoil the context."""
        def within(name: str, values: np.ndarray, high: int) -> None:
            if values.size and (values.min() < 0 or values.max() >= high):
                raise ValueError(f"{name} outside [0, {high})")
        if self.num_slots == 0:
            raise ValueError("init_cache has not been called")
        if seq_lens.size == 0 or seq_lens.min() < 1 or int(seq_lens.sum()) != tokens.size:
            raise ValueError("seq_lens must be >= 1 and sum to N")
        if len(set(slots.tolist())) != slots.size:
            raise ValueError("slots must be distinct within one step")
        within("tokens", tokens, self.vocab)
        within("positions", positions, self.max_len)
        within("slots", slots, self.num_slots)
        within("out_rows", out_rows, tokens.size)
        within("mask_ids", mask_ids, self.mask_rows)

    def handle(self, op: int, conn: socket.socket) -> bytes:
        """Reads the op's payload and returns the response payload (after the ok status byte)."""
        if op == OP_INIT_CACHE:
            slots, max_len = struct.unpack("<II", read_exact(conn, 8))
            allocated = int(self.step.init_cache(slots, max_len))
            self.num_slots, self.max_len = slots, max_len
            return struct.pack("<Q", allocated)
        if op == OP_SET_MASKS:
            m, v = struct.unpack("<II", read_exact(conn, 8))
            table = np.frombuffer(read_exact(conn, m * v), dtype=np.uint8).reshape(m, v) != 0
            if m < 1 or v < 1 or v > self.vocab:
                raise ValueError(f"mask table must be M >= 1 rows of 1..{self.vocab} tokens")
            self.mask_rows = int(self.step.set_masks(torch.from_numpy(table.copy()).to(self.device)))
            return struct.pack("<I", self.mask_rows)
        if op in (OP_STEP, OP_STEP_TOP):
            if op == OP_STEP:
                n, b, r = struct.unpack("<III", read_exact(conn, 12))
                k = 0
            else:
                n, b, r, k = struct.unpack("<IIII", read_exact(conn, 16))
                if k < 1:
                    raise ValueError("k must be at least 1")
            tokens, positions = self.ints(conn, n), self.ints(conn, n)
            seq_lens, slots = self.ints(conn, b), self.ints(conn, b)
            out_rows, mask_ids = self.ints(conn, r), self.ints(conn, r)
            self.check_step(tokens, positions, seq_lens, slots, out_rows, mask_ids)
            args = [torch.from_numpy(a).to(self.device) for a in (tokens, positions, seq_lens, slots, out_rows, mask_ids)]
            self.sync()
            started = time.perf_counter()
            if op == OP_STEP:
                chosen, log_probs = self.step.step(args[0], args[1], args[2], args[3], args[4], args[5])
            else:
                chosen, log_probs = self.step.step_top(args[0], args[1], args[2], args[3], args[4], args[5], k)
            self.sync()
            millis = (time.perf_counter() - started) * 1e3
            return (chosen.to(torch.int32).cpu().numpy().astype("<i4").tobytes()
                    + log_probs.to(torch.float32).cpu().numpy().astype("<f4").tobytes() + struct.pack("<d", millis))
        if op == OP_DESCRIBE:
            name = torch.cuda.get_device_name(self.device) if self.device.type == "cuda" else "cpu"
            text = json.dumps({"device": name, "torch": torch.__version__, "dtype": self.dtype}).encode("utf-8")
            return struct.pack("<I", len(text)) + text
        raise ValueError(f"unknown op {op}")

    def serve(self, conn: socket.socket) -> bool:
        """Serves one client; returns True when it asked the server to close."""
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while True:
            try:
                op = read_exact(conn, 1)[0]
            except ClientGone:
                return False
            if op == OP_CLOSE:
                conn.sendall(b"\x00")
                return True
            try:
                payload = b"\x00" + self.handle(op, conn)
            except ClientGone:
                return False
            except (RuntimeError, ValueError) as error:
                # A failed call is reported to the client as an error frame; the frame it came in was read whole.
                message = f"{type(error).__name__}: {error}".encode("utf-8")
                payload = b"\x01" + struct.pack("<I", len(message)) + message
            conn.sendall(payload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", required=True, help="path of step.pt")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--keep-serving", action="store_true",
                        help="after a client's close, wait for the next client instead of exiting (the process then "
                             "lives beside a TaskManager whose engines come and go; stop it with SIGTERM)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server = StepServer(args.step, torch.device(args.device))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", args.port))
        listener.listen(1)
        print(f"PORT {listener.getsockname()[1]}", flush=True)
        closing = False
        while not closing:
            conn, _ = listener.accept()
            with conn:
                closing = server.serve(conn) and not args.keep_serving


if __name__ == "__main__":
    main()
