"""What the site needs for the pooling layer lesson (pooling.md), beside the lesson's own
file, pooling.py (max and average pooling of one channel, forward and backward, and the
examples: the one place where they are written).

    cards.py      what the page shows, at build time: the worked examples, the widgets
    steps.py      the walkthroughs, laid out from pooling.py
    practice.py   the exercises' questions and code tests
    layer.py      the full layer: batches, channels, windows, strides, padding
"""
