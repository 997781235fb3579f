"""PyTorch as the independent oracle: conv2d and the pooling functions for the forward
pass, autograd for the backward pass. float64 throughout."""

import numpy as np
import torch
import torch.nn.functional as F


def _tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64), requires_grad=grad)


def forward_oracle(X, K, b, stride=1, padding=0):
    """Y from torch.nn.functional.conv2d, with a stride and zero padding."""
    bias = torch.tensor([float(b)], dtype=torch.float64)
    return F.conv2d(_tensor(X)[None, None], _tensor(K)[None, None], bias, stride=stride, padding=padding)[0, 0].numpy()


def conv_oracle(X, K, b, dL_dY):
    """Y, dL/dX, dL/dK, dL/db for a one-channel layer, from torch.nn.functional.conv2d and autograd."""
    x, k = _tensor(X, True), _tensor(K, True)
    bias = torch.tensor([float(b)], dtype=torch.float64, requires_grad=True)
    y = F.conv2d(x[None, None], k[None, None], bias)[0, 0]
    y.backward(_tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy(), k.grad.numpy(), bias.grad.item()


def channels_oracle(X, W, b):
    """Y (F, H_out, W_out) for one image X (C, H, W), filters W (F, C, kH, kW) and biases b (F,)."""
    return F.conv2d(_tensor(X)[None], _tensor(W), _tensor(b))[0].numpy()


def pool_oracle(kind, X, window, stride, dL_dY):
    """Y and dL/dX of one channel, from torch.nn.functional.max_pool2d or avg_pool2d and autograd."""
    pool = {"max": F.max_pool2d, "average": F.avg_pool2d}[kind]
    x = _tensor(X, True)
    y = pool(x[None, None], window, stride)[0, 0]
    y.backward(_tensor(dL_dY))
    return y.detach().numpy(), x.grad.numpy()


def max_positions(X, window, stride):
    """{(i, j): (p, q)}: where PyTorch finds each window's maximum (max_pool2d's indices)."""
    _, indices = F.max_pool2d(_tensor(X)[None, None], window, stride, return_indices=True)
    W = np.shape(X)[1]
    return {(i, j): divmod(int(flat), W) for (i, j), flat in np.ndenumerate(indices[0, 0].numpy())}
