"""Real Chromium (Debian's), driven by Playwright, against a site served on 127.0.0.1: the
browser's settings, the server, and a page that watches what it does (a console error, an
uncaught exception, or a request to anything but 127.0.0.1 fails the test). The browser
tests' fixtures (tests/browser/conftest.py) and the benchmarks use them."""

import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from coursekit import messages
from tests.support.site import DOCS, REPOSITORY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  # No host name resolves: a request for anything but 127.0.0.1 fails at once,
                  # without intercepting requests (which Watched records, and fails the test for).
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
ARTIFACTS = REPOSITORY / "test-artifacts"


def _status_starts(*keys):
    """How the runner's messages `keys` begin, in every language the site has (before a parameter)."""
    return tuple(sorted({messages.catalog(DOCS, language)[key].split("{")[0].strip()
                         for language in messages.languages(DOCS) for key in keys}))


RUN_ENDED = _status_starts("runner.done", "runner.error")
"""How a pyodide block's status line begins once its run has ended, well or with an error, in any edition."""
RUN_FINISHED = RUN_ENDED + _status_starts("runner.stopped", "runner.load-failed", "runner.python-failed")
"""How it begins once its run has ended, however it ended."""


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the types browsers insist on; optionally cross-origin isolated."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json"}
    isolated = False

    def end_headers(self):
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(directory, isolated=False):
    handler = type("Handler", (SiteHandler,), {"isolated": isolated})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


LOCAL = re.compile(r"^(http://127\.0\.0\.1[:/]|data:|blob:)")


class Watched:
    """A page and what it did: console errors, requests, requests for anything but 127.0.0.1.

    Requests are watched, not routed: routing turns the HTTP cache off, and Chromium's
    request interception can leave a worker's fetch hanging for good (a run that never
    ended, once in CI). CHROMIUM_FLAGS make every other host fail to resolve instead."""

    def __init__(self, page):
        self.page, self.errors, self.requests, self.outside = page, [], [], []
        self.allowed_errors, self.allowed_outside = [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.context.on("request", self._record)

    def _record(self, request):
        self.requests.append(request.url)
        if not LOCAL.match(request.url):
            self.outside.append(request.url)

    def allow_console_error(self, pattern):
        self.allowed_errors.append(re.compile(pattern))

    def allow_outside(self, pattern):
        """Requests for addresses matching `pattern` may leave 127.0.0.1 (and fail)."""
        self.allowed_outside.append(re.compile(pattern))

    def pyodide_requests(self):
        """Requests for the Python runtime: Pyodide's files and the Python snapshot."""
        return [url for url in self.requests if "/vendor/pyodide/" in url or "/vendor/python-snapshot/" in url]

    def check(self):
        outside = [url for url in self.outside if not any(p.search(url) for p in self.allowed_outside)]
        assert not outside, f"requests left 127.0.0.1: {outside}"
        unexpected = [e for e in self.errors if not any(p.search(e) for p in self.allowed_errors)]
        assert not unexpected, f"console errors: {unexpected}"


def open_page(browser, width=1280, height=900, color_scheme="light", service_workers="block", **context_options):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme,
                                  service_workers=service_workers, **context_options)
    return Watched(context.new_page())


def save_screenshot(page, name, full_page=False):
    """A screenshot in test-artifacts/, to look at: what the reader sees (the viewport by default)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # Sections scrolled into view are laid out at the next frames (content-visibility: auto).
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.screenshot(path=str(path), full_page=full_page)
    return path
