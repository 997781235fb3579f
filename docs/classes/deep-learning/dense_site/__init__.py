"""What the site needs for the dense layer lesson (dense.md), beside the lesson's own file,
dense.py (the layer, forward and backward, and its example: the one place where it is written).

    cards.py      what the page shows, at build time: one sample, the batch, the 1×1 convolution, the widgets
    steps.py      the walkthroughs (forward, backward), laid out from dense.py, and the editor's fields
    practice.py   the exercises' questions, code tests and misconceptions
"""
