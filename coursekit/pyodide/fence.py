"""The `pyodide` fence: a block of Python the reader edits and runs in the page.

    ```pyodide install="pandas,scikit-learn" exec="on" html="1" session="lesson"
    --8<-- "docs/classes/<section>/<lesson>/<file>.py"
    ```

The block is rendered as its code, highlighted, readable without JavaScript; the page's
runner (docs/assets/runner/blocks.mjs) turns it into an editor with Run, Stop, Reset and
Clear, and runs it in a Pyodide worker (bridge.mjs) only when the reader asks.

Options (all optional):
    install   packages the code may use, comma-separated; each is loaded when the code
              imports it, never before (so a block that only uses numpy loads only numpy)
    exec      "on" (default): runnable; "off": shown as plain code
    html      "1": a value with _repr_html_ (a pandas DataFrame), or HTML(...), is shown as
              HTML; otherwise every output is text
    session   blocks with the same session share their globals (default: one per page)
    version   accepted for markdown-exec's syntax; must be the pinned Pyodide version

The code may import lesson modules (`from <lesson>.layer import forward`): the page lists
the site's Python files, and the runner fetches those the code imports
(coursekit.python_files); an import of a kit module the page's Python lacks stops the
build. The site's settings come from the coursekit.site extension (mkdocs.yml).
"""

import re
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from coursekit.build_errors import BuildStopped
from coursekit.lessons import LessonError
from coursekit.messages import message
from coursekit.pyodide import runtime
from coursekit.site import TRUE, SiteNotConfigured

FALSE = {"0", "off", "no", "false"}
PACKAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SESSION = re.compile(r"^[\w.-]+$")


def _flag(name, value):
    value = value.strip().lower()
    if value not in TRUE | FALSE:
        raise BuildStopped(f'pyodide fence: {name}="{value}" must be one of {sorted(TRUE | FALSE)}')
    return value in TRUE


def validate(language, inputs, options, attrs, md):
    """Check the fence's options and turn them into typed values; an unknown or bad option
    stops the build (BuildStopped), so a typo never ships a silently broken block."""
    known = {"install", "exec", "html", "session", "version"}
    unknown = set(inputs) - known
    if unknown:
        raise BuildStopped(
            f"pyodide fence: unknown option(s) {sorted(unknown)}; known options: {sorted(known)}")
    install = [name.strip() for name in inputs.get("install", "").split(",") if name.strip()]
    for name in install:
        if not PACKAGE.match(name):
            raise BuildStopped(f'pyodide fence: install="{inputs["install"]}": {name!r} is not a package name')
    session = inputs.get("session", "").strip()
    if session and not SESSION.match(session):
        raise BuildStopped(f'pyodide fence: session="{session}" may use only letters, digits, ".", "_", "-"')
    version = inputs.get("version", runtime.VERSION).strip().lstrip("v")
    if version != runtime.VERSION:
        raise BuildStopped(
            f'pyodide fence: version="{version}", but this site runs Pyodide {runtime.VERSION}')
    options.update(install=install, session=session,
                   exec=_flag("exec", inputs.get("exec", "on")), html=_flag("html", inputs.get("html", "0")))
    return True


def _settings(md):
    settings = getattr(md, "coursekit", None)
    if settings is None:
        raise BuildStopped(str(SiteNotConfigured("pyodide fence")))
    return settings


def format(source, language, class_name, options, md, **kwargs):
    """The block's HTML: its code highlighted, and the data the runner needs."""
    code = highlight(source, PythonLexer(), HtmlFormatter(nowrap=True))
    static = f'<div class="highlight"><pre><code>{code}</code></pre></div>'
    if not options["exec"]:
        return static
    settings = _settings(md)
    try:
        settings.python_files.for_code(source)  # what it imports the page's Python has
    except LessonError as error:
        raise BuildStopped(f"pyodide fence: {error}") from None
    attributes = {
        "class": "pyodide-block",
        "data-install": ",".join(options["install"]),
        "data-session": options["session"],
        "data-html": "1" if options["html"] else "0",
        **settings.runtime_attributes(),
    }
    opening = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    buttons = "".join(
        f'<button type="button" class="md-button pyodide-{name}" title="{escape(title)}" disabled>'
        f"{escape(label)}</button>"
        for name, label, title in (
            ("run", message("runner.run"), message("runner.run-title")),
            ("stop", message("runner.stop"), message("runner.stop-title")),
            ("reset", message("runner.reset"), message("runner.reset-title")),
            ("clear", message("runner.clear"), message("runner.clear-title")),
        ))
    return (
        f"<div{opening}>"
        f'<div class="pyodide-toolbar" role="toolbar" aria-label="{escape(message("runner.toolbar"))}">{buttons}</div>'
        f'<div class="pyodide-code">{static}</div>'
        f'<p class="pyodide-status" role="status">{escape(message("runner.waiting"))}</p>'
        # A long output scrolls: a tab stop, so that the keyboard can scroll it too.
        f'<div class="pyodide-output" role="log" aria-live="polite" aria-label="{escape(message("runner.output"))}" '
        'tabindex="0" hidden></div>'
        "</div>"
    )
