#!/usr/bin/env python3
"""A stand-in for llama.cpp's llama-server, for testing the supervisor's process handling only.

Accepts llama-server's arguments (-m MODEL -t N -c N -np N --host H --port P), answers GET /health
with 200 once "loaded" (after --load-delay seconds), and POST /v1/chat/completions with a short
streamed reply. The real server is tested separately.
"""

import argparse
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("-m", dest="model", required=True)
parser.add_argument("-t", dest="threads")
parser.add_argument("-c", dest="context")
parser.add_argument("-np", dest="parallel")
parser.add_argument("--poll", dest="poll")
parser.add_argument("--prio", dest="prio")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--load-delay", type=float, default=0.3)
args = parser.parse_args()
started = time.monotonic()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def do_GET(self):
        if self.path != "/health":
            self.send_error(404)
            return
        loaded = time.monotonic() - started >= args.load_delay
        self.send_response(200 if loaded else 503)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}' if loaded else b'{"status": "loading"}')

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece, reason in (("Hello", None), (" from", None), (" fake", "stop")):
            chunk = {"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": reason}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")


ThreadingHTTPServer((args.host, args.port), Handler).serve_forever()
