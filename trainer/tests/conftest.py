# Shared fixtures of the trainer's tests: Node (which runs the studio's own TypeScript and
# onnxruntime-web), a dataset zip made by the studio's writer from the shippable sample faces in
# public/, the tiny configuration the tests train, helpers to run train.py and an ONNX file, and
# a guard that fails the run when any test was skipped (a skipped test is not a passed one).
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

TRAINER = Path(__file__).resolve().parents[1]
REPO = TRAINER.parent
TESTS = TRAINER / 'tests'
SAMPLE_FACES = REPO / 'public' / 'sample-faces'
# A person whose name is not a plain folder name, to check names come from the manifest.
RENAMED = ('Person 01', 'José / Núñez')

# Tiny on purpose (the whole pytest run stays well under two minutes on two cores).
TINY_CONFIG: dict[str, Any] = {
    'backbone': 'resnet18',
    'widthMultiplier': 0.125,
    'inputSize': 32,
    'embeddingDim': 16,
    'head': 'arcface',
    'scale': 16,
    'margin': 0.3,
    'labelSmoothing': 0.1,
    'optimizer': 'adam',
    'learningRate': 0.003,
    'momentum': 0.9,
    'weightDecay': 0.0005,
    'warmupEpochs': 0,
    'epochs': 1,
    'batchSize': 16,
    'augment': {'flip': True, 'brightness': 0.2, 'contrast': 0.2},
    'seed': 7,
}

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _skipped:
        print(f'\nFAILED: {len(_skipped)} test(s) skipped, which counts as failing here: '
              f'{", ".join(_skipped)}', file=sys.stderr)
        session.exitstatus = 1


def node_executable() -> str:
    node = os.environ.get('FACE_STUDIO_NODE') or shutil.which('node')
    if not node:
        pytest.fail('Node.js is needed (the tests run the studio\'s TypeScript and '
                    'onnxruntime-web): put `node` on PATH or set FACE_STUDIO_NODE.')
    if not (REPO / 'node_modules' / 'vite').is_dir():
        pytest.fail('node_modules is missing: run `npm ci` in the repository first.')
    return node


def run_node(script: str, *args: str) -> str:
    """Runs trainer/tests/<script> with Node from the repository root; returns its stdout."""
    result = subprocess.run([node_executable(), str(TESTS / script), *args], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        pytest.fail(f'node {script} failed ({result.returncode}):\n{result.stderr[-3000:]}')
    return result.stdout


def run_onnx(model: Path, inputs: np.ndarray, work: Path) -> tuple[np.ndarray, dict[str, Any]]:
    """The ONNX file's output for `inputs` in onnxruntime-web, and what the file declares."""
    in_path, out_path = work / 'onnx-input.f32', work / 'onnx-output.f32'
    inputs.astype('<f4').tofile(in_path)
    dims = ','.join(str(d) for d in inputs.shape)
    info = json.loads(run_node('run-onnx.mjs', str(model), str(in_path), dims, str(out_path)))
    output = np.fromfile(out_path, dtype='<f4').reshape(info['dims'])
    return output, info


def run_trainer(args: list[str], launcher: list[str] | None = None,
                timeout: int = 120) -> subprocess.CompletedProcess:
    command = [*(launcher or [sys.executable]), str(TRAINER / 'train.py'), *args]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        pytest.fail(f'{" ".join(command)} failed ({result.returncode}):\n'
                    f'{result.stdout[-2000:]}\n{result.stderr[-4000:]}')
    return result


@pytest.fixture(scope='session')
def studio_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample faces exported through the studio's own dataset zip writer."""
    path = tmp_path_factory.mktemp('studio') / 'sample-faces.zip'
    run_node('make-studio-zip.mjs', str(SAMPLE_FACES), str(path), '--name', '='.join(RENAMED))
    return path


@pytest.fixture(scope='session')
def tiny_config_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TINY_CONFIG as the Train screen's "Settings as JSON" shows it."""
    path = tmp_path_factory.mktemp('config') / 'train-config.json'
    path.write_text(json.dumps(TINY_CONFIG, indent=2))
    return path
