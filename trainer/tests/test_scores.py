# Checks folder-v1's figures on cases worked out by hand: AUC (ties count half), TAR at FAR, the
# threshold of best balanced accuracy, templates, and identification top-1.
from __future__ import annotations

import numpy as np
import pytest

from face_trainer.scores import (balanced_accuracy, choose_threshold, class_templates, roc,
                                 roc_auc, score_test)


def test_auc_counts_each_same_pair_above_each_different_pair_and_ties_half() -> None:
    same = np.array([True, False, True, False])
    # Same-person 0.9 beats both; 0.7 beats 0.6 only: 3 of 4.
    assert roc_auc(np.array([0.9, 0.8, 0.7, 0.6]), same) == pytest.approx(0.75)
    # 0.7 ties 0.7: half of one of the 4 comparisons is lost.
    assert roc_auc(np.array([0.9, 0.7, 0.7, 0.6]), same) == pytest.approx(0.875)


def test_roc_runs_from_no_accepts_to_all_accepts() -> None:
    fpr, tpr = roc(np.array([0.9, 0.8, 0.7, 0.6]), np.array([True, False, True, False]))
    assert fpr.tolist() == [0, 0, 0.5, 0.5, 1] and tpr.tolist() == [0, 0.5, 0.5, 1, 1]


def test_the_threshold_is_the_score_of_best_balanced_accuracy() -> None:
    scores = np.array([0.9, 0.85, 0.5, 0.4, 0.3])
    same = np.array([True, True, False, True, False])
    # At 0.85 both different pairs are rejected and 2 of 3 same pairs accepted: (2/3 + 1) / 2.
    assert choose_threshold(scores, same) == 0.85
    assert balanced_accuracy(scores, same, 0.85) == pytest.approx((2 / 3 + 1) / 2)
    assert choose_threshold(scores, np.ones(5, dtype=bool)) is None


def test_templates_and_top1() -> None:
    train = np.array([[2.0, 0], [0, 3.0], [1, 1], [0, 1]])
    labels = np.array([0, 1, 0, 1])
    templates = class_templates(train, labels, 2)
    assert np.linalg.norm(templates, axis=1) == pytest.approx([1, 1])
    assert templates[0, 0] > templates[0, 1] and templates[1, 1] > templates[1, 0]
    test = np.array([[1.0, 0.1], [0.9, 0.2], [0.1, 1.0], [1.0, 0.0]])
    scores = score_test(templates, test, np.array([0, 0, 1, 1]), threshold=0.9)
    assert scores is not None and scores.top1 == 0.75 and scores.test == 4
