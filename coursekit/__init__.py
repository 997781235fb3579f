"""The machinery of the course site (the kit). It names no lesson: a lesson declares, the
kit renders.

    coursekit/page/      runs at build time AND in the reader's browser (Pyodide): numbers
                         as the page writes them, walkthrough data, typed values, checking
                         answers and the reader's code. Standard library and numpy only;
                         the site serves these files to the page (python_files.py).
    coursekit/pyodide/   the `pyodide` fence (a block the reader runs) and the runtime's pins.
    coursekit/*.py       the rest runs at build time only, in MkDocs: the site extension
                         (site.py), exercises and widgets from declared data, the cards'
                         math (card_math.py, latex.py, math_html.py), messages, the
                         Content-Security-Policy, checks of built pages.

A lesson's page code (<layer>_site/) may import coursekit.page, never a build-time module:
the build stops where it does (python_files.py).
"""
