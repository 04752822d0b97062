#!/usr/bin/env python3
# Owns the trainer's entry point: parse the configuration, join the process group (torchrun),
# read the studio's dataset zip with its own split, train with DistributedDataParallel, log every
# epoch, and (main process only) export model.onnx + metadata.json. See README, "When a tab is
# not enough".
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone

import torch
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler

from face_trainer import distributed
from face_trainer.backbones import build_backbone
from face_trainer.cli import build_parser, config_from_args
from face_trainer.config import ConfigError, TrainConfig
from face_trainer.dataset_zip import (Dataset, DatasetError, decode_samples, labels_of,
                                     read_dataset_zip)
from face_trainer.export import export_run
from face_trainer.heads import build_head
from face_trainer.loop import (Classifier, EpochMetrics, Run, steps_per_epoch_of, train_epoch,
                               validate)
from face_trainer.optim import StudioOptimizer
from face_trainer.schedule import Schedule, learning_rate_at
from face_trainer.training_log import TrainingLog


def batch_per_process(config: TrainConfig, processes: int) -> int:
    """config.batchSize is the batch of one step over all processes, as one tab's step."""
    if config.batch_size % processes or config.batch_size // processes < 2:
        raise ConfigError(
            f'batchSize {config.batch_size} must be a multiple of the {processes} processes, '
            'with at least 2 images each (BatchNorm needs two); choose e.g. '
            f'--batch-size {max(2, round(config.batch_size / processes)) * processes}.')
    return config.batch_size // processes


def build_run(config: TrainConfig, dataset: Dataset, world: distributed.World) -> Run:
    torch.manual_seed(config.seed)  # the same initial weights in every process
    classifier = Classifier(build_backbone(config),
                            build_head(config, len(dataset.identities))).to(world.device)
    model = classifier
    if world.distributed:
        ids = [world.local_rank] if world.device.type == 'cuda' else None
        model = DistributedDataParallel(classifier, device_ids=ids)
    train_count = len(dataset.parts['train'])
    sampler = DistributedSampler(range(train_count), num_replicas=world.size, rank=world.rank,
                                 shuffle=True, seed=config.seed)
    per_process = batch_per_process(config, world.size)
    steps = steps_per_epoch_of(len(sampler), per_process)
    schedule = Schedule(config.learning_rate, config.warmup_epochs * steps, config.epochs * steps)
    return Run(config, world, model, classifier, StudioOptimizer(config, [classifier]), schedule,
               sampler, per_process, steps)


def weight_dumper(folder: str, run: Run) -> Callable[[int, list[int]], None]:
    """--debug-dump-weights: parameters before and after the first step, per process."""
    os.makedirs(folder, exist_ok=True)

    def dump(step: int, indices: list[int] | None) -> None:
        state = {name: p.detach().cpu().clone()
                 for name, p in run.classifier.named_parameters()}
        torch.save({'parameters': state, 'indices': indices},
                   os.path.join(folder, f'rank{run.world.rank}-step{step}.pt'))

    dump(0, None)
    return lambda step, indices: dump(step + 1, indices) if step == 0 else None


def describe_start(dataset: Dataset, config: TrainConfig, run: Run, backend: str) -> str:
    parts = {part: len(samples) for part, samples in dataset.parts.items()}
    dropped = f'; left out (no train image): {", ".join(dataset.dropped)}' \
        if dataset.dropped else ''
    return (f'{len(dataset.identities)} people, {parts["train"]} train / {parts["val"]} val / '
            f'{parts["test"]} test images{dropped}\n'
            f'{config.backbone} ×{config.width_multiplier} at {config.input_size}px, '
            f'{run.world.size} process(es) on {backend}, {run.batch_per_process} images each per '
            f'step, {run.steps_per_epoch} steps per epoch')


def train_epochs(run: Run, log: TrainingLog, pixels: dict[str, torch.Tensor],
                 labels: dict[str, torch.Tensor], out: str,
                 on_step: Callable[[int, list[int]], None] | None) -> None:
    """Every epoch; the main process validates, logs and rewrites the log files after each."""
    config, world = run.config, run.world
    for epoch in range(config.epochs):
        started = time.perf_counter()
        points, loss, accuracy, seen, train_seconds = train_epoch(
            run, epoch, pixels['train'], labels['train'], on_step)
        if world.is_main:
            val_loss, val_accuracy = validate(run.classifier, pixels['val'], labels['val'],
                                              config, world.device)
            metrics = EpochMetrics(
                epoch + 1, loss, accuracy, val_loss, val_accuracy,
                learning_rate_at((epoch + 1) * run.steps_per_epoch - 1, run.schedule),
                seen / max(train_seconds, 1e-9), time.perf_counter() - started)
            log.epochs.append(metrics)
            log.steps.extend(points)
            log.write(out)
            print(f'epoch {epoch + 1}/{config.epochs}  loss {loss:.4f}  train acc {accuracy:.3f}  '
                  f'val loss {val_loss:.4f}  val acc {val_accuracy:.3f}  '
                  f'lr {metrics.learning_rate:.2e}  {metrics.images_per_second:.1f} img/s  '
                  f'{metrics.seconds:.1f} s', flush=True)
        distributed.wait_for_all(world)


def train(args: argparse.Namespace, config: TrainConfig, dataset: Dataset,
          world: distributed.World) -> None:
    started = datetime.now(timezone.utc)
    run_id = f'trainer-{started.strftime("%Y%m%d-%H%M%S")}'
    pixels = {part: decode_samples(args.data, dataset.parts[part], config.input_size)
              for part in ('train', 'val')}
    labels = {part: labels_of(dataset.parts[part]) for part in ('train', 'val')}
    run = build_run(config, dataset, world)
    on_step = weight_dumper(args.debug_dump_weights, run) if args.debug_dump_weights else None
    backend = f'pytorch-{world.device.type}'
    log = TrainingLog(run_id, started.isoformat(timespec='seconds'), backend, world.size, config,
                      dataset.identities, len(labels['train']), len(labels['val']))
    if world.is_main:
        os.makedirs(args.out, exist_ok=True)
        print(describe_start(dataset, config, run, backend), flush=True)
    train_epochs(run, log, pixels, labels, args.out, on_step)
    if world.is_main:
        log.status = 'completed'
        log.write(args.out)
        metadata = export_run(run.classifier, dataset, args.data, config, run_id, log.epochs,
                              pixels, args.out, world.device)
        evaluation = metadata['metrics']['evaluation']
        summary = '' if evaluation is None else (
            f"; test top-1 {evaluation['top1']:.3f}, AUC {evaluation['auc']:.3f}")
        print(f'wrote {args.out}/model.onnx, metadata.json, model.pt and the training log '
              f"(threshold {metadata['threshold']}{summary})", flush=True)
    # The other processes do not wait for the export (however long it takes, no collective
    # timeout can stop it): they are done, and torchrun waits for every process to finish.


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
        dataset = read_dataset_zip(args.data)
        batch_per_process(config, int(os.environ.get('WORLD_SIZE', '1')))
    except (ConfigError, DatasetError) as error:
        print(f'train.py: {error}', file=sys.stderr)
        return 2
    world = distributed.start(args.threads)
    try:
        train(args, config, dataset, world)
    except DatasetError as error:
        print(f'train.py: {error}', file=sys.stderr)
        return 2
    except FloatingPointError as error:
        print(f'train.py: {error} Try a lower learning rate or a smaller ArcFace scale.',
              file=sys.stderr)
        return 1
    finally:
        distributed.stop(world)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
