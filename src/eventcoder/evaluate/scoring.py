"""Precision, recall and F1 counters."""

from __future__ import annotations

from dataclasses import dataclass


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def f1(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[2]

    def as_dict(self) -> dict[str, float | int]:
        p, r, f = prf(self.tp, self.predicted, self.gold)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}
