# Owns the optimisers as the studio's src/ml/optimizer.ts defines them: SGD with momentum
# (PyTorch's v ← μv + g) or Adam (betas 0.9, 0.999, eps 1e-8), both with decoupled weight decay
# w ← w·(1 − lr·λ) on kernels only (not on BatchNorm, biases or PReLU slopes), and the learning
# rate set per step from the schedule.
from __future__ import annotations

from collections.abc import Iterable

import torch
from torch import nn

from .config import TrainConfig


def decays(parameter: torch.Tensor) -> bool:
    """Convolution, dense and head weight matrices decay; 1-d vectors (BN, bias, PReLU) do not."""
    return parameter.dim() >= 2


class StudioOptimizer:
    """A torch optimiser without coupled decay, plus the studio's decoupled decay before it."""

    def __init__(self, config: TrainConfig, modules: Iterable[nn.Module]) -> None:
        params = [p for module in modules for p in module.parameters() if p.requires_grad]
        self.decayed = [p for p in params if decays(p)]
        self.weight_decay = config.weight_decay
        if config.optimizer == 'sgd':
            self.inner: torch.optim.Optimizer = torch.optim.SGD(
                params, lr=config.learning_rate, momentum=config.momentum)
        else:
            self.inner = torch.optim.Adam(params, lr=config.learning_rate, betas=(0.9, 0.999),
                                          eps=1e-8)

    def zero_grad(self) -> None:
        self.inner.zero_grad(set_to_none=True)

    @torch.no_grad()
    def step(self, learning_rate: float) -> None:
        if self.weight_decay > 0:
            for p in self.decayed:
                p.mul_(1 - learning_rate * self.weight_decay)
        for group in self.inner.param_groups:
            group['lr'] = learning_rate
        self.inner.step()
