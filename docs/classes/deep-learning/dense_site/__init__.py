"""What the site needs for the lesson dense.md, beside the lesson's own file, dense.py.

    cards.py      what the page shows, at build time: the worked example, the widgets
    steps.py      the walkthrough, laid out from dense.py, and the editor's fields
    practice.py   the exercises' questions and their misconceptions
"""
