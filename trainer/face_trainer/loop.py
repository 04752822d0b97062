# Owns the epoch loop, as the studio's src/runs/epoch-loop.ts: per epoch a shuffled order (each
# process its share, DistributedSampler), augmented train steps at the schedule's learning rate,
# loss and accuracy summed over every process, then a validation pass without augmentation.
from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn
from torch.utils.data.distributed import DistributedSampler

from .augment import (augment_batch, derive_seed, draw_augmentations, normalize,
                      to_network_input)
from .config import TrainConfig
from .distributed import World, sum_over_processes
from .heads import classification_loss
from .optim import StudioOptimizer
from .schedule import Schedule, learning_rate_at


class Classifier(nn.Module):
    """The backbone (what is exported) and the head (what only training needs), as one module
    so that DistributedDataParallel averages the gradients of both."""

    def __init__(self, backbone: nn.Module, head: nn.Module) -> None:
        super().__init__()
        self.backbone, self.head = backbone, head

    def forward(self, images: torch.Tensor,
                labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.head(self.backbone(images), labels)


@dataclass
class StepPoint:
    step: int
    epoch: int
    loss: float
    accuracy: float
    learning_rate: float


@dataclass
class EpochMetrics:
    epoch: int  # 1-based, as the studio's
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    learning_rate: float
    images_per_second: float  # training images (all processes) per second of training steps
    seconds: float  # the whole epoch, validation included


@dataclass
class Run:
    config: TrainConfig
    world: World
    model: nn.Module  # the Classifier, wrapped in DistributedDataParallel when distributed
    classifier: Classifier  # the same, unwrapped
    optimizer: StudioOptimizer
    schedule: Schedule
    sampler: DistributedSampler
    batch_per_process: int
    steps_per_epoch: int


def steps_per_epoch_of(samples_per_process: int, batch_per_process: int) -> int:
    return max(1, math.ceil(samples_per_process / batch_per_process))


def train_epoch(run: Run, epoch: int, pixels: torch.Tensor, labels: torch.Tensor,
                on_step: Callable[[int, list[int]], None] | None = None
                ) -> tuple[list[StepPoint], float, float, int, float]:
    """One epoch's steps; returns the step points and (loss, accuracy, images, seconds)."""
    config, world = run.config, run.world
    run.model.train()
    run.sampler.set_epoch(epoch)
    order = list(run.sampler)
    points: list[StepPoint] = []
    loss_sum = correct_sum = seen = 0.0
    started = time.perf_counter()
    for b in range(run.steps_per_epoch):
        step = epoch * run.steps_per_epoch + b
        indices = order[b * run.batch_per_process:(b + 1) * run.batch_per_process]
        # BatchNorm cannot train on one image; every process has the same count, so all skip.
        if len(indices) < 2:
            continue
        rate = learning_rate_at(step, run.schedule)
        generator = torch.Generator().manual_seed(derive_seed(config.seed, step, world.rank))
        images = to_network_input(pixels[indices]).to(world.device)  # [b, 3, S, S] 0..255
        draws = draw_augmentations(len(indices), generator)
        x = augment_batch(images, config.augment, draws)  # [b, 3, S, S] in [-1, 1]
        y = labels[indices].to(world.device)
        logits, predictions = run.model(x, y)
        loss = classification_loss(logits, y, config.label_smoothing)
        run.optimizer.zero_grad()
        loss.backward()
        run.optimizer.step(rate)
        correct = (predictions.argmax(1) == y).sum().item()
        total_loss, total_correct, count = sum_over_processes(
            [loss.item() * len(indices), correct, len(indices)], world)
        if on_step is not None:
            on_step(step, indices)
        if not math.isfinite(total_loss):
            raise FloatingPointError(f'diverged: the loss became {total_loss} at step {step + 1}.')
        points.append(StepPoint(step, epoch, total_loss / count, total_correct / count, rate))
        loss_sum += total_loss
        correct_sum += total_correct
        seen += count
    seconds = time.perf_counter() - started
    return points, loss_sum / max(1, seen), correct_sum / max(1, seen), int(seen), seconds


@torch.no_grad()
def validate(classifier: Classifier, pixels: torch.Tensor, labels: torch.Tensor,
             config: TrainConfig, device: torch.device) -> tuple[float, float]:
    """Mean loss (with the margin, as the studio) and top-1 accuracy; NaN for an empty set."""
    classifier.eval()
    count = len(labels)
    loss_sum = correct = 0.0
    for start in range(0, count, config.batch_size):
        x = normalize(to_network_input(pixels[start:start + config.batch_size])).to(device)
        y = labels[start:start + config.batch_size].to(device)
        logits, predictions = classifier(x, y)
        loss_sum += classification_loss(logits, y, config.label_smoothing).item() * len(y)
        correct += (predictions.argmax(1) == y).sum().item()
    if count == 0:
        return math.nan, math.nan
    return loss_sum / count, correct / count


@torch.no_grad()
def embed(backbone: nn.Module, pixels: torch.Tensor, batch_size: int,
          device: torch.device) -> torch.Tensor:
    """Raw embeddings [N, D] (BatchNorm in inference mode), on the CPU."""
    backbone.eval()
    out = [backbone(normalize(to_network_input(pixels[i:i + batch_size])).to(device)).cpu()
           for i in range(0, len(pixels), batch_size)]
    return torch.cat(out) if out else torch.empty((0, 0))
