"""The ReLU lesson's oracle: PyTorch's relu and leaky_relu and their autograd, in float64."""

import numpy as np
import torch
import torch.nn.functional as F


def tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64)).requires_grad_(grad)


def relu_oracle(X, dL_dY):
    """(Y, dL/dX) as PyTorch computes them: F.relu, then autograd with dL/dY upstream."""
    x = tensor(X, True)
    y = F.relu(x)
    y.backward(tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy()


def leaky_oracle(X, dL_dY, slope):
    """(Y, dL/dX) of F.leaky_relu with this negative slope, by autograd."""
    x = tensor(X, True)
    y = F.leaky_relu(x, negative_slope=slope)
    y.backward(tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy()


def batch_oracle(XW, b, dL_dY):
    """The dead-unit example through PyTorch: Z = XW + b (b broadcast over the batch), Y =
    relu(Z); returns (Z, dL/dZ, dL/db) by autograd."""
    bias = tensor(b, True)
    z = tensor(XW) + bias
    z.retain_grad()
    F.relu(z).backward(tensor(dL_dY))
    return z.detach().numpy(), z.grad.numpy(), bias.grad.numpy()


def dead_by_oracle(Z):
    """The units (columns) to which PyTorch's relu passes no gradient from any sample, for
    an upstream gradient of ones."""
    z = tensor(Z, True)
    F.relu(z).backward(torch.ones_like(z))
    return [d for d in range(z.shape[1]) if not z.grad[:, d].any()]
