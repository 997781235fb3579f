"""A small convolutional network on scikit-learn's digits, trained with layer.py's
convolution and the pooling lesson's max pooling (pooling_site/layer.py): an application,
which may import the lessons it composes, and says which.

    image (1×8×8) → convolution (16 filters, 3×3, padding 1) → ReLU → 2×2 max pooling
                  → dense (16·4·4 = 256 → 10) → softmax

Every layer has a forward and a backward function; training is minibatch gradient
descent with momentum, from a fixed seed, so the result is the same every time.
"""

import numpy as np

from convolutional_site.layer import conv2d_backward, conv2d_forward
from coursekit.page.words import Words
from pooling_site.layer import max_pool2d_backward, max_pool2d_forward

say = Words(__package__)

COMPOSES = ("convolutional", "pooling")
"""The lessons this application is built from (a lesson imports no other; an application may)."""


def relu_forward(x):
    return np.maximum(x, 0)


def relu_backward(dL_dY, x):
    """The gradient passes where the input was positive."""
    return dL_dY * (x > 0)


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy loss of the softmax of `logits` (N, 10), and its gradient."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(shifted)
    p /= p.sum(axis=1, keepdims=True)
    n = len(labels)
    loss = -np.mean(np.log(p[np.arange(n), labels] + 1e-12))
    d_logits = p.copy()
    d_logits[np.arange(n), labels] -= 1
    return loss, d_logits / n


class SmallCNN:
    """The network's parameters, and its forward and backward passes."""

    def __init__(self, filters=16, classes=10, seed=0):
        rng = np.random.default_rng(seed)
        self.params = {
            "W": rng.standard_normal((filters, 1, 3, 3)) * np.sqrt(2 / 9),  # He initialisation
            "b": np.zeros(filters),
            "V": rng.standard_normal((filters * 16, classes)) * np.sqrt(2 / (filters * 16)),
            "c": np.zeros(classes),
        }

    def forward(self, images):
        """images (N, 1, 8, 8) -> logits (N, 10), and what the backward pass needs."""
        p = self.params
        z = conv2d_forward(images, p["W"], p["b"], padding=1)
        a = relu_forward(z)
        pooled = max_pool2d_forward(a, window=2)
        flat = pooled.reshape(len(images), -1)
        return flat @ p["V"] + p["c"], (images, z, a, flat)

    def backward(self, d_logits, cache):
        """The gradient of the loss for every parameter, from d(loss)/d(logits)."""
        images, z, a, flat = cache
        p = self.params
        grads = {"V": flat.T @ d_logits, "c": d_logits.sum(axis=0)}
        d_pooled = (d_logits @ p["V"].T).reshape(len(images), -1, 4, 4)
        d_z = relu_backward(max_pool2d_backward(d_pooled, a, window=2), z)
        _, grads["W"], grads["b"] = conv2d_backward(d_z, images, p["W"], padding=1)
        return grads

    def predict(self, images):
        return self.forward(images)[0].argmax(axis=1)


def load_digits_split(seed=0):
    """scikit-learn's 8×8 digits, scaled to [0, 1], as (N, 1, 8, 8), split 80/20 (stratified)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = digits.images[:, None, :, :] / 16.0
    return train_test_split(images, digits.target, test_size=0.2, random_state=seed, stratify=digits.target)


def train(images, labels, epochs=20, batch_size=32, learning_rate=0.02, momentum=0.9, seed=0, progress=print):
    """Minibatch gradient descent with momentum. Returns the model and one row per epoch."""
    rng = np.random.default_rng(seed)
    model = SmallCNN(seed=seed)
    velocity = {name: np.zeros_like(value) for name, value in model.params.items()}
    history = []
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(images))
        losses = []
        for start in range(0, len(images), batch_size):
            batch = order[start:start + batch_size]
            logits, cache = model.forward(images[batch])
            loss, d_logits = softmax_cross_entropy(logits, labels[batch])
            grads = model.backward(d_logits, cache)
            for name, grad in grads.items():
                velocity[name] = momentum * velocity[name] - learning_rate * grad
                model.params[name] += velocity[name]
            losses.append(loss)
        # The row's names are data, which the page's code reads (set_index("epoch")): they stay as they are.
        row = {"epoch": epoch, "loss": float(np.mean(losses)),
               "train accuracy": float(np.mean(model.predict(images) == labels))}
        history.append(row)
        if progress:
            # Printed by a runnable block: its numbers as Python writes them (0.1234), in every edition.
            progress(say("progress.epoch", epoch=f"{epoch:2d}", epochs=epochs, loss=f"{row['loss']:.4f}",
                         accuracy=f"{row['train accuracy']:.3f}"))
    return model, history
