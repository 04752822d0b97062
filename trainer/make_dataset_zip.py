#!/usr/bin/env python3
# Owns building a dataset zip in the studio's layout from a folder `<person>/<image>` that was
# never in the studio, with protocol folder-v1's split (DESIGN.md section 4: identities and
# images sorted by name, per person a shuffle with Python's random.Random(42), at most `cap`
# images, then 7:2:1 with at least two in val and in test), so train.py and `npm run eval` can
# measure on exactly the same images. With --center-crop N the centre N×N of each image is kept
# (LFW's 250×250 images are aligned: the face is the central ~110 px), stored as lossless PNG.
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import sys
import zipfile
from datetime import datetime, timezone

from PIL import Image

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.jfif', '.png', '.gif', '.bmp', '.webp')


def folder_v1_split(root: str, cap: int) -> list[tuple[str, str, str]]:
    """(person, file name, part) per kept image, as /work/shared/reference/folder_v1.py splits."""
    rng = random.Random(42)
    out = []
    people = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    for person in people:
        files = sorted(f for f in os.listdir(os.path.join(root, person))
                       if f.lower().endswith(IMAGE_EXTENSIONS))
        rng.shuffle(files)
        files = files[:cap]
        n = len(files)
        val, test = max(2, int(n * 0.2)), max(2, int(n * 0.1))
        train = n - val - test
        for k, name in enumerate(files):
            part = 'train' if k < train else 'val' if k < train + val else 'test'
            out.append((person, name, part))
    return out


def center_crop_png(data: bytes, side: int) -> bytes:
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert('RGB')
    width, height = image.size
    left, top = (width - side) // 2, (height - side) // 2
    buffer = io.BytesIO()
    image.crop((left, top, left + side, top + side)).save(buffer, format='PNG')
    return buffer.getvalue()


def build_zip(root: str, out: str, cap: int, crop: int | None) -> dict[str, int]:
    items = folder_v1_split(root, cap)
    images, counts = [], {'train': 0, 'val': 0, 'test': 0}
    with zipfile.ZipFile(out, 'w') as archive:
        for person, name, part in items:
            with open(os.path.join(root, person, name), 'rb') as handle:
                data = handle.read()
            if crop is not None:
                data, name = center_crop_png(data, crop), os.path.splitext(name)[0] + '.png'
            path = f'{person}/{name}'
            archive.writestr(path, data, compress_type=zipfile.ZIP_STORED)
            images.append({'path': path, 'identity': person,
                           'sha256': hashlib.sha256(data).hexdigest(), 'split': part})
            counts[part] += 1
        people = sorted({person for person, _, _ in items})
        manifest = {
            'format': 'face-studio-dataset',
            'version': 1,
            'appVersion': 'face-studio-trainer make_dataset_zip.py',
            'createdAt': datetime.now(timezone.utc).isoformat(timespec='seconds'),
            'identities': [{'name': person, 'folder': person} for person in people],
            'images': images,
        }
        archive.writestr('manifest.json', json.dumps(manifest, indent=2, ensure_ascii=False),
                         compress_type=zipfile.ZIP_DEFLATED)
    return {'identities': len(people), **counts}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description='A folder <person>/<image> → a dataset zip in the studio\'s layout with the '
                    'folder-v1 split.')
    parser.add_argument('folder', help='<person>/<image> folder')
    parser.add_argument('out', help='the zip to write')
    parser.add_argument('--cap', type=int, default=40, help='at most this many images a person')
    parser.add_argument('--center-crop', type=int, default=None, metavar='N',
                        help='keep the centre N×N of each image (LFW: 128)')
    args = parser.parse_args(argv)
    print(json.dumps(build_zip(args.folder, args.out, args.cap, args.center_crop)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
