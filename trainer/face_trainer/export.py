# Owns what a finished run leaves behind (written by the main process only): the class templates
# and the val-chosen threshold as folder-v1 computes them, the test figures, model.onnx with its
# metadata_props, metadata.json, and model.pt (the PyTorch weights, to continue from).
from __future__ import annotations

import json
import os
from datetime import datetime, timezone

import numpy as np
import torch

from .config import TrainConfig, config_to_json
from .dataset_zip import Dataset, decode_samples, labels_of
from .loop import Classifier, EpochMetrics, embed
from .metadata import ExportFacts, build_metadata, onnx_metadata_props
from .onnx_export import export_onnx
from .scores import choose_threshold, class_templates, pairs, score_test


def export_run(classifier: Classifier, dataset: Dataset, data_path: str, config: TrainConfig,
               run_id: str, epochs: list[EpochMetrics], pixels: dict[str, torch.Tensor],
               out: str, device: torch.device) -> dict:
    """Computes templates, threshold and test figures from `pixels` per part; writes the files."""
    size = config.input_size
    # The weights first: whatever happens in the export below, the training is not lost.
    torch.save({
        'config': config_to_json(config),
        'identities': dataset.identities,
        'backbone': classifier.backbone.state_dict(),
        'head': classifier.head.state_dict(),
    }, os.path.join(out, 'model.pt'))

    def embeddings_of(part: str) -> tuple[np.ndarray, np.ndarray]:
        if part not in pixels:
            pixels[part] = decode_samples(data_path, dataset.parts[part], size)
        raw = embed(classifier.backbone, pixels[part], config.batch_size, device)
        return raw.numpy().astype(np.float64), labels_of(dataset.parts[part]).numpy()

    train, val, test = embeddings_of('train'), embeddings_of('val'), embeddings_of('test')
    templates = class_templates(*train, len(dataset.identities))
    threshold = choose_threshold(*pairs(*val))
    facts = ExportFacts(
        config=config, run_id=run_id, identities=dataset.identities, templates=templates,
        threshold=threshold, epochs=epochs, train_images=len(train[1]),
        val_images=len(val[1]), test=score_test(templates, *test, threshold))
    metadata = build_metadata(facts, datetime.now(timezone.utc))
    export_onnx(classifier.backbone, size, os.path.join(out, 'model.onnx'),
                onnx_metadata_props(metadata))
    with open(os.path.join(out, 'metadata.json'), 'w', encoding='utf-8') as handle:
        json.dump(metadata, handle, indent=2, ensure_ascii=False)
    return metadata
