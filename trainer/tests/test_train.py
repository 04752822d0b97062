# Trains one epoch in one process on a zip made by the studio's own writer from the sample faces
# (public/), then checks what a user gets: the log, metadata.json in the studio's format with the
# NCHW input added, and an ONNX file whose embeddings are the PyTorch model's within 1e-4 in
# onnxruntime-web, carrying the same metadata in its metadata_props.
from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from conftest import RENAMED, TINY_CONFIG, run_onnx, run_trainer

from face_trainer.augment import normalize, to_network_input
from face_trainer.backbones import build_backbone
from face_trainer.config import config_from_json
from face_trainer.dataset_zip import decode_samples, read_dataset_zip

TOLERANCE = 1e-4


@pytest.fixture(scope='module')
def trained(studio_zip: Path, tiny_config_file: Path,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp('single')
    result = run_trainer(['--data', str(studio_zip), '--config', str(tiny_config_file),
                          '--out', str(out)])
    return out, result.stdout


def check_onnx_matches_pytorch(out: Path, studio_zip: Path, work: Path) -> float:
    """Max |Δ| between model.onnx in onnxruntime-web and model.pt in PyTorch, real and random."""
    saved = torch.load(out / 'model.pt')
    config = config_from_json(saved['config'])
    network = build_backbone(config)
    network.load_state_dict(saved['backbone'])
    network.eval()
    val = read_dataset_zip(str(studio_zip)).parts['val'][:6]
    faces = normalize(to_network_input(decode_samples(str(studio_zip), val, 32)))
    noise = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(1)) * 2 - 1
    inputs = torch.cat([faces, noise])  # [8, 3, 32, 32] in [-1, 1]
    with torch.no_grad():
        expected = network(inputs).numpy()
    actual, info = run_onnx(out / 'model.onnx', inputs.numpy(), work)
    assert info['inputNames'] == ['input'] and info['outputNames'] == ['embedding']
    assert info['inputShape'] == ['batch', 3, 32, 32]
    assert info['outputShape'] == ['batch', 16]
    metadata = json.loads((out / 'metadata.json').read_text())
    assert json.loads(info['metadataProps']['face_studio_metadata']) == metadata
    assert info['metadataProps']['backbone'] == 'resnet18'
    assert np.abs(expected).max() > 0.1  # a real comparison needs embeddings away from zero
    return float(np.abs(actual - expected).max())


def test_one_epoch_logs_loss_and_accuracy(trained: tuple[Path, str]) -> None:
    out, stdout = trained
    assert '8 people, 48 train / 16 val / 16 test images' in stdout
    assert 'epoch 1/1' in stdout
    with open(out / 'training-log-epochs.csv', newline='') as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    row = rows[0]
    assert 0 < float(row['train_loss']) < 100
    for name in ('train_accuracy', 'val_accuracy'):
        assert 0 <= float(row[name]) <= 1
    log = json.loads((out / 'training-log.json').read_text())
    assert log['status'] == 'completed' and log['processes'] == 1
    assert log['config'] == TINY_CONFIG
    assert len(log['steps']) == 3  # 48 train images, 16 a step


def test_metadata_is_the_studios_format_with_the_nchw_layout(trained: tuple[Path, str]) -> None:
    out, _ = trained
    metadata: dict[str, Any] = json.loads((out / 'metadata.json').read_text())
    assert metadata['format'] == 'face-studio-model' and metadata['version'] == 1
    assert metadata['runId'].startswith('trainer-')
    assert metadata['backbone'] == 'resnet18'
    assert metadata['input'] == {
        'name': 'input', 'shape': [None, 3, 32, 32], 'size': 32, 'range': [-1, 1],
        'normalisation': 'RGB pixel / 127.5 - 1 (mean 0.5, std 0.5 per channel on [0, 1])',
        'layout': 'NCHW', 'channels': 'RGB'}
    assert metadata['output']['name'] == 'embedding' and metadata['output']['dim'] == 16
    assert metadata['output']['flipAverage'] is False
    assert metadata['alignment']['cropSize'] == 128 and len(metadata['alignment']['template']) == 5
    # Class-index order, people named as in the studio (not by their folder).
    names = [RENAMED[1]] + [f'Person 0{k}' for k in range(2, 9)]
    assert metadata['identities'] == names
    assert [t['index'] for t in metadata['templates']] == list(range(8))
    assert [t['name'] for t in metadata['templates']] == names
    for template in metadata['templates']:
        assert len(template['vector']) == 16
        assert math.isclose(np.linalg.norm(template['vector']), 1, abs_tol=1e-6)
    assert -1 <= metadata['threshold'] <= 1
    assert metadata['thresholdChosenOnValidation'] == metadata['threshold']
    assert metadata['config'] == TINY_CONFIG
    metrics = metadata['metrics']
    assert (metrics['epochsTrained'], metrics['trainImages'], metrics['valImages']) == (1, 48, 16)
    assert metrics['evaluation']['protocol'] == 'folder-v1' and metrics['evaluation']['test'] == 16


def test_the_onnx_file_gives_the_pytorch_embeddings(trained: tuple[Path, str], studio_zip: Path,
                                                    tmp_path: Path) -> None:
    difference = check_onnx_matches_pytorch(trained[0], studio_zip, tmp_path)
    print(f'single process: ONNX vs PyTorch max |Δ| {difference:.2e}')
    assert difference <= TOLERANCE
