# Checks reading the studio's dataset zip: people named as in the manifest (not by folder), the
# zip's own split as it is, class order by name; and refusals that say what to do: no manifest
# (the trainer does not invent a split), an image that does not match its SHA-256.
from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import RENAMED

from face_trainer.dataset_zip import DatasetError, decode_samples, read_dataset_zip


def manifest_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read('manifest.json'))


def rewrite(source: Path, target: Path, change) -> None:
    """Copies the zip entry by entry; `change(name, data)` returns (name, data) or None to drop."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, 'w') as dst:
        for info in src.infolist():
            changed = change(info.filename, src.read(info))
            if changed is not None:
                dst.writestr(changed[0], changed[1])


def test_the_studio_zip_is_read_with_its_own_split(studio_zip: Path) -> None:
    dataset = read_dataset_zip(str(studio_zip))
    manifest = manifest_of(studio_zip)
    assert dataset.identities[0] == RENAMED[1]  # the name, not the folder 'José _ Núñez'
    assert dataset.identities == sorted(dataset.identities, key=str.casefold)
    expected = Counter(image['split'] for image in manifest['images'])
    assert {part: len(samples) for part, samples in dataset.parts.items()} == expected
    split_of = {image['path']: image['split'] for image in manifest['images']}
    for part, samples in dataset.parts.items():
        assert all(split_of[sample.member] == part for sample in samples)
    pixels = decode_samples(str(studio_zip), dataset.parts['val'][:2], 32)
    assert tuple(pixels.shape) == (2, 32, 32, 3) and pixels.dtype.is_floating_point is False


def test_a_top_folder_around_the_people_is_accepted(studio_zip: Path, tmp_path: Path) -> None:
    wrapped = tmp_path / 'wrapped.zip'
    rewrite(studio_zip, wrapped, lambda name, data: (f'faces/{name}', data))
    dataset = read_dataset_zip(str(wrapped))
    assert len(dataset.parts['train']) == len(read_dataset_zip(str(studio_zip)).parts['train'])
    decode_samples(str(wrapped), dataset.parts['test'], 32)


def test_a_zip_without_manifest_is_refused_not_split_here(studio_zip: Path,
                                                          tmp_path: Path) -> None:
    bare = tmp_path / 'bare.zip'
    rewrite(studio_zip, bare, lambda name, data: None if name == 'manifest.json' else (name, data))
    with pytest.raises(DatasetError, match='no manifest.json.*does not invent one.*Export'):
        read_dataset_zip(str(bare))


def test_an_image_that_does_not_match_its_hash_is_refused(studio_zip: Path,
                                                          tmp_path: Path) -> None:
    victim = manifest_of(studio_zip)['images'][0]['path']
    edited = tmp_path / 'edited.zip'
    rewrite(studio_zip, edited,
            lambda name, data: (name, data[:-1] + b'\0') if name == victim else (name, data))
    dataset = read_dataset_zip(str(edited))
    samples = [s for part in dataset.parts.values() for s in part if s.member == victim]
    with pytest.raises(DatasetError, match='does not match its SHA-256'):
        decode_samples(str(edited), samples, 32)
