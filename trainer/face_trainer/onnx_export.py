# Owns the ONNX file: the embedding network only (no head), input "input" float32
# [batch, 3, S, S] (NCHW, RGB, in [-1, 1]), output "embedding" [batch, D] raw (not normalised),
# batch dynamic, opset 13 as the studio's own export; then metadata_props appended to the
# ModelProto so that no `onnx` Python package is needed.
from __future__ import annotations

import copy
import inspect
import warnings

import torch
from torch import nn

from .metadata import INPUT_NAME, OUTPUT_NAME

OPSET = 13
# ModelProto.metadata_props is field 14, StringStringEntryProto's key 1 and value 2; all three
# are length-delimited (wire type 2). A field appended to a serialised message is parsed as if
# written in order, so appending leaves the rest of the file untouched.
METADATA_PROPS_FIELD = 14


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _length_delimited(field: int, payload: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(payload)) + payload


def metadata_props_bytes(props: dict[str, str]) -> bytes:
    return b''.join(
        _length_delimited(METADATA_PROPS_FIELD,
                          _length_delimited(1, key.encode()) + _length_delimited(2, value.encode()))
        for key, value in props.items())


def export_onnx(backbone: nn.Module, input_size: int, path: str,
                props: dict[str, str]) -> None:
    """Writes the backbone in inference mode (BatchNorm running statistics) to `path`."""
    network = copy.deepcopy(backbone).cpu().eval()
    example = torch.zeros(2, 3, input_size, input_size)
    with torch.no_grad(), warnings.catch_warnings():
        # torch builds the pads of an asymmetric (TF "same") Pad as a small subgraph it cannot
        # fold and says so; onnxruntime folds it when it loads the model.
        warnings.filterwarnings('ignore', message='Constant folding - Only steps=1')
        warnings.filterwarnings('ignore', message='The shape inference of prim::Constant')
        options = {}
        # torch 2.9 made the dynamo exporter the default (it needs onnxscript); the TorchScript
        # exporter, the only one before, writes this network as the studio reads it.
        if 'dynamo' in inspect.signature(torch.onnx.export).parameters:
            options['dynamo'] = False
        torch.onnx.export(
            network, example, path,
            input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
            dynamic_axes={INPUT_NAME: {0: 'batch'}, OUTPUT_NAME: {0: 'batch'}},
            opset_version=OPSET, do_constant_folding=True, **options,
        )
    with open(path, 'ab') as handle:
        handle.write(metadata_props_bytes(props))
