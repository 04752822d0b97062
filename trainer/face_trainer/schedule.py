# Owns the learning-rate schedule, a pure function of the step that mirrors the studio's
# src/ml/lr-schedule.ts: a linear warm-up, then cosine annealing from the base rate to 1e-6.
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    base_lr: float
    warmup_steps: int
    total_steps: int
    min_lr: float = 1e-6


def learning_rate_at(step: int, s: Schedule) -> float:
    """
    Warm-up (steps 0 … warmup − 1): base · (step + 1) / (warmup + 1), reaching the peak at step
    `warmup`; then the cosine from base to min_lr, the last step (total − 1) at min_lr.
    """
    if step < s.warmup_steps:
        return s.base_lr * (step + 1) / (s.warmup_steps + 1)
    last = s.total_steps - 1
    if step >= last:
        # A run whose warm-up fills it never anneals; its final step would otherwise read min_lr.
        return s.base_lr if last <= s.warmup_steps and step == s.warmup_steps else s.min_lr
    progress = (step - s.warmup_steps) / (last - s.warmup_steps)
    return s.min_lr + 0.5 * (s.base_lr - s.min_lr) * (1 + math.cos(math.pi * progress))
