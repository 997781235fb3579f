"""A built site served as a CDN serves it (gzip where it pays, cacheable for a year), every
response counted: the bytes sent, and which file each was. The byte budgets' test, the
page-bytes benchmark and the runner benchmark measure through it."""

import gzip
import threading
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".zip": "application/zip", ".whl": "application/zip",
         ".css": "text/css", ".html": "text/html", ".py": "text/plain", ".svg": "image/svg+xml",
         ".xml": "application/xml", ".woff2": "font/woff2", ".png": "image/png", ".jpg": "image/jpeg",
         ".gz": "application/octet-stream"}
COMPRESSED = {".js", ".mjs", ".wasm", ".json", ".css", ".html", ".py", ".svg", ".xml"}


class Bytes:
    """Bytes sent so far (and what they were before compression), and the paths sent."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def add(self, path, sent, raw):
        with self.lock:
            self.sent += sent
            self.raw += raw
            self.paths[path] += 1

    def reset(self):
        with self.lock:
            self.sent = self.raw = 0
            self.paths = Counter()

    def sent_twice(self):
        """The files sent more than once since the last reset, with how many times."""
        with self.lock:
            return {path: count for path, count in self.paths.items() if count > 1}


def serve(directory, counter=None):
    """Serve `directory` on 127.0.0.1; returns (server, its address, its Bytes counter)."""
    counter = counter or Bytes()
    gzipped = {}

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            data = path.read_bytes()
            body, encoding = data, None
            if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                if path not in gzipped:
                    gzipped[path] = gzip.compress(data, compresslevel=6, mtime=0)
                body, encoding = gzipped[path], "gzip"
            self.send_response(200)
            self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")  # as a CDN does
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            self.wfile.write(body)
            counter.add(self.path.split("?")[0], len(body), len(data))

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}", counter
