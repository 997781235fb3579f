"""A build-time block that fails stops the build, whichever tool builds the site.

markdown-exec reports a `python exec="1"` block that raises as a warning, through its
logger, and puts the traceback into the page. MkDocs counts that warning and `strict: true`
makes it fatal once the build is over; Zensical does not count it: its build succeeds, and
the page publishes the traceback. So the warning is raised here, as BuildStopped (the one
kind of exception pymdownx.superfences lets through, printed once: coursekit/build_errors.py),
and the build stops at that block, under either tool, with markdown-exec's message: the
block's code and its output. Raised from the handler, the record goes to no other handler:
the message is not logged besides.

markdown-exec logs through "markdown_exec.*", or "mkdocs.plugins.markdown_exec.*" once its
MkDocs plugin module is imported, which importing markdown_exec does wherever MkDocs is
installed, Zensical's build included.
"""

import logging

from coursekit.build_errors import BuildStopped

LOGGERS = ("markdown_exec", "mkdocs.plugins.markdown_exec")
WHAT_TO_DO = 'a build-time block (```python exec="1") failed: fix the block, or the lesson code it calls.'


class FailingBlock(logging.Handler):
    """Raises every warning or error markdown-exec logs."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record):
        raise BuildStopped(f"{WHAT_TO_DO}\n{record.getMessage()}") from None


def stop_the_build():
    """Make markdown-exec's warnings stop the build (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, FailingBlock) for handler in logger.handlers):
            logger.addHandler(FailingBlock())
