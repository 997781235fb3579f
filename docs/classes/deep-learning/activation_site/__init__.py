"""What the site needs for the ReLU lesson (activation.md), beside the lesson's own file,
activation.py (ReLU forward and backward, and the examples: the one place where they are
written).

    cards.py      what the page shows, at build time: the worked example, dead units, the widgets
    steps.py      the walkthroughs, laid out from activation.py, and the editor's fields
    practice.py   the exercises' questions, code tests and misconceptions
"""
