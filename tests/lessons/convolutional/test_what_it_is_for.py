"""The page's applications, in CPython: the digits CNN, the learned kernel, edge detection."""

import numpy as np
import pytest

from tests.support.said import LANGUAGES, Words, read, written_in
from tests.support.site import lesson
from tests.support.text_numbers import number

examples, cnn = lesson("convolutional_site.examples"), lesson("convolutional_site.small_cnn")
say = Words("convolutional_site")


def test_small_cnn_reads_digits_at_95_percent_or_better():
    train_images, test_images, train_labels, test_labels = cnn.load_digits_split(seed=0)
    model, history = cnn.train(train_images, train_labels, progress=None)
    accuracy = np.mean(model.predict(test_images) == test_labels)
    assert accuracy >= 0.95, accuracy
    assert history[-1]["loss"] < history[0]["loss"] / 10
    again, _ = cnn.train(train_images, train_labels, progress=None)
    assert np.array_equal(again.predict(test_images), model.predict(test_images)), "a fixed seed: the same result"


@pytest.mark.parametrize("language", LANGUAGES)
def test_training_says_each_epoch_in_the_pages_language(language):
    """What the CNN prints as it trains, one line per epoch: its epoch, loss and training
    accuracy, those of the history it returns (to the 4 and 3 decimals it prints)."""
    images, _, labels, _ = cnn.load_digits_split(seed=0)
    printed = []
    with written_in(language):
        _, history = cnn.train(images[:96], labels[:96], epochs=3, progress=printed.append)
        said = [read(say, "progress.epoch", line) for line in printed]
    assert len(said) == len(history) == 3
    for line, row in zip(said, history):
        assert (int(line["epoch"]), int(line["epochs"])) == (row["epoch"], 3)
        assert number(line["loss"]) == pytest.approx(row["loss"], abs=5e-5)
        assert number(line["accuracy"]) == pytest.approx(row["train accuracy"], abs=5e-4)


def test_small_cnn_gradients_match_finite_differences():
    rng = np.random.default_rng(3)
    images, labels = rng.random((4, 1, 8, 8)), rng.integers(0, 10, 4)
    model = cnn.SmallCNN(filters=3, seed=1)

    def loss():
        return cnn.softmax_cross_entropy(model.forward(images)[0], labels)[0]

    logits, cache = model.forward(images)
    grads = model.backward(cnn.softmax_cross_entropy(logits, labels)[1], cache)
    for name, value in model.params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            kept = value[index]
            value[index] = kept + 1e-6
            up = loss()
            value[index] = kept - 1e-6
            down = loss()
            value[index] = kept
            numeric[index] = (up - down) / 2e-6
        error = np.linalg.norm(grads[name] - numeric) / (np.linalg.norm(grads[name]) + np.linalg.norm(numeric))
        assert error < 1e-6, (name, error)


def test_gradient_descent_recovers_the_sobel_kernel():
    photo = examples.sample_photo(every=4)
    photo = photo - photo.mean()
    kernel, bias, losses = examples.learn_kernel(photo, examples.filter_image(photo, examples.SOBEL_X), progress=None)
    assert losses[-1] < 1e-6 * losses[0]
    assert all(later <= earlier * (1 + 1e-9) for earlier, later in zip(losses, losses[1:])), "the loss only falls"
    np.testing.assert_allclose(kernel, examples.SOBEL_X, atol=1e-2)
    assert abs(bias) < 1e-3


@pytest.mark.parametrize("language", LANGUAGES)
def test_learning_a_kernel_says_its_loss_in_the_pages_language(language):
    """Every `every` steps, the step and the loss it had: the losses learn_kernel returns."""
    photo = examples.sample_photo(every=8)
    photo = photo - photo.mean()
    printed = []
    with written_in(language):
        _, _, losses = examples.learn_kernel(photo, examples.filter_image(photo, examples.SOBEL_X), steps=20,
                                             progress=printed.append, every=5)
        said = [read(say, "progress.kernel-step", line) for line in printed]
    assert [int(line["step"]) for line in said] == [0, 5, 10, 15, 20]
    for line in said:
        assert number(line["loss"]) == pytest.approx(losses[int(line["step"])], rel=1e-5)


def test_edges_are_strong_where_the_photograph_changes():
    photo = examples.sample_photo()
    edges = examples.edge_strength(photo)
    assert edges.shape == photo.shape
    flat = np.zeros((9, 9))
    assert np.allclose(examples.edge_strength(flat), 0)
    step = np.zeros((9, 9))
    step[:, 5:] = 1
    assert examples.edge_strength(step)[4].argmax() in (4, 5), "the strongest response is at the step"
