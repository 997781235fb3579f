"""What a convolutional layer is for, with layer.py: edges in a photograph, and a
kernel learned back from an image and its edge map by gradient descent."""

import numpy as np

from convolutional_site.layer import conv2d_backward, conv2d_forward
from coursekit.page.words import Words

say = Words(__package__)

SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])  # responds to left-right change
SOBEL_Y = SOBEL_X.T                                                        # responds to up-down change


def sample_photo(name="china.jpg", every=2):
    """A photograph shipped with scikit-learn, in grey levels from 0 to 1, every `every`-th pixel."""
    from sklearn.datasets import load_sample_image

    return load_sample_image(name).mean(axis=2)[::every, ::every] / 255.0


def filter_image(image, kernel):
    """One grey image (H, W) through one kernel (kH, kW), padded to keep its size."""
    kernel = np.asarray(kernel, dtype=float)
    padding = (kernel.shape[0] // 2, kernel.shape[1] // 2)
    return conv2d_forward(image[None, None], kernel[None, None], np.zeros(1), padding=padding)[0, 0]


def edge_strength(image):
    """sqrt(Gx² + Gy²): how fast the grey level changes, in any direction (Sobel)."""
    return np.hypot(filter_image(image, SOBEL_X), filter_image(image, SOBEL_Y))


def show_filtered(image, response, title):
    """The photograph and a filtered version of it, side by side (a matplotlib figure)."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(9, 3.4))
    axes[0].imshow(image, cmap="gray")
    axes[0].set_title(say("figure.photograph"))
    axes[1].imshow(np.abs(response), cmap="magma")
    axes[1].set_title(title)
    for axis in axes:
        axis.axis("off")
    figure.tight_layout()
    return figure


def learn_kernel(image, target, size=3, steps=400, learning_rate=1.0, seed=0, progress=print, every=50):
    """Find the kernel that turns `image` into `target`, by gradient descent on the mean
    squared error, with layer.py's backward pass. Returns kernel, bias, losses."""
    X, T = image[None, None], target[None, None]
    rng = np.random.default_rng(seed)
    W, b = rng.standard_normal((1, 1, size, size)) * 0.1, np.zeros(1)
    padding = size // 2
    losses = []
    for step in range(steps + 1):
        error = conv2d_forward(X, W, b, padding=padding) - T
        losses.append(float(np.mean(error ** 2)))
        if progress and step % every == 0:
            # Printed by a runnable block: its numbers as Python writes them, in every edition.
            progress(say("progress.kernel-step", step=f"{step:4d}", loss=f"{losses[-1]:.6f}"))
        if step == steps:
            break
        _, dL_dW, dL_db = conv2d_backward(2 * error / error.size, X, W, padding=padding)
        W -= learning_rate * dL_dW
        b -= learning_rate * dL_db
    return W[0, 0], b[0], losses
