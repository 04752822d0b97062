# Owns protocol folder-v1's figures (DESIGN.md section 4, /work/shared/reference/folder_v1.py)
# in numpy: class templates (normalised means of normalised train embeddings), the threshold
# chosen on val/val pairs by balanced accuracy, and on test: identification top-1, ROC AUC,
# TAR at FAR, EER and balanced accuracy at the chosen threshold.
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def normalized(rows: np.ndarray) -> np.ndarray:
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def class_templates(train: np.ndarray, labels: np.ndarray, num_classes: int) -> np.ndarray:
    """[K, D]: per class the normalised mean of its normalised train embeddings."""
    unit = normalized(train)
    return normalized(np.stack([unit[labels == k].mean(0) for k in range(num_classes)]))


def pairs(embeddings: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarity and same-person flag of every unordered pair."""
    unit = normalized(embeddings)
    upper = np.triu_indices(len(labels), 1)
    return (unit @ unit.T)[upper], (labels[:, None] == labels[None, :])[upper]


def balanced_accuracy(scores: np.ndarray, same: np.ndarray, threshold: float) -> float:
    return float(0.5 * ((scores[same] >= threshold).mean() + (scores[~same] < threshold).mean()))


def choose_threshold(scores: np.ndarray, same: np.ndarray) -> float | None:
    """folder-v1: of (at most ~2000 of) the distinct scores, the one of best balanced accuracy."""
    if not same.any() or same.all():
        return None
    distinct = np.unique(scores)
    candidates = distinct[:: max(1, len(distinct) // 2000)]
    accuracies = [balanced_accuracy(scores, same, t) for t in candidates]
    return float(candidates[int(np.argmax(accuracies))])


def roc(scores: np.ndarray, same: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """False and true accept rates at every distinct threshold, from (0, 0) to (1, 1)."""
    order = np.argsort(-scores, kind='mergesort')
    sorted_scores, hits = scores[order], same[order]
    last_of_value = np.r_[np.nonzero(np.diff(sorted_scores))[0], len(hits) - 1]
    true_accepts = np.cumsum(hits)[last_of_value]
    false_accepts = (last_of_value + 1) - true_accepts
    fpr = np.r_[0, false_accepts] / max(1, (~same).sum())
    tpr = np.r_[0, true_accepts] / max(1, same.sum())
    return fpr, tpr


def roc_auc(scores: np.ndarray, same: np.ndarray) -> float:
    """The probability that a same-person pair scores above a different-person pair (ties ½)."""
    fpr, tpr = roc(scores, same)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))  # the trapezoid rule


def equal_error_rate(fpr: np.ndarray, tpr: np.ndarray) -> float:
    miss = 1 - tpr
    i = int(np.argmin(np.abs(miss - fpr)))
    return float((fpr[i] + miss[i]) / 2)


@dataclass
class TestScores:
    top1: float
    auc: float
    tar_at_far_1e2: float
    tar_at_far_1e3: float
    eer: float
    balanced_accuracy: float | None
    test: int


def score_test(templates: np.ndarray, test: np.ndarray, labels: np.ndarray,
               threshold: float | None) -> TestScores | None:
    """folder-v1 on the test split; None when it has no same-person and different-person pairs."""
    scores, same = pairs(test, labels)
    if not same.any() or same.all():
        return None
    fpr, tpr = roc(scores, same)
    top1 = float((np.argmax(normalized(test) @ templates.T, 1) == labels).mean())
    return TestScores(
        top1=top1,
        auc=roc_auc(scores, same),
        tar_at_far_1e2=float(np.interp(1e-2, fpr, tpr)),
        tar_at_far_1e3=float(np.interp(1e-3, fpr, tpr)),
        eer=equal_error_rate(fpr, tpr),
        balanced_accuracy=None if threshold is None else balanced_accuracy(scores, same, threshold),
        test=len(labels),
    )
