# Owns the small builders the backbones share, mirroring the studio's layer-helpers.ts: TF-style
# "same" padding (asymmetric where TF pads more at the bottom/right), bias-free convolutions with
# TF.js's He-normal initialisation, BatchNorm with PyTorch's defaults, PReLU, the width rounding
# of the width multiplier, and the Linear + BatchNorm embedding head.
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def scaled_channels(channels: int, width_multiplier: float) -> int:
    """Channels after the width multiplier, rounded to a multiple of 4 (at least 4)."""
    return max(4, round(channels * width_multiplier / 4) * 4)


def same_padding(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """TF's "same": output ceil(size / stride), any odd padding pixel goes after (bottom/right)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def out_size(size: int, stride: int) -> int:
    return -(-size // stride)


def he_normal_(weight: torch.Tensor, fan_in: int) -> None:
    """TF.js heNormal: a normal truncated at two standard deviations, std sqrt(2 / fan_in)."""
    std = math.sqrt(2.0 / fan_in)
    nn.init.trunc_normal_(weight, 0.0, std, -2 * std, 2 * std)


class SameConv2d(nn.Conv2d):
    """
    A bias-free convolution (a BatchNorm follows every one) with TF-style padding for a known
    input side, so a config builds the same network as the studio's tf.layers.conv2d.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel: int, stride: int,
                 size: int, depthwise: bool = False, padding: str = 'same') -> None:
        before, after = same_padding(size, kernel, stride) if padding == 'same' else (0, 0)
        super().__init__(in_channels, out_channels, kernel, stride,
                         padding=before if before == after else 0, bias=False,
                         groups=in_channels if depthwise else 1)
        self.extra_pad = (before, after, before, after) if before != after else None
        self.out_size = out_size(size, stride) if padding == 'same' else size - kernel + 1
        # TF.js computes a depthwise kernel's fan-in as channels × k × k (its kernel is
        # [k, k, C, 1]), as for a full convolution; kept, so both start as in the studio.
        he_normal_(self.weight, in_channels * kernel * kernel)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.extra_pad is not None:
            x = F.pad(x, self.extra_pad)
        return super().forward(x)


class SameMaxPool2d(nn.Module):
    """TF's max pool with "same" padding: padded cells never win (they are -inf)."""

    def __init__(self, kernel: int, stride: int, size: int) -> None:
        super().__init__()
        before, after = same_padding(size, kernel, stride)
        self.pad = (before, after, before, after) if before != after else None
        self.pool = nn.MaxPool2d(kernel, stride, padding=before if self.pad is None else 0)
        self.out_size = out_size(size, stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pad is not None:
            x = F.pad(x, self.pad, value=float('-inf'))
        return self.pool(x)


def batch_norm_2d(channels: int) -> nn.BatchNorm2d:
    # The studio's BatchNorm is set to PyTorch's defaults (momentum 0.1 here = 0.9 in TF.js).
    return nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)


def prelu(channels: int) -> nn.PReLU:
    """One slope per channel, initialised to 0.25 as in the studio."""
    return nn.PReLU(channels, init=0.25)


class EmbeddingHead(nn.Module):
    """Linear (no bias: BatchNorm's beta makes it redundant) then BatchNorm1d: [B, C] → [B, D]."""

    def __init__(self, in_features: int, embedding_dim: int) -> None:
        super().__init__()
        self.dense = nn.Linear(in_features, embedding_dim, bias=False)
        nn.init.xavier_uniform_(self.dense.weight)  # TF.js glorotUniform
        self.bn = nn.BatchNorm1d(embedding_dim, eps=1e-5, momentum=0.1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.bn(self.dense(x))
