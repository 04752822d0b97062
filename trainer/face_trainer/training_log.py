# Owns the training log as files, in the studio's shapes (src/transfer/training-log.ts): per-epoch
# and per-step CSV tables with the studio's column names, and one JSON document with the run's
# settings and both. Rewritten after every epoch, so a run that stops keeps its log.
from __future__ import annotations

import csv
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

from .config import TrainConfig, config_to_json
from .loop import EpochMetrics, StepPoint
from .metadata import APP_VERSION

EPOCH_COLUMNS = ('epoch', 'train_loss', 'train_accuracy', 'val_loss', 'val_accuracy',
                 'learning_rate', 'images_per_second', 'seconds')
STEP_COLUMNS = ('step', 'epoch', 'loss', 'accuracy', 'learning_rate')


def _finite_or_none(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _camel(name: str) -> str:
    head, *rest = name.split('_')
    return head + ''.join(part.capitalize() for part in rest)


@dataclass
class TrainingLog:
    run_id: str
    created_at: str
    backend: str
    processes: int
    config: TrainConfig
    identities: list[str]
    train_images: int
    val_images: int
    epochs: list[EpochMetrics] = field(default_factory=list)
    steps: list[StepPoint] = field(default_factory=list)
    status: str = 'running'

    def as_json(self) -> dict[str, Any]:
        def rows(items: list[Any], columns: tuple[str, ...]) -> list[dict[str, Any]]:
            return [{_camel(c): _finite_or_none(getattr(item, c)) for c in columns}
                    for item in items]

        return {
            'format': 'face-studio-training-log',
            'version': 1,
            'appVersion': APP_VERSION,
            'runId': self.run_id,
            'createdAt': self.created_at,
            'status': self.status,
            'backend': self.backend,
            'processes': self.processes,
            'config': config_to_json(self.config),
            'identities': self.identities,
            'trainImages': self.train_images,
            'valImages': self.val_images,
            'epochs': rows(self.epochs, EPOCH_COLUMNS),
            'steps': rows(self.steps, STEP_COLUMNS),
        }

    def write(self, folder: str) -> None:
        with open(os.path.join(folder, 'training-log.json'), 'w', encoding='utf-8') as handle:
            json.dump(self.as_json(), handle, indent=2, ensure_ascii=False)
        for name, items, columns in (('training-log-epochs.csv', self.epochs, EPOCH_COLUMNS),
                                     ('training-log-steps.csv', self.steps, STEP_COLUMNS)):
            with open(os.path.join(folder, name), 'w', newline='', encoding='utf-8') as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                for item in items:
                    values = (_finite_or_none(getattr(item, c)) for c in columns)
                    writer.writerow(['' if v is None else v for v in values])
