# Checks that a folder becomes a zip the trainer reads, with folder-v1's split (per person 7:2:1
# after a seeded shuffle, at least two in val and in test, at most `cap` images) and, with
# --center-crop, the centre of each image.
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from PIL import Image

from face_trainer.dataset_zip import decode_samples, read_dataset_zip
from make_dataset_zip import build_zip, folder_v1_split


def make_folder(root: Path, counts: dict[str, int]) -> None:
    for person, count in counts.items():
        (root / person).mkdir(parents=True)
        for k in range(count):
            pixels = np.full((20, 20, 3), 10 * k, dtype=np.uint8)
            pixels[8:12, 8:12] = 255  # a white centre, so a centre crop is all white
            Image.fromarray(pixels).save(root / person / f'{k:02d}.png')


def test_the_split_is_folder_v1s(tmp_path: Path) -> None:
    make_folder(tmp_path / 'faces', {'b': 10, 'a': 5, 'c': 12})
    split = folder_v1_split(str(tmp_path / 'faces'), cap=11)
    per_person = {p: [part for q, _, part in split if q == p] for p in 'abc'}
    assert {p: (parts.count('train'), parts.count('val'), parts.count('test'))
            for p, parts in per_person.items()} == {'a': (1, 2, 2), 'b': (6, 2, 2), 'c': (7, 2, 2)}
    # The same shuffle as the reference: one random.Random(42) over the people in name order.
    rng = random.Random(42)
    expected = []
    for person, count in (('a', 5), ('b', 10), ('c', 12)):
        files = [f'{k:02d}.png' for k in range(count)]
        rng.shuffle(files)
        expected += files[:11]
    assert [name for _, name, _ in split] == expected


def test_the_zip_is_read_by_the_trainer_with_that_split(tmp_path: Path) -> None:
    make_folder(tmp_path / 'faces', {'a': 5, 'b': 6})
    counts = build_zip(str(tmp_path / 'faces'), str(tmp_path / 'faces.zip'), cap=40, crop=4)
    assert counts == {'identities': 2, 'train': 3, 'val': 4, 'test': 4}
    dataset = read_dataset_zip(str(tmp_path / 'faces.zip'))
    assert dataset.identities == ['a', 'b']
    assert {part: len(s) for part, s in dataset.parts.items()} == {'train': 3, 'val': 4, 'test': 4}
    pixels = decode_samples(str(tmp_path / 'faces.zip'), dataset.parts['val'], 4)
    assert int(pixels.min()) == 255  # the centre 4×4 only, stored losslessly
