"""The convolutional layer lesson (convolutional.md): its Python.

    conv.py       one channel, one kernel: forward and backward, and the lesson's examples
                  (the one place where they are written)
    steps.py      the walkthroughs and the step table, laid out from conv.py and layer.py
    page.py       what the page shows, at build time: the worked example, the widgets
    layer.py      the full layer: batches, channels, filters, stride, padding, dilation
    examples.py   what it is for: edges in a photograph, a kernel learned back
    small_cnn.py  a small CNN on scikit-learn's digits
"""
