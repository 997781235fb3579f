"""A build-time block that fails stops the build, whichever tool builds the site.

markdown-exec reports a `python exec="1"` block that raises as a warning, through its
logger, and puts the traceback into the page. MkDocs counts that warning and `strict: true`
makes it fatal once the build is over; Zensical does not count it: its build succeeds, and
the page publishes the traceback. So the warning is raised here, as SuperFencesException
(the one exception pymdownx.superfences lets through), and the build stops at that block,
under either tool, with markdown-exec's message: the block's code and its output.

markdown-exec logs through "markdown_exec.*", or "mkdocs.plugins.markdown_exec.*" once its
MkDocs plugin module is imported, which importing markdown_exec does wherever MkDocs is
installed, Zensical's build included.
"""

import logging

from pymdownx.superfences import SuperFencesException

LOGGERS = ("markdown_exec", "mkdocs.plugins.markdown_exec")


class FailingBlock(logging.Handler):
    """Raises every warning or error markdown-exec logs."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record):
        raise SuperFencesException(record.getMessage())


def stop_the_build():
    """Make markdown-exec's warnings stop the build (idempotent)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, FailingBlock) for handler in logger.handlers):
            logger.addHandler(FailingBlock())
