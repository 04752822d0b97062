# Checks that a configuration builds the studio's network: the studio's own TF.js backbone (with
# random BatchNorm statistics and PReLU slopes) and the trainer's PyTorch backbone, given the
# same weights, compute the same embeddings, weight for weight; and that the ONNX export of such
# a network gives those embeddings in onnxruntime-web.
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import run_node, run_onnx

from face_trainer.backbones import build_backbone
from face_trainer.config import TrainConfig
from face_trainer.onnx_export import export_onnx

TOLERANCE = 1e-4
# Blocks are named as the studio's layers: 'layer1_0_conv1' is module 'layer1_0.conv1'.
BLOCK = re.compile(r'^(layer\d_\d|bneck\d_\d|embedding)_(.+)$')
TENSOR = {'kernel': 'weight', 'depthwise_kernel': 'weight', 'gamma': 'weight', 'beta': 'bias',
          'moving_mean': 'running_mean', 'moving_variance': 'running_var', 'alpha': 'weight'}


def torch_name(tfjs_name: str) -> str:
    layer, variable = tfjs_name.split('/')
    match = BLOCK.match(layer)
    module = f'{match.group(1)}.{match.group(2)}' if match else layer
    if module.startswith('embedding.'):
        module = 'embedding.' + module.split('.', 1)[1]
    return f'{module}.{TENSOR[variable]}'


def torch_value(variable: str, values: np.ndarray) -> torch.Tensor:
    """TF.js layouts → PyTorch's: conv [k, k, in, out] → [out, in, k, k], dense transposed."""
    tensor = torch.from_numpy(values)
    if variable == 'kernel' and tensor.dim() == 4:
        return tensor.permute(3, 2, 0, 1)
    if variable == 'depthwise_kernel':
        return tensor.permute(2, 3, 0, 1)  # [k, k, C, 1] → [C, 1, k, k]
    if variable == 'kernel':
        return tensor.t()
    return tensor.flatten()  # BatchNorm vectors, PReLU [1, 1, C]


def load_studio_weights(network: torch.nn.Module, weights: list[dict]) -> None:
    state = network.state_dict()
    expected = {k for k in state if not k.endswith('num_batches_tracked')}
    given = {}
    for weight in weights:
        variable = weight['name'].split('/')[1]
        values = np.array(weight['values'], dtype=np.float32).reshape(weight['shape'])
        given[torch_name(weight['name'])] = torch_value(variable, values)
    assert set(given) == expected  # every studio weight has its place, and nothing is left over
    for name, value in given.items():
        assert state[name].shape == value.shape, name
    network.load_state_dict({**state, **given})


@pytest.mark.parametrize('backbone', ['resnet18', 'mobilefacenet'])
def test_the_studio_network_and_the_trainer_network_are_one_function(
        backbone: str, tmp_path: Path) -> None:
    config = TrainConfig(backbone=backbone, width_multiplier=0.25, input_size=64,
                         embedding_dim=24)
    images = np.random.default_rng(5).uniform(-1, 1, (3, 64, 64, 3)).astype(np.float32)
    images.tofile(tmp_path / 'input.f32')
    studio_config = {'backbone': backbone, 'inputSize': 64, 'widthMultiplier': 0.25,
                     'embeddingDim': 24}
    run_node('studio-network.mjs', json.dumps(studio_config), str(tmp_path / 'input.f32'), '3',
             str(tmp_path / 'studio.json'))
    studio = json.loads((tmp_path / 'studio.json').read_text())

    network = build_backbone(config)
    load_studio_weights(network, studio['weights'])
    network.eval()
    with torch.no_grad():
        ours = network(torch.from_numpy(images).permute(0, 3, 1, 2)).numpy()  # NHWC → NCHW
    theirs = np.array(studio['embeddings'], dtype=np.float32)
    assert np.abs(theirs).max() > 0.1  # a real comparison needs embeddings away from zero
    difference = np.abs(ours - theirs).max()
    print(f'{backbone}: studio TF.js vs trainer PyTorch max |Δ| {difference:.2e}')
    assert difference <= TOLERANCE

    export_onnx(network, 64, str(tmp_path / 'model.onnx'), {'backbone': backbone})
    exported, info = run_onnx(tmp_path / 'model.onnx', images.transpose(0, 3, 1, 2), tmp_path)
    assert info['inputShape'] == ['batch', 3, 64, 64]
    assert info['metadataProps'] == {'backbone': backbone}
    onnx_difference = np.abs(exported - ours).max()
    print(f'{backbone}: ONNX (onnxruntime-web) vs PyTorch max |Δ| {onnx_difference:.2e}')
    assert onnx_difference <= TOLERANCE
