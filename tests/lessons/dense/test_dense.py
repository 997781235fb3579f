"""dense.py against PyTorch (autograd), on the lesson's example and on random inputs, and
the page's numbers read back from the built site."""

import numpy as np
import torch

from tests.support.page_math import Page
from tests.support.site import lesson, page_path

dense = lesson("dense")


def oracle(X, w, b, dL_dY):
    x, w_, b_ = (torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True) for v in (X, w, b))
    y = w_ * x + b_
    y.backward(torch.tensor(dL_dY, dtype=torch.float64))
    return y.detach().numpy(), x.grad.numpy(), float(w_.grad), float(b_.grad)


def test_the_example_and_random_inputs_agree_with_pytorch():
    rng = np.random.default_rng(0)
    cases = [dense.worked_example()] + [
        (rng.standard_normal(shape), float(rng.standard_normal()), float(rng.standard_normal()),
         rng.standard_normal(shape)) for shape in [(1, 1), (2, 5), (4, 3)] * 30]
    for X, w, b, dL_dY in cases:
        Y, dL_dX, dL_dw, dL_db = oracle(X, w, b, dL_dY)
        np.testing.assert_allclose(dense.forward(X, w, b), Y, rtol=1e-12, atol=1e-12)
        for ours, theirs in zip(dense.backward(dL_dY, X, w), (dL_dX, dL_dw, dL_db)):
            np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_the_page_shows_what_pytorch_computes(built_site):
    page = Page(built_site / page_path("classes/deep-learning/dense.md"))
    X, w, b, dL_dY = dense.worked_example()
    Y, dL_dX, _, _ = oracle(X, w, b, dL_dY)
    np.testing.assert_allclose(page.matrix("Y"), Y)
    np.testing.assert_allclose(page.matrix("dL/dX"), dL_dX)
