# Checks that the trainer reads the studio's configuration as the studio does: the Train screen's
# JSON and the `config` of an exported model's metadata.json, flags on top, every reason a
# setting cannot be trained, and a clear refusal of the pretrained-encoder backbones.
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TINY_CONFIG, TRAINER

from face_trainer.cli import build_parser, config_from_args
from face_trainer.config import ConfigError, TrainConfig, config_from_json, config_to_json
from train import batch_per_process


def parse(*argv: str) -> TrainConfig:
    return config_from_args(build_parser().parse_args(['--data', 'd.zip', '--out', 'o', *argv]))


def test_the_train_screen_json_and_a_models_metadata_give_the_same_config(tmp_path: Path) -> None:
    screen = tmp_path / 'config.json'
    screen.write_text(json.dumps(TINY_CONFIG))
    metadata = tmp_path / 'metadata.json'
    metadata.write_text(json.dumps({'format': 'face-studio-model', 'version': 1,
                                    'config': TINY_CONFIG}))
    assert config_to_json(parse('--config', str(screen))) == TINY_CONFIG
    assert config_to_json(parse('--config', str(metadata))) == TINY_CONFIG


def test_flags_override_single_settings(tmp_path: Path) -> None:
    screen = tmp_path / 'config.json'
    screen.write_text(json.dumps(TINY_CONFIG))
    config = parse('--config', str(screen), '--backbone', 'mobilefacenet', '--lr', '0.05',
                   '--optimizer', 'sgd', '--no-flip', '--contrast', '0')
    assert (config.backbone, config.learning_rate, config.optimizer) == \
        ('mobilefacenet', 0.05, 'sgd')
    assert (config.augment.flip, config.augment.contrast, config.augment.brightness) == \
        (False, 0, 0.2)
    assert config.input_size == 32  # untouched settings keep the JSON's values
    assert config_to_json(parse()) == config_to_json(TrainConfig())


def test_missing_unknown_and_invalid_settings_are_refused_with_reasons() -> None:
    broken = {k: v for k, v in TINY_CONFIG.items() if k != 'seed'}
    broken['learningrate'] = 0.1
    with pytest.raises(ConfigError, match=r'Unknown setting\(s\): learningrate.*Missing '
                                          r'setting\(s\): seed'):
        config_from_json(broken)
    with pytest.raises(ConfigError, match='inputSize must be one of 32, 64, 112, 128 '
                                          r'\(got 96\).*margin must be'):
        config_from_json({**TINY_CONFIG, 'inputSize': 96, 'margin': 2})


def test_the_pretrained_encoders_are_refused_with_what_to_do_instead(studio_zip: Path,
                                                                   tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match='face-api-frozen is the studio.s pretrained '
                                          'face-api.js encoder.*choose resnet18 or mobilefacenet'):
        config_from_json({**TINY_CONFIG, 'backbone': 'face-api-frozen'})
    result = subprocess.run([sys.executable, str(TRAINER / 'train.py'), '--data', str(studio_zip),
                             '--out', str(tmp_path), '--backbone', 'face-api-finetune'],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert 'face-api-finetune is the studio' in result.stderr
    assert not any(tmp_path.iterdir())


def test_the_batch_is_shared_out_over_the_processes() -> None:
    config = TrainConfig(batch_size=32)
    assert batch_per_process(config, 1) == 32 and batch_per_process(config, 4) == 8
    with pytest.raises(ConfigError, match='multiple of the 3 processes.*--batch-size 33'):
        batch_per_process(config, 3)
