"""The pooling layer lesson (pooling.md): its Python.

    pool.py    one channel: max pooling and average pooling, forward and backward, and the
               lesson's examples (the one place where they are written)
    steps.py   the walkthroughs, laid out from pool.py
    page.py    what the page shows, at build time: the worked examples, the widgets
    layer.py   the full layer: batches, channels, windows, strides, padding
"""
