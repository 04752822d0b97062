# Trains the same epoch with `torchrun --nproc_per_node 2` (two processes on this machine,
# DistributedDataParallel over gloo) and checks that the two processes, each stepping on its own
# half of the batch, hold the same weights after a step; that only the main process logs and
# writes; and that the exported ONNX gives the PyTorch embeddings within 1e-4.
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import torch
from conftest import TRAINER, run_trainer
from test_train import TOLERANCE, check_onnx_matches_pytorch

# torchrun itself, through trainer/torchrun.py, which repairs Debian's torch 1.13 on Python 3.11.
TORCHRUN = [sys.executable, str(TRAINER / 'torchrun.py'), '--standalone', '--nproc_per_node', '2']


@pytest.fixture(scope='module')
def distributed_run(studio_zip: Path, tiny_config_file: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    out, dumps = tmp_path_factory.mktemp('torchrun'), tmp_path_factory.mktemp('dumps')
    result = run_trainer(['--data', str(studio_zip), '--config', str(tiny_config_file),
                          '--out', str(out), '--debug-dump-weights', str(dumps)],
                         launcher=TORCHRUN)
    return out, dumps, result.stdout


def load(dumps: Path, rank: int, step: int) -> dict:
    return torch.load(dumps / f'rank{rank}-step{step}.pt')


def test_both_processes_hold_the_same_weights_after_a_step(
        distributed_run: tuple[Path, Path, str]) -> None:
    _, dumps, _ = distributed_run
    before, rank0, rank1 = load(dumps, 0, 0), load(dumps, 0, 1), load(dumps, 1, 1)
    # Each process stepped on its own 8 of the step's 16 images…
    assert len(rank0['indices']) == len(rank1['indices']) == 8
    assert not set(rank0['indices']) & set(rank1['indices'])
    # …and the averaged gradients left both with the same weights, which the step changed.
    names = rank0['parameters'].keys()
    assert names == rank1['parameters'].keys() == before['parameters'].keys()
    worst = max((rank0['parameters'][n] - rank1['parameters'][n]).abs().max().item()
                for n in names)
    moved = [n for n in names
             if not torch.equal(rank0['parameters'][n], before['parameters'][n])]
    print(f'torchrun: max |Δ| between the processes\' weights after step 1: {worst:.1e}; '
          f'{len(moved)} of {len(names)} tensors changed by the step')
    assert worst <= 1e-6
    assert len(moved) == len(names)


def test_only_the_main_process_logs_and_writes(distributed_run: tuple[Path, Path, str]) -> None:
    out, _, stdout = distributed_run
    assert stdout.count('epoch 1/1') == 1
    assert '2 process(es) on pytorch-cpu, 8 images each per step' in stdout
    log = json.loads((out / 'training-log.json').read_text())
    assert log['processes'] == 2 and len(log['epochs']) == 1
    # 48 train images: 24 per process, 8 per process a step.
    assert len(log['steps']) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        'metadata.json', 'model.onnx', 'model.pt', 'training-log-epochs.csv',
        'training-log-steps.csv', 'training-log.json']


def test_the_onnx_file_gives_the_pytorch_embeddings(distributed_run: tuple[Path, Path, str],
                                                    studio_zip: Path, tmp_path: Path) -> None:
    difference = check_onnx_matches_pytorch(distributed_run[0], studio_zip, tmp_path)
    print(f'torchrun: ONNX vs PyTorch max |Δ| {difference:.2e}')
    assert difference <= TOLERANCE
