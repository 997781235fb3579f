"""The error that stops the build: its message printed once, under MkDocs and Zensical.

A fence's validator or formatter must raise SuperFencesException: pymdownx.superfences
swallows any other exception and shows the fence as code. MkDocs, for its part, prints an
exception it does not know three times: it logs "Error reading page '...': <message>",
raises it again, and Python prints its traceback, with the exception it was raised from
(markdown-exec's, say, whose message is the block's traceback) and the message once more.
A BuildError it logs once, and ends with "Aborted with a BuildError!", no traceback. So
the kit's build errors are both, and carry no cause. Zensical prints the message of the
exception that reached it once, either way.
"""

from mkdocs.exceptions import BuildError
from pymdownx.superfences import SuperFencesException


class BuildStopped(SuperFencesException, BuildError):
    """Stops the build; its message names what is wrong and says what to do."""

