"""Serves a package's step.pt like model-serving/python/step_server.py, but keeps listening after a client closes.

The engine's step executor sends `close` when its engine closes, and BenchmarkEngine and EvaluateModel open one
engine per measured configuration, so a server that exited on the first `close` would refuse every later engine.
This one loads the module once, serves clients one after another and exits on SIGTERM or SIGINT. The first line
on stdout is `PORT <n>` once the socket listens.
"""
import argparse
import os
import signal
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "model-serving", "python"))

import torch  # noqa: E402

from step_server import StepServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step", required=True, help="path of step.pt")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server = StepServer(args.step, torch.device(args.device))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", args.port))
        listener.listen(4)
        print(f"PORT {listener.getsockname()[1]}", flush=True)
        clients = 0
        while True:
            conn, _ = listener.accept()
            clients += 1
            with conn:
                try:
                    closed = server.serve(conn)
                except OSError as error:
                    # the client may close its socket before reading the reply to `close`
                    closed = True
                    print(f"client {clients}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            print(f"client {clients} {'closed' if closed else 'disconnected'}", flush=True)


if __name__ == "__main__":
    main()
