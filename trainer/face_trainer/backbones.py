# Owns the choice of backbone from a training configuration, as the studio's build-backbone.ts
# does for the from-scratch networks.
from __future__ import annotations

from torch import nn

from .config import TrainConfig
from .mobilefacenet import MobileFaceNet
from .resnet18 import ResNet18


def build_backbone(config: TrainConfig) -> nn.Module:
    """A fresh backbone: input [B, 3, S, S] in [-1, 1], output the raw embedding [B, D]."""
    networks = {'resnet18': ResNet18, 'mobilefacenet': MobileFaceNet}
    network = networks[config.backbone]
    return network(config.input_size, config.width_multiplier, config.embedding_dim)
