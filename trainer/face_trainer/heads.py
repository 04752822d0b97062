# Owns the classification heads and the loss, mirroring the studio's src/ml/heads and losses.ts:
# ArcFace with the correct logits (s·cos(θ + m) for the true class, s·cos θ for every other class,
# cos θ − m·sin m where θ + m > π; DESIGN.md section 3), a plain softmax head, and cross-entropy
# with label smoothing. The heads train with the backbone and are not exported.
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .config import TrainConfig

# Keeps sin θ = sqrt(1 − cos²θ) away from 0, where its derivative is infinite (as the studio).
SIN_SQUARED_FLOOR = 1e-6


def l2_normalize(x: torch.Tensor, dim: int) -> torch.Tensor:
    """x / ‖x‖, the squared norm floored at 1e-12 as the studio's l2Normalize."""
    return x * torch.rsqrt(torch.clamp(torch.sum(x * x, dim=dim, keepdim=True), min=1e-12))


def arcface_logits(embeddings: torch.Tensor, weight: torch.Tensor, labels: torch.Tensor,
                   scale: float, margin: float) -> tuple[torch.Tensor, torch.Tensor]:
    """
    embeddings [B, D], weight [K, D] (one row per class), labels [B] → (logits for the loss,
    logits to predict from: s·cos θ without the margin), both [B, K].
    """
    cos = l2_normalize(embeddings, 1) @ l2_normalize(weight, 1).t()  # [B, K]
    sin = torch.sqrt(torch.clamp(1 - cos * cos, SIN_SQUARED_FLOOR, 1))
    cos_plus_margin = cos * math.cos(margin) - sin * math.sin(margin)
    fallback = cos - margin * math.sin(margin)
    # θ + m < π exactly when cos θ > cos(π − m).
    target = torch.where(cos > math.cos(math.pi - margin), cos_plus_margin, fallback)
    one_hot = F.one_hot(labels, cos.shape[1]).to(cos.dtype)
    with_margin = cos + one_hot * (target - cos)  # the margin on the true class only
    return with_margin * scale, cos * scale


def _glorot_limit(embedding_dim: int, num_classes: int) -> float:
    return math.sqrt(6 / (embedding_dim + num_classes))


class ArcFaceHead(nn.Module):
    def __init__(self, embedding_dim: int, num_classes: int, scale: float, margin: float) -> None:
        super().__init__()
        limit = _glorot_limit(embedding_dim, num_classes)
        self.weight = nn.Parameter(torch.empty(num_classes, embedding_dim).uniform_(-limit, limit))
        self.scale, self.margin = scale, margin

    def forward(self, embeddings: torch.Tensor,
                labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return arcface_logits(embeddings, self.weight, labels, self.scale, self.margin)


class SoftmaxHead(nn.Module):
    """A linear classifier (x·W + b), the baseline to ArcFace; its logits are its predictions."""

    def __init__(self, embedding_dim: int, num_classes: int) -> None:
        super().__init__()
        limit = _glorot_limit(embedding_dim, num_classes)
        self.weight = nn.Parameter(torch.empty(num_classes, embedding_dim).uniform_(-limit, limit))
        self.bias = nn.Parameter(torch.zeros(num_classes))

    def forward(self, embeddings: torch.Tensor,
                labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        logits = F.linear(embeddings, self.weight, self.bias)
        return logits, logits


def build_head(config: TrainConfig, num_classes: int) -> nn.Module:
    if config.head == 'arcface':
        return ArcFaceHead(config.embedding_dim, num_classes, config.scale, config.margin)
    return SoftmaxHead(config.embedding_dim, num_classes)


def classification_loss(logits: torch.Tensor, labels: torch.Tensor,
                        label_smoothing: float) -> torch.Tensor:
    """Mean −Σ q·log softmax(z), q = (1 − ε)·onehot + ε/K: the studio's softmaxCrossEntropy."""
    return F.cross_entropy(logits, labels, label_smoothing=label_smoothing)
