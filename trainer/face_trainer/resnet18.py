# Owns the ResNet-18 backbone, mirroring the studio's src/ml/backbones/resnet18.ts: torchvision's
# ResNet-18 body without its classifier (BasicBlocks 2-2-2-2) with TF-style "same" padding, global
# average pooling, then Linear → embedding and BatchNorm. Input [B, 3, S, S] in [-1, 1], output
# the raw (not normalised) embedding [B, D].
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .layers import EmbeddingHead, SameConv2d, SameMaxPool2d, batch_norm_2d, scaled_channels

STAGE_CHANNELS = (64, 128, 256, 512)
BLOCKS_PER_STAGE = 2


class BasicBlock(nn.Module):
    """conv3×3(stride) → BN → ReLU → conv3×3 → BN, plus the (projected) input, then ReLU."""

    def __init__(self, in_channels: int, channels: int, stride: int, size: int) -> None:
        super().__init__()
        self.conv1 = SameConv2d(in_channels, channels, 3, stride, size)
        self.bn1 = batch_norm_2d(channels)
        self.conv2 = SameConv2d(channels, channels, 3, 1, self.conv1.out_size)
        self.bn2 = batch_norm_2d(channels)
        self.projects = stride != 1 or in_channels != channels
        if self.projects:
            self.down_conv = SameConv2d(in_channels, channels, 1, stride, size)
            self.down_bn = batch_norm_2d(channels)
        self.out_size = self.conv1.out_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = self.down_bn(self.down_conv(x)) if self.projects else x
        return F.relu(y + shortcut)


class ResNet18(nn.Module):
    def __init__(self, input_size: int, width_multiplier: float, embedding_dim: int) -> None:
        super().__init__()
        stem = scaled_channels(STAGE_CHANNELS[0], width_multiplier)
        # 7×7 stride 2 then 3×3 max-pool stride 2: stages run at S/4 … S/32.
        self.stem_conv = SameConv2d(3, stem, 7, 2, input_size)  # [B, C0, S/2, S/2]
        self.stem_bn = batch_norm_2d(stem)
        self.stem_pool = SameMaxPool2d(3, 2, self.stem_conv.out_size)  # [B, C0, S/4, S/4]
        size, channels = self.stem_pool.out_size, stem
        # Named as the studio's layers (layer1_0 … layer4_1), so weights map one to one.
        self.block_names: list[str] = []
        for stage, stage_channels in enumerate(STAGE_CHANNELS):
            filters = scaled_channels(stage_channels, width_multiplier)
            for index in range(BLOCKS_PER_STAGE):
                stride = 2 if stage > 0 and index == 0 else 1
                block = BasicBlock(channels, filters, stride, size)
                self.block_names.append(f'layer{stage + 1}_{index}')
                self.add_module(self.block_names[-1], block)
                size, channels = block.out_size, filters
        # After the blocks: [B, C3, S/32, S/32].
        self.embedding = EmbeddingHead(channels, embedding_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.stem_bn(self.stem_conv(x)))
        x = self.stem_pool(x)
        for name in self.block_names:
            x = getattr(self, name)(x)
        x = torch.mean(x, dim=(2, 3))  # global average pooling: [B, C3]
        return self.embedding(x)  # [B, D]
