"""The pages' Content-Security-Policy, written here once: overrides/main.html puts it first
in every page's <head>, as a <meta http-equiv="Content-Security-Policy"> (a static host
sends no headers); mkdocs.yml hands it to the template as `extra.content_security_policy`.

The pages run no inline script: Material's inline scripts are files (overrides/), and the
data the page's scripts read is in attributes or in <script type="application/json">,
which is data. The same policy serves both builds: the page itself loads nothing from
another origin (KaTeX, CodeMirror and the snapshot are the site's own files); only the
Python worker does, from the CDN.

The worker, in Chromium: a module worker started from the site's own address takes the
policy its own response gives, never the page's <meta> (the page's policy refuses
WebAssembly, and Python runs: tests/browser/test_content_security.py). From a static host
the worker has no policy; a server that can send headers gives worker.mjs
`policy(WORKER)`, with the CDN's origin for the CDN build: `policy(WORKER, [origin])`.
"""

PAGE = {
    "default-src": ["'self'"],
    # No 'unsafe-inline', no 'unsafe-eval', no 'wasm-unsafe-eval': Python's WebAssembly is
    # compiled in the worker. Workers (the runner's, Material's search) come from 'self' too.
    "script-src": ["'self'"],
    # CodeMirror writes its theme into a <style> element; a pandas table (built, or shown by
    # a block with html="1") carries a <style scoped> and style attributes. A static page
    # cannot carry the per-response nonce that would tell them apart. CSS runs no script.
    "style-src": ["'self'", "'unsafe-inline'"],
    # The figures a block draws (data:image/png), Material's icons (SVG in its CSS).
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    # A <base> would move every relative script the page loads; a form posts nowhere else.
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

WORKER = {
    "default-src": ["'self'"],
    # Pyodide's WebAssembly; its core modules, which the worker imports from blob: URLs once
    # the browser has checked their hash (the CDN build).
    "script-src": ["'self'", "'wasm-unsafe-eval'", "blob:"],
}


def policy(directives, origins=()):
    """The text of a policy, "name source ...; ...", from {name: [source, ...]}; `origins`
    join the directives that load code and data (the CDN a worker loads Pyodide from)."""
    directives = {name: list(sources) for name, sources in directives.items()}
    if origins:
        directives.setdefault("connect-src", list(directives["default-src"]))
        for name in ("script-src", "connect-src"):
            directives[name] += origins
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


POLICY = policy(PAGE)
"""Every page's policy, as its <meta> says it."""

LIVE_RELOAD_POLICY = policy({**PAGE, "script-src": PAGE["script-src"] + ["'unsafe-inline'"]})
"""The policy of the pages `mkdocs serve` serves while an author writes (scripts/serve.sh
sets LIVE_RELOAD=1): its live reload is an inline script it adds to every page it serves."""
