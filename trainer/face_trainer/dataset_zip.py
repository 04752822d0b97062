# Owns reading the studio's dataset zip (src/transfer/dataset-zip-writer.ts): ImageFolder layout
# `<person>/<image>` (optionally inside one top folder) plus manifest.json, which names each
# person and gives every image its SHA-256 and its split part. The zip's own split is used as it
# is; a zip without a manifest is refused rather than split here. Images are decoded once into
# memory at the network's input size.
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

MANIFEST_FILE_NAME = 'manifest.json'
MANIFEST_FORMAT = 'face-studio-dataset'
MANIFEST_VERSION = 1
PARTS = ('train', 'val', 'test')


class DatasetError(ValueError):
    """A zip the trainer cannot use, with what to do about it."""


@dataclass(frozen=True)
class Sample:
    member: str  # the entry's name in the zip
    label: int  # class index
    sha256: str


@dataclass
class Dataset:
    identities: list[str]  # class index → person's name
    parts: dict[str, list[Sample]]
    dropped: list[str]  # people left out: no train image to learn them from
    app_version: str


def _find_manifest(names: list[str]) -> tuple[str, str]:
    """The manifest's entry name and the top folder prefix ('' or 'folder/')."""
    if MANIFEST_FILE_NAME in names:
        return MANIFEST_FILE_NAME, ''
    nested = [n for n in names if n.count('/') == 1 and n.endswith('/' + MANIFEST_FILE_NAME)]
    if len(nested) == 1:
        return nested[0], nested[0][: -len(MANIFEST_FILE_NAME)]
    raise DatasetError(
        'The zip holds no manifest.json, so it does not say which images are train, val and '
        'test. The trainer uses the studio\'s split and does not invent one: export the dataset '
        'from the studio (Export screen, "Dataset as zip"), or build a zip from a folder with '
        'trainer/make_dataset_zip.py.')


def _load_manifest(archive: zipfile.ZipFile, name: str) -> dict:
    try:
        manifest = json.loads(archive.read(name).decode('utf-8'))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f'The dataset\'s manifest.json is not readable JSON ({error}).')
    if not isinstance(manifest, dict) or manifest.get('format') != MANIFEST_FORMAT:
        raise DatasetError('The zip\'s manifest.json is not a Face Studio dataset manifest.')
    version = manifest.get('version')
    if not isinstance(version, int) or version > MANIFEST_VERSION:
        raise DatasetError(
            f'This dataset was exported in dataset format version {version}; this trainer reads '
            f'version {MANIFEST_VERSION}. Update the trainer (trainer/ of the same Face Studio).')
    for key in ('identities', 'images'):
        if not isinstance(manifest.get(key), list):
            raise DatasetError(f'The dataset\'s manifest.json has no "{key}" list.')
    return manifest


def class_order(names: set[str]) -> list[str]:
    """People sorted by name, case-insensitively first, close to the studio's localeCompare."""
    return sorted(names, key=lambda name: (name.casefold(), name))


def read_dataset_zip(path: str) -> Dataset:
    """The people and the train/val/test samples of a studio dataset zip."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise DatasetError(f'Cannot open {path} as a zip: {error}.')
    with archive:
        names = archive.namelist()
        manifest_name, top = _find_manifest(names)
        manifest = _load_manifest(archive, manifest_name)
    present = set(names)
    known = {entry.get('name') for entry in manifest['identities'] if isinstance(entry, dict)}
    images = []
    for i, image in enumerate(manifest['images']):
        fields = image if isinstance(image, dict) else {}
        path_in, identity = fields.get('path'), fields.get('identity')
        split, sha256 = fields.get('split'), fields.get('sha256')
        if not isinstance(path_in, str) or identity not in known or split not in PARTS \
                or not isinstance(sha256, str):
            raise DatasetError(f'manifest.json images[{i}] is not a valid image record.')
        if top + path_in not in present:
            raise DatasetError(f'manifest.json lists "{path_in}", which is not in the zip.')
        images.append((top + path_in, identity, split, sha256))
    with_train = {identity for _, identity, split, _ in images if split == 'train'}
    identities = class_order(with_train)
    if len(identities) < 2:
        raise DatasetError('Training needs at least two people with train images.')
    label = {name: k for k, name in enumerate(identities)}
    parts: dict[str, list[Sample]] = {part: [] for part in PARTS}
    for member, identity, split, sha256 in sorted(images):
        if identity in label:
            parts[split].append(Sample(member, label[identity], sha256))
    dropped = sorted({identity for _, identity, _, _ in images} - with_train)
    return Dataset(identities, parts, dropped, str(manifest.get('appVersion', '')))


def decode_image(data: bytes, size: int) -> np.ndarray:
    """
    An image file → uint8 [size, size, 3] RGB. The studio's crops are square (128×128); anything
    else is centre-cropped to a square first. Resizing is antialiased bicubic, close to the
    browser's createImageBitmap(…, { resizeQuality: 'high' }) that the studio decodes with.
    """
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert('RGB')
    width, height = image.size
    if width != height:
        side = min(width, height)
        left, top = (width - side) // 2, (height - side) // 2
        image = image.crop((left, top, left + side, top + side))
    if image.size != (size, size):
        image = image.resize((size, size), Image.Resampling.BICUBIC)
    return np.asarray(image, dtype=np.uint8)


def decode_samples(path: str, samples: list[Sample], size: int) -> torch.Tensor:
    """uint8 [N, size, size, 3] of the samples, in order, each checked against its SHA-256."""
    pixels = np.empty((len(samples), size, size, 3), dtype=np.uint8)
    with zipfile.ZipFile(path) as archive:
        for i, sample in enumerate(samples):
            data = archive.read(sample.member)
            if hashlib.sha256(data).hexdigest() != sample.sha256:
                raise DatasetError(f'"{sample.member}" does not match its SHA-256 in '
                                   'manifest.json: the zip is damaged or was edited.')
            try:
                pixels[i] = decode_image(data, size)
            except OSError as error:
                raise DatasetError(f'"{sample.member}" is not a readable image ({error}).')
    return torch.from_numpy(pixels)


def labels_of(samples: list[Sample]) -> torch.Tensor:
    return torch.tensor([sample.label for sample in samples], dtype=torch.long)
