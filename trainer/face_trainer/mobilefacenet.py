# Owns the MobileFaceNet backbone (Chen et al., 2018), mirroring the studio's
# src/ml/backbones/mobilefacenet.ts: depthwise-separable inverted bottlenecks with PReLU and a
# global depthwise convolution instead of average pooling. Input [B, 3, S, S] in [-1, 1], output
# the raw (not normalised) embedding [B, D].
from __future__ import annotations

import torch
from torch import nn

from .layers import EmbeddingHead, SameConv2d, batch_norm_2d, prelu, scaled_channels

# [expansion t, output channels c, repeats n, first stride s], the paper's table 1.
BOTTLENECKS = ((2, 64, 5, 2), (4, 128, 1, 2), (2, 128, 6, 1), (4, 128, 1, 2), (2, 128, 2, 1))


class Bottleneck(nn.Module):
    """1×1 expand → BN → PReLU → depthwise 3×3 → BN → PReLU → 1×1 project → BN, + input."""

    def __init__(self, in_channels: int, expansion: int, channels: int, stride: int,
                 size: int) -> None:
        super().__init__()
        hidden = in_channels * expansion
        self.expand = SameConv2d(in_channels, hidden, 1, 1, size)
        self.expand_bn = batch_norm_2d(hidden)
        self.expand_prelu = prelu(hidden)
        self.dw = SameConv2d(hidden, hidden, 3, stride, size, depthwise=True)
        self.dw_bn = batch_norm_2d(hidden)
        self.dw_prelu = prelu(hidden)
        self.project = SameConv2d(hidden, channels, 1, 1, self.dw.out_size)
        # No activation after the projection: the linear bottleneck.
        self.project_bn = batch_norm_2d(channels)
        self.residual = stride == 1 and in_channels == channels
        self.out_size = self.dw.out_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.expand_prelu(self.expand_bn(self.expand(x)))
        y = self.dw_prelu(self.dw_bn(self.dw(y)))
        y = self.project_bn(self.project(y))
        return x + y if self.residual else y


class MobileFaceNet(nn.Module):
    def __init__(self, input_size: int, width_multiplier: float, embedding_dim: int) -> None:
        super().__init__()

        def width(c: int) -> int:
            return scaled_channels(c, width_multiplier)

        stem = width(64)
        self.stem_conv = SameConv2d(3, stem, 3, 2, input_size)  # [B, 64w, S/2, S/2]
        self.stem_bn = batch_norm_2d(stem)
        self.stem_prelu = prelu(stem)
        self.stem_dw = SameConv2d(stem, stem, 3, 1, self.stem_conv.out_size, depthwise=True)
        self.stem_dw_bn = batch_norm_2d(stem)
        self.stem_dw_prelu = prelu(stem)
        size, channels = self.stem_dw.out_size, stem
        # Named as the studio's layers (bneck1_0 … bneck5_1), so weights map one to one.
        self.block_names: list[str] = []
        for group, (expansion, out_channels, repeats, first_stride) in enumerate(BOTTLENECKS):
            for i in range(repeats):
                stride = first_stride if i == 0 else 1
                block = Bottleneck(channels, expansion, width(out_channels), stride, size)
                self.block_names.append(f'bneck{group + 1}_{i}')
                self.add_module(self.block_names[-1], block)
                size, channels = block.out_size, width(out_channels)
        # After the blocks: [B, 128w, S/16, S/16].
        wide = width(512)
        self.expand_conv = SameConv2d(channels, wide, 1, 1, size)
        self.expand_bn = batch_norm_2d(wide)
        self.expand_prelu = prelu(wide)  # [B, 512w, S/16, S/16]
        # Global depthwise convolution: a learned spatial weighting per channel, because the
        # centre of an aligned face matters more than its corners.
        self.gdc = SameConv2d(wide, wide, size, 1, size, depthwise=True, padding='valid')
        self.gdc_bn = batch_norm_2d(wide)  # [B, 512w, 1, 1]
        self.embedding = EmbeddingHead(wide, embedding_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem_prelu(self.stem_bn(self.stem_conv(x)))
        x = self.stem_dw_prelu(self.stem_dw_bn(self.stem_dw(x)))
        for name in self.block_names:
            x = getattr(self, name)(x)
        x = self.expand_prelu(self.expand_bn(self.expand_conv(x)))
        x = self.gdc_bn(self.gdc(x))
        return self.embedding(torch.flatten(x, 1))  # [B, D]
