# Checks that what the trainer mirrors computes what the studio's own TypeScript computes
# (run in Node): the default configuration, the alignment template, the learning-rate schedule,
# derived seeds, ArcFace logits with the smoothed cross-entropy, and the augmentation.
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from conftest import run_node

from face_trainer.augment import augment_batch, derive_seed
from face_trainer.config import AugmentConfig, TrainConfig, config_to_json
from face_trainer.heads import arcface_logits, classification_loss
from face_trainer.metadata import CROP_SIZE, face_template
from face_trainer.schedule import Schedule, learning_rate_at

SCHEDULES = [
    {'schedule': {'baseLr': 1e-3, 'warmupSteps': 3, 'totalSteps': 10}, 'steps': list(range(12))},
    {'schedule': {'baseLr': 0.1, 'warmupSteps': 0, 'totalSteps': 5}, 'steps': list(range(6))},
    # A warm-up that fills the run: the last step keeps the base rate.
    {'schedule': {'baseLr': 0.01, 'warmupSteps': 4, 'totalSteps': 5}, 'steps': list(range(6))},
]
SEEDS = [[42, 0], [42, 1], [7, 123456, 1], [2**32 - 1, 2**31, 5]]
# Embeddings [4, 3] and W [3, 3] (the studio's [D, K]); row 3 points away from its class, so the
# θ + m > π fallback is exercised.
ARCFACE = {
    'embeddings': [[0.5, 0.2, -0.1], [-0.2, 0.9, 0.3], [3.0, 4.0, 0.0], [-0.9, 0.6, -0.6]],
    'weight': [[0.9, -0.3, 1.0], [0.1, 0.8, -0.5], [-0.4, 0.2, 0.7]],
    'labels': [0, 1, 2, 2],
    'scale': 10.0,
    'margin': 0.5,
    'smoothing': 0.1,
}
AUGMENT = {
    'images': np.random.default_rng(3).uniform(0, 255, (2, 6, 8, 3)).round().tolist(),
    'draws': [[0.3, 0.9, 0.1], [0.7, 0.2, 0.8]],
    'options': {'flip': True, 'brightness': 0.2, 'contrast': 0.2},
}


@pytest.fixture(scope='module')
def studio(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work: Path = tmp_path_factory.mktemp('reference')
    request = {'schedules': SCHEDULES, 'seeds': SEEDS, 'arcface': ARCFACE, 'augment': AUGMENT}
    (work / 'request.json').write_text(json.dumps(request))
    run_node('studio-reference.mjs', str(work / 'request.json'), str(work / 'out.json'))
    return json.loads((work / 'out.json').read_text())


def test_the_defaults_are_the_studios_from_scratch_preset(studio: dict[str, Any]) -> None:
    assert config_to_json(TrainConfig()) == studio['defaultConfig'] == studio['scratchPreset']


def test_the_alignment_template_is_the_studios(studio: dict[str, Any]) -> None:
    assert CROP_SIZE == studio['cropSize']
    for ours, theirs in zip(face_template(), studio['faceTemplate'], strict=True):
        assert ours['x'] == pytest.approx(theirs['x'], abs=1e-7)
        assert ours['y'] == pytest.approx(theirs['y'], abs=1e-7)


def test_the_learning_rate_schedule_is_the_studios(studio: dict[str, Any]) -> None:
    for case, rates in zip(SCHEDULES, studio['learningRates'], strict=True):
        s = case['schedule']
        schedule = Schedule(s['baseLr'], s['warmupSteps'], s['totalSteps'])
        ours = [learning_rate_at(step, schedule) for step in case['steps']]
        assert ours == pytest.approx(rates, rel=1e-12, abs=1e-15)


def test_derived_seeds_are_the_studios(studio: dict[str, Any]) -> None:
    assert [derive_seed(*parts) for parts in SEEDS] == studio['seeds']


def test_arcface_logits_and_the_loss_are_the_studios(studio: dict[str, Any]) -> None:
    a = ARCFACE
    weight = torch.tensor(a['weight']).t()  # ours is [K, D]
    labels = torch.tensor(a['labels'])
    cos_row3 = torch.nn.functional.normalize(torch.tensor(a['embeddings'][3]), dim=0) @ \
        torch.nn.functional.normalize(weight[2], dim=0)
    assert cos_row3 < -math.cos(a['margin'])  # the fallback branch is exercised
    logits, predictions = arcface_logits(torch.tensor(a['embeddings']), weight, labels,
                                         a['scale'], a['margin'])
    np.testing.assert_allclose(logits.numpy(), studio['arcface']['logits'], atol=1e-5)
    np.testing.assert_allclose(predictions.numpy(), studio['arcface']['predictions'], atol=1e-5)
    loss = classification_loss(logits, labels, a['smoothing']).item()
    assert loss == pytest.approx(studio['arcface']['loss'], abs=1e-5)


def test_augmentation_is_the_studios_for_the_same_draws(studio: dict[str, Any]) -> None:
    images = torch.tensor(AUGMENT['images']).permute(0, 3, 1, 2)  # NHWC → NCHW
    out = augment_batch(images, AugmentConfig(**AUGMENT['options']),
                        torch.tensor(AUGMENT['draws']))
    theirs = np.array(studio['augmented']).transpose(0, 3, 1, 2)
    assert not np.allclose(theirs, images.numpy() / 127.5 - 1)  # something was augmented
    np.testing.assert_allclose(out.numpy(), theirs, atol=1e-5)
