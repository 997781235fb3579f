"""The `pyodide` fence: a block of Python the reader edits and runs in the page.

    ```pyodide install="pandas,scikit-learn" exec="on" html="1" session="lesson"
    --8<-- "docs/classes/deep-learning/convolutional.py"
    ```

The block is rendered as its code, highlighted, readable without JavaScript; the page's
runner (docs/assets/runner/runner.mjs) turns it into an editor with Run, Stop, Reset and
Clear, and runs it in a Pyodide worker only when the reader asks.

Options (all optional):
    install   packages the code may use, comma-separated; each is loaded when the code
              imports it, never before (so a block that only uses numpy loads only numpy)
    exec      "on" (default): runnable; "off": shown as plain code
    html      "1": a value with _repr_html_ (a pandas DataFrame), or HTML(...), is shown as
              HTML; otherwise every output is text
    session   blocks with the same session share their globals (default: one per page)
    modules   lesson files the code may import, comma-separated paths (relative to the
              folder mkdocs runs in): `modules="docs/classes/deep-learning/conv_layer.py"`
              lets the block `import conv_layer`
    version   accepted for markdown-exec's syntax; must be the pinned Pyodide version

Configured by the Markdown extension of the same module (`offline: true` serves the
runtime from the site itself instead of the CDN):

    markdown_extensions:
      - coursekit.pyodide_fence:
          offline: !ENV [OFFLINE, false]
"""

import json
import re
from html import escape
from pathlib import Path

from markdown import Extension
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from pymdownx.superfences import SuperFencesException

from coursekit import pyodide_runtime
from coursekit.json_script import json_script

TRUE, FALSE = {"1", "on", "yes", "true"}, {"0", "off", "no", "false"}
PACKAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SESSION = re.compile(r"^[\w.-]+$")


def _flag(name, value):
    value = value.strip().lower()
    if value not in TRUE | FALSE:
        raise SuperFencesException(f'pyodide fence: {name}="{value}" must be one of {sorted(TRUE | FALSE)}')
    return value in TRUE


def validate(language, inputs, options, attrs, md):
    """Check the fence's options and turn them into typed values; an unknown or bad option
    stops the build (SuperFencesException), so a typo never ships a silently broken block."""
    known = {"install", "exec", "html", "session", "modules", "version"}
    unknown = set(inputs) - known
    if unknown:
        raise SuperFencesException(
            f"pyodide fence: unknown option(s) {sorted(unknown)}; known options: {sorted(known)}")
    install = [name.strip() for name in inputs.get("install", "").split(",") if name.strip()]
    for name in install:
        if not PACKAGE.match(name):
            raise SuperFencesException(f'pyodide fence: install="{inputs["install"]}": {name!r} is not a package name')
    session = inputs.get("session", "").strip()
    if session and not SESSION.match(session):
        raise SuperFencesException(f'pyodide fence: session="{session}" may use only letters, digits, ".", "_", "-"')
    version = inputs.get("version", pyodide_runtime.VERSION).strip().lstrip("v")
    if version != pyodide_runtime.VERSION:
        raise SuperFencesException(
            f'pyodide fence: version="{version}", but this site runs Pyodide {pyodide_runtime.VERSION}')
    modules = {}
    for path in (p.strip() for p in inputs.get("modules", "").split(",") if p.strip()):
        if not path.endswith(".py") or not Path(path).is_file():
            raise SuperFencesException(f'pyodide fence: modules="{inputs["modules"]}": no Python file {path} '
                                       f"(paths are relative to {Path.cwd()})")
        modules[Path(path).name] = Path(path).read_text(encoding="utf-8")
    options.update(install=install, session=session, modules=modules,
                   exec=_flag("exec", inputs.get("exec", "on")), html=_flag("html", inputs.get("html", "0")))
    return True


_settings = None  # the settings of the build under way, for the page's other Python widgets


def runtime_attributes(settings=None):
    """The data-* attributes that tell the page's runner where the Pyodide runtime is."""
    settings = settings or _settings
    if settings is None:
        raise SuperFencesException(
            "pyodide fence: add `coursekit.pyodide_fence` to markdown_extensions in mkdocs.yml")
    if settings["offline"]:
        return {"data-runtime": "local"}
    integrity = {name: pyodide_runtime.integrity(digest) for name, digest in pyodide_runtime.CORE_FILES.items()}
    return {"data-runtime": pyodide_runtime.CDN_URL, "data-integrity": json.dumps(integrity)}


def _runtime_attributes(md):
    settings = getattr(md, "pyodide_settings", None)
    if settings is None:
        raise SuperFencesException(
            "pyodide fence: add `coursekit.pyodide_fence` to markdown_extensions in mkdocs.yml")
    return runtime_attributes(settings)


def format(source, language, class_name, options, md, **kwargs):
    """The block's HTML: its code highlighted, and the data the runner needs."""
    code = highlight(source, PythonLexer(), HtmlFormatter(nowrap=True))
    static = f'<div class="highlight"><pre><code>{code}</code></pre></div>'
    if not options["exec"]:
        return static
    attributes = {
        "class": "pyodide-block",
        "data-install": ",".join(options["install"]),
        "data-session": options["session"],
        "data-html": "1" if options["html"] else "0",
        **_runtime_attributes(md),
    }
    opening = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    return (
        f"<div{opening}>"
        '<div class="pyodide-toolbar" role="toolbar" aria-label="Python code">'
        '<button type="button" class="md-button pyodide-run" title="Run (Ctrl+Enter)" disabled>Run</button>'
        '<button type="button" class="md-button pyodide-stop" title="Stop the running code" disabled>Stop</button>'
        '<button type="button" class="md-button pyodide-reset" title="Put back the original code" disabled>Reset</button>'
        '<button type="button" class="md-button pyodide-clear" title="Clear the output" disabled>Clear</button>'
        '</div>'
        f'<div class="pyodide-code">{static}</div>'
        '<p class="pyodide-status" role="status">This code runs in your browser, once the page has loaded.</p>'
        '<div class="pyodide-output" role="log" aria-live="polite" aria-label="Output" hidden></div>'
        + (json_script(options["modules"], "pyodide-modules") if options["modules"] else "")
        + "</div>"
    )


class PyodideFenceExtension(Extension):
    """Holds the fence's site-wide settings, declared with their types and defaults."""

    def __init__(self, **kwargs):
        self.config = {"offline": [False, "Serve the Pyodide runtime from the site itself (OFFLINE=1)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        offline = self.getConfig("offline")
        if isinstance(offline, str):  # !ENV gives what the variable says, e.g. "1"
            offline = offline.strip().lower() in TRUE
        global _settings
        md.pyodide_settings = _settings = {"offline": bool(offline)}


def makeExtension(**kwargs):
    return PyodideFenceExtension(**kwargs)
