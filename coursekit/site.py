"""The site's settings, as a Markdown extension: what the pyodide fence and the widgets
need to know of the site they are built into.

    markdown_extensions:
      - coursekit.site:
          offline: !ENV [OFFLINE, false]   # serve the Pyodide runtime from the site itself
          docs_dir: docs                   # as mkdocs.yml's docs_dir (the default: docs)
          language: en                     # the words and numbers of the pages built (the default: en)

Every page is converted by a Markdown of its own, which runs `extendMarkdown`: the lesson
packages under docs_dir become importable (coursekit.lessons), read again where a file
changed, and the build-time blocks of the page can `from <layer>_site.cards import ...`; they
write their words and numbers in the site's language (coursekit.page.language). A page
that runs Python (a pyodide block, a number editor) gets, at its end, the index of the
Python files the site serves to the page (coursekit.python_files). A build-time block that
fails stops the build, under Zensical too (coursekit.failing_blocks).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor

from coursekit import failing_blocks, lessons
from coursekit.page import language
from coursekit.json_data import json_attribute
from coursekit.pyodide import runtime
from coursekit.python_files import PythonFiles

TRUE = {"1", "on", "yes", "true"}


class SiteNotConfigured(Exception):
    """The coursekit.site extension is missing from mkdocs.yml."""

    def __init__(self, what):
        super().__init__(f"{what}: add `coursekit.site` to markdown_extensions in mkdocs.yml")


@dataclass
class Settings:
    offline: bool = False
    docs_dir: Path = Path("docs")
    language: str = "en"
    python_files: PythonFiles = field(init=False)

    def __post_init__(self):
        self.python_files = PythonFiles(self.docs_dir, lessons.use(self.docs_dir))

    def runtime_attributes(self):
        """The data-* attributes that tell the page's runner where the Pyodide runtime is:
        the site itself (offline), or the CDN with each core file's Subresource Integrity."""
        if self.offline:
            return {"data-runtime": "local"}
        integrity = {name: runtime.integrity(digest) for name, digest in runtime.CORE_FILES.items()}
        return {"data-runtime": runtime.CDN_URL, "data-integrity": json.dumps(integrity)}


_current = None  # the settings of the page being converted


def current(what="this page"):
    """The settings of the page being converted; `what` names the caller in the error."""
    if _current is None:
        raise SiteNotConfigured(what)
    return _current


RUNS_PYTHON = ('class="pyodide-block"', 'class="number-editor"')
"""What, in a page's HTML, runs the page's Python."""


class PythonFilesIndex(Postprocessor):
    """The index of the site's Python files, once, at the end of a page that runs Python."""

    def __init__(self, md, settings):
        super().__init__(md)
        self.settings = settings

    def run(self, text):
        if not any(marker in text for marker in RUNS_PYTHON):
            return text
        return text + f'<div class="python-files" hidden {json_attribute(self.settings.python_files.index())}></div>'


class SiteExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "offline": [False, "Serve the Pyodide runtime from the site itself (OFFLINE=1)"],
            "docs_dir": ["docs", "The docs folder, as in mkdocs.yml (relative to the folder the build runs in)"],
            "language": ["en", "The language of the pages built: their widgets' words (coursekit.messages)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        offline = self.getConfig("offline")
        if isinstance(offline, str):  # !ENV gives what the variable says, e.g. "1"
            offline = offline.strip().lower() in TRUE
        global _current
        md.coursekit = _current = Settings(bool(offline), Path(self.getConfig("docs_dir")),
                                           language.use(str(self.getConfig("language"))))
        md.postprocessors.register(PythonFilesIndex(md, _current), "coursekit-python-files", 0)
        failing_blocks.stop_the_build()


def makeExtension(**kwargs):
    return SiteExtension(**kwargs)
