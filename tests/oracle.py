"""PyTorch as the independent oracle: conv2d for the forward pass, autograd for the backward."""

import numpy as np
import torch
import torch.nn.functional as F


def forward_oracle(X, K, b, stride=1, padding=0):
    """Y from torch.nn.functional.conv2d, with a stride and zero padding."""
    x = torch.tensor(np.asarray(X, dtype=np.float64))[None, None]
    k = torch.tensor(np.asarray(K, dtype=np.float64))[None, None]
    bias = torch.tensor([float(b)], dtype=torch.float64)
    return F.conv2d(x, k, bias, stride=stride, padding=padding)[0, 0].numpy()


def conv_oracle(X, K, b, dL_dY):
    """Y, dL/dX, dL/dK, dL/db for a one-channel layer, from torch.nn.functional.conv2d and autograd."""
    x = torch.tensor(np.asarray(X, dtype=np.float64), requires_grad=True)
    k = torch.tensor(np.asarray(K, dtype=np.float64), requires_grad=True)
    bias = torch.tensor([float(b)], dtype=torch.float64, requires_grad=True)
    y = F.conv2d(x[None, None], k[None, None], bias)[0, 0]
    y.backward(torch.tensor(np.asarray(dL_dY, dtype=np.float64)))
    return y.detach().numpy(), x.grad.numpy(), k.grad.numpy(), bias.grad.item()
