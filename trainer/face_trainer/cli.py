# Owns the command line: the dataset, the output folder, and the training configuration as the
# studio's config JSON (the Train screen's copy, or an exported model's metadata.json) and/or
# flags, each flag overriding one setting of the JSON or of the studio's defaults.
from __future__ import annotations

import argparse
import dataclasses

from .config import (FROM_SCRATCH_BACKBONES, HEADS, OPTIMIZERS, TrainConfig, check_config,
                     read_config_file)

# Flag → config field (dotted for augment). Defaults are None: only given flags override.
SETTING_FLAGS: dict[str, tuple[str, type, str]] = {
    '--backbone': ('backbone', str, 'resnet18 or mobilefacenet'),
    '--width-multiplier': ('width_multiplier', float, 'channel width factor (1 = published)'),
    '--input-size': ('input_size', int, 'network input side S: 32, 64, 112 or 128'),
    '--embedding-dim': ('embedding_dim', int, 'embedding size D'),
    '--head': ('head', str, 'arcface or softmax'),
    '--scale': ('scale', float, 'ArcFace scale s'),
    '--margin': ('margin', float, 'ArcFace additive angular margin m, radians'),
    '--label-smoothing': ('label_smoothing', float, 'cross-entropy label smoothing'),
    '--optimizer': ('optimizer', str, 'sgd (with momentum) or adam (decoupled decay)'),
    '--lr': ('learning_rate', float, 'peak learning rate'),
    '--momentum': ('momentum', float, 'SGD momentum'),
    '--weight-decay': ('weight_decay', float, 'decoupled weight decay on kernels'),
    '--warmup-epochs': ('warmup_epochs', int, 'epochs of linear warm-up before the cosine'),
    '--epochs': ('epochs', int, 'epochs'),
    '--batch-size': ('batch_size', int, 'images per step over all processes together'),
    '--brightness': ('augment.brightness', float, 'brightness jitter ±b'),
    '--contrast': ('augment.contrast', float, 'contrast jitter ±c'),
    '--seed': ('seed', int, 'seed for initialisation, order and augmentation'),
}
CHOICES = {'--backbone': FROM_SCRATCH_BACKBONES + ('face-api-frozen', 'face-api-finetune'),
           '--head': HEADS, '--optimizer': OPTIMIZERS}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog='train.py',
        description='Train a Face Studio from-scratch network on a dataset zip exported by the '
                    'studio, on one process or many (torchrun), and export ONNX + metadata.json.')
    parser.add_argument('--data', required=True, help="the studio's dataset zip")
    parser.add_argument('--out', required=True, help='folder for the model and the log')
    parser.add_argument('--config', help="the Train screen's config JSON, or a model's "
                                         'metadata.json (its "config"); flags override it')
    settings = parser.add_argument_group('settings (override --config or the studio defaults)')
    for flag, (_, kind, help_text) in SETTING_FLAGS.items():
        settings.add_argument(flag, type=kind, default=None, help=help_text,
                              choices=CHOICES.get(flag))
    settings.add_argument('--flip', action=argparse.BooleanOptionalAction, default=None,
                          help='random horizontal flip')
    parser.add_argument('--threads', type=int, default=None,
                        help='CPU threads per process (default: the cores shared out)')
    parser.add_argument('--debug-dump-weights', metavar='DIR', default=None,
                        help='diagnostic: every process writes its parameters before and after '
                             'its first step to DIR/rank<r>-step<s>.pt (DDP keeps them equal)')
    return parser


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    config = read_config_file(args.config) if args.config else TrainConfig()
    for flag, (name, _, _) in SETTING_FLAGS.items():
        value = getattr(args, flag[2:].replace('-', '_'))
        if value is None:
            continue
        if name.startswith('augment.'):
            config.augment = dataclasses.replace(config.augment, **{name[8:]: value})
        else:
            setattr(config, name, value)
    if args.flip is not None:
        config.augment = dataclasses.replace(config.augment, flip=args.flip)
    check_config(config)
    return config
