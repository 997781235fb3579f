"""What a page costs a reader in bytes, served as a CDN serves it (tests/support/cdn.py),
in a fresh browser context (an empty cache):

    bytes before intent        the page and all it loads by itself, until the network is quiet
    bytes before first output  then Run pressed on its first Python block, until the block
                               shows its first output (pages without a block: none)

and which files were sent more than once on that cold visit (none should be).
tests/browser/test_page_bytes.py holds every page to BUDGETS; benchmarks/page_bytes.py
reports the same measurements, with their medians, against BUDGETS."""

import json
import time

from tests.support.browser import RUN_FINISHED

# Compressed bytes, for every page of the site (a new lesson is held to them too).
BUDGETS = {
    # Material's theme, KaTeX and its fonts, the widgets' scripts, the page itself: Python
    # and the code editor come only with the reader's intent.
    "bytes_before_intent": 600_000,
    # Pyodide, the Python snapshot and numpy, about 12.5 MB: a page's first block imports
    # numpy only (scikit-learn with SciPy and OpenBLAS would add 26 MB: a later block's).
    "bytes_before_first_output": 14_000_000,
}

FIRST_OUTPUT = "(block) => block.querySelector('.pyodide-output').childElementCount > 0"
FINISHED = (f"(block) => {json.dumps(list(RUN_FINISHED), ensure_ascii=False)}"
            ".some((start) => block.querySelector('.pyodide-status').textContent.startsWith(start))")


def measure(browser, url, counter, page_path, mbits=None, timeout=300_000):
    """One cold visit of `page_path` on the site at `url` whose server counts into `counter`;
    with `mbits`, on a line of that many Mbit/s (20 ms latency)."""
    # Watched, not routed: routing requests would turn the browser's HTTP cache off.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    if mbits:
        throttle(context, page, mbits)
    elsewhere, errors, network = [], [], InFlight(page)
    page.on("request", lambda request: request.url.startswith(url) or elsewhere.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        counter.reset()
        page.goto(url + page_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        result = {"page": page_path, "bytes_before_intent": counter.sent, "bytes_before_first_output": None}
        blocks = page.locator(".pyodide-block")
        if blocks.count():
            first = blocks.first.element_handle()
            first.query_selector(".pyodide-run").click()
            page.wait_for_function(FIRST_OUTPUT, arg=first, timeout=timeout, polling=20)
            result["bytes_before_first_output"] = counter.sent
            page.wait_for_function(FINISHED, arg=first, timeout=timeout)
            status = first.query_selector(".pyodide-status").text_content()
            assert status.startswith("Done"), f"{page_path}: the first block ended with {status!r}"
            network.wait_until_quiet(1500, timeout)  # what a free Python sets off (the exercises near the screen)
        result["sent_twice"] = counter.sent_twice()
        assert not elsewhere, f"{page_path} asked for something outside the site: {elsewhere}"
        assert not errors, f"{page_path}: uncaught errors {errors}"
        return result
    finally:
        context.close()


class InFlight:
    """The requests of a page (its workers' included) still in flight, to wait for a quiet
    network at any time, as Playwright's "networkidle" does once, at load: none in flight,
    and none started or ended, for `quiet_ms`."""

    def __init__(self, page):
        self.page, self.requests, self.last = page, set(), time.monotonic()
        page.on("request", lambda request: self.changed(self.requests.add, request))
        for ended in ("requestfinished", "requestfailed"):
            page.on(ended, lambda request: self.changed(self.requests.discard, request))

    def changed(self, change, request):
        change(request)
        self.last = time.monotonic()

    def wait_until_quiet(self, quiet_ms, timeout_ms):
        started = time.monotonic()
        while self.requests or time.monotonic() - self.last < quiet_ms / 1000:
            assert time.monotonic() - started < timeout_ms / 1000, \
                f"still loading after {timeout_ms} ms: {[request.url for request in self.requests]}"
            self.page.wait_for_timeout(50)  # Playwright delivers the page's events meanwhile


def throttle(context, page, mbits, latency_ms=20):
    """Chromium's network emulation: a line of `mbits` Mbit/s each way, for `page` and its workers."""
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency_ms,
        "downloadThroughput": mbits * 125_000, "uploadThroughput": mbits * 125_000})
