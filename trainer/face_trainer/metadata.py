# Owns metadata.json of an exported model in the studio's format (src/transfer/model-metadata.ts,
# `face-studio-model` version 1) with the ONNX layout this trainer writes added (input.layout
# 'NCHW', input.channels 'RGB', input.shape [null, 3, S, S]), the studio's face alignment template
# (src/vision/face-template.ts), and the ONNX metadata_props the studio writes beside it.
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from .config import TrainConfig, config_to_json
from .loop import EpochMetrics
from .scores import TestScores

MODEL_METADATA_FORMAT = 'face-studio-model'
MODEL_METADATA_VERSION = 1
INPUT_NAME = 'input'
OUTPUT_NAME = 'embedding'
CROP_SIZE = 128
TRAINER_VERSION = '0.1.0'
APP_VERSION = f'face-studio-trainer {TRAINER_VERSION}'

# The ArcFace five-point template (InsightFace, 112×112), reframed as the studio frames crops.
ARCFACE_112 = ((38.2946, 51.6963), (73.5318, 51.5014), (56.0252, 71.7366),
               (41.5493, 92.3655), (70.7299, 92.2041))
EYE_TO_MOUTH = 0.45
CENTROID = (0.5, 0.43)


def round8(value: float) -> float:
    """float32 holds about 8 significant digits; the studio rounds to them too."""
    return float(f'{value:.8g}')


def face_template() -> list[dict[str, float]]:
    """The studio's FACE_TEMPLATE: eye centres, nose tip, mouth corners in unit crop coordinates."""
    (lx, ly), (rx, ry), _, (mlx, mly), (mrx, mry) = ARCFACE_112
    mx, my = (mlx + mrx) / 2, (mly + mry) / 2
    spread = (math.hypot(lx - mx, ly - my) + math.hypot(rx - mx, ry - my)) / 2
    scale = EYE_TO_MOUTH / spread
    cx, cy = (lx + rx + mx) / 3, (ly + ry + my) / 3
    return [{'x': round8(CENTROID[0] + (x - cx) * scale),
             'y': round8(CENTROID[1] + (y - cy) * scale)} for x, y in ARCFACE_112]


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


@dataclass
class ExportFacts:
    config: TrainConfig
    run_id: str
    identities: list[str]
    templates: np.ndarray  # [K, D], unit rows, class-index order
    threshold: float | None
    epochs: list[EpochMetrics]
    train_images: int
    val_images: int
    test: TestScores | None


def build_metadata(facts: ExportFacts, exported_at: datetime) -> dict[str, Any]:
    config, size, dim = facts.config, facts.config.input_size, facts.config.embedding_dim
    last = facts.epochs[-1] if facts.epochs else None
    test = facts.test
    return {
        'format': MODEL_METADATA_FORMAT,
        'version': MODEL_METADATA_VERSION,
        'appVersion': APP_VERSION,
        'exportedAt': exported_at.isoformat(timespec='milliseconds').replace('+00:00', 'Z'),
        'runId': facts.run_id,
        'backbone': config.backbone,
        'input': {
            'name': INPUT_NAME,
            'shape': [None, 3, size, size],
            'size': size,
            'range': [-1, 1],
            'normalisation': 'RGB pixel / 127.5 - 1 (mean 0.5, std 0.5 per channel on [0, 1])',
            'layout': 'NCHW',
            'channels': 'RGB',
        },
        'output': {
            'name': OUTPUT_NAME,
            'shape': [None, dim],
            'dim': dim,
            'flipAverage': False,
            'note': 'Raw embedding, not L2-normalised: normalise it, then compare by cosine '
                    'similarity (dot product).',
        },
        'alignment': {
            'cropSize': CROP_SIZE,
            'template': face_template(),
            'points': ['left eye', 'right eye', 'nose tip', 'mouth left', 'mouth right'],
            'steps': f"Find the face's five points, map them onto template × {CROP_SIZE} with a "
                     'similarity transform (rotation, scale, shift), draw a '
                     f'{CROP_SIZE}×{CROP_SIZE} crop (grey #808080 outside the photo), resize it '
                     f'to {size}×{size} with a high-quality filter as the studio does, scale to '
                     f'[-1, 1] and lay it out as [batch, 3, {size}, {size}] (NCHW, RGB).',
        },
        'identities': facts.identities,
        'templates': [
            {'index': k, 'name': name, 'vector': [round8(float(v)) for v in facts.templates[k]]}
            for k, name in enumerate(facts.identities)
        ],
        'threshold': _finite(facts.threshold),
        'thresholdChosenOnValidation': _finite(facts.threshold),
        'config': config_to_json(config),
        'metrics': {
            'epochsTrained': len(facts.epochs),
            'trainImages': facts.train_images,
            'valImages': facts.val_images,
            'finalTrainLoss': _finite(last.train_loss) if last else None,
            'finalTrainAccuracy': _finite(last.train_accuracy) if last else None,
            'finalValAccuracy': _finite(last.val_accuracy) if last else None,
            'evaluation': None if test is None else {
                'protocol': 'folder-v1',
                'top1': test.top1,
                'auc': test.auc,
                'tarAtFar1e2': test.tar_at_far_1e2,
                'tarAtFar1e3': test.tar_at_far_1e3,
                'eer': test.eer,
                'verificationBalancedAccuracy': test.balanced_accuracy,
                'test': test.test,
            },
        },
    }


def onnx_metadata_props(metadata: dict[str, Any]) -> dict[str, str]:
    """The studio's onnxMetadataProps: the essentials flat, everything as JSON."""
    threshold = metadata['threshold']
    return {
        'backbone': metadata['backbone'],
        'input_size': str(metadata['input']['size']),
        'normalisation': metadata['input']['normalisation'],
        'embedding_dim': str(metadata['output']['dim']),
        'identities': json.dumps(metadata['identities'], ensure_ascii=False),
        'threshold': '' if threshold is None else str(threshold),
        'app_version': metadata['appVersion'],
        'face_studio_metadata': json.dumps(metadata, ensure_ascii=False),
    }
