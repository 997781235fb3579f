"""What the site needs for the convolutional layer lesson (convolutional.md), beside the
lesson's own file, convolutional.py (one channel, one kernel, forward and backward, and the
examples: the one place where they are written).

    cards.py      what the page shows, at build time: the worked example, the widgets
    steps.py      the walkthroughs and the step table, laid out from convolutional.py and layer.py
    practice.py   the exercises' questions and code tests
    layer.py      the full layer: batches, channels, filters, stride, padding, dilation
    examples.py   what it is for: edges in a photograph, a kernel learned back
    small_cnn.py  a small CNN on scikit-learn's digits (an application: it composes the
                  convolution's and the pooling's full layers)
"""
