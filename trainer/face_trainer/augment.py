# Owns image preparation for the network, mirroring the studio's src/ml/augment.ts: scaling
# [0, 255] to [-1, 1], and training-time augmentation per image (horizontal flip, then brightness,
# then contrast blended with the grey mean, each clipped to [0, 255] as on 8-bit images), drawn
# from a generator seeded per step as the studio's deriveSeed (src/ml/seeds.ts) does.
from __future__ import annotations

import torch

from .config import AugmentConfig

# ITU-R BT.601 luma weights, as torchvision's rgb_to_grayscale used by ColorJitter's contrast.
LUMA = (0.299, 0.587, 0.114)
_U32 = 0xFFFFFFFF


def derive_seed(seed: int, *parts: int) -> int:
    """The studio's deriveSeed: mixes a base seed with integers (a step, a rank) into 32 bits."""
    h = (seed ^ 0x9E3779B9) & _U32
    for part in parts:
        h = ((h ^ (part & _U32)) * 0x85EBCA6B) & _U32
        h = ((h ^ (h >> 13)) * 0xC2B2AE35) & _U32
        h = (h ^ (h >> 16)) & _U32
    return h


def normalize(images: torch.Tensor) -> torch.Tensor:
    """[0, 255] → [-1, 1]: (x / 255 − 0.5) / 0.5, the seed's Normalize(mean 0.5, std 0.5)."""
    return images.float() / 127.5 - 1


def to_network_input(pixels: torch.Tensor) -> torch.Tensor:
    """uint8 [B, S, S, 3] (as decoded) → float32 [B, 3, S, S] in 0..255."""
    return pixels.permute(0, 3, 1, 2).float()


def draw_augmentations(batch: int, generator: torch.Generator) -> torch.Tensor:
    """
    [B, 3] uniform draws in [0, 1) per image: flip, brightness, contrast, always all three in
    this order (as the studio's drawAugmentations), so turning one augmentation off does not
    change what the others draw.
    """
    return torch.rand(batch, 3, generator=generator)


def augment_batch(images: torch.Tensor, options: AugmentConfig,
                  draws: torch.Tensor) -> torch.Tensor:
    """images float [B, 3, S, S] in 0..255 → augmented float32 [B, 3, S, S] in [-1, 1]."""
    batch = images.shape[0]
    draws = draws.to(images.device)
    x = images.float()

    def per_image(values: torch.Tensor) -> torch.Tensor:
        return values.view(batch, 1, 1, 1)

    if options.flip:
        x = torch.where(per_image(draws[:, 0] < 0.5), torch.flip(x, dims=[3]), x)
    if options.brightness > 0:
        factor = 1 + options.brightness * (2 * draws[:, 1] - 1)
        x = torch.clamp(x * per_image(factor), 0, 255)
    if options.contrast > 0:
        luma = torch.tensor(LUMA, device=x.device).view(1, 3)
        grey = per_image(torch.sum(torch.mean(x, dim=(2, 3)) * luma, dim=1))  # [B, 1, 1, 1]
        factor = per_image(1 + options.contrast * (2 * draws[:, 2] - 1))
        x = torch.clamp(x * factor + (1 - factor) * grey, 0, 255)
    return normalize(x)
