"""评议评分项: the criteria an expert may score an application on, per series, read from
evaluation/data/criteria.yaml (a default set for the series not listed). Scores are optional
(rule 28: the written opinions inform the vote, they do not decide it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "criteria.yaml"
WEIGHT_TOTAL = 100


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: int
    max: Decimal


def _criteria(rows) -> tuple[Criterion, ...]:
    return tuple(
        Criterion(
            key=str(r["key"]), label=str(r["label"]), weight=int(r["weight"]), max=Decimal(str(r["max"]))
        )
        for r in rows
    )


def problems(data: dict) -> list[str]:
    """What is wrong with a criteria file's content (empty when valid): every set non-empty, keys
    unique, weights positive and summing to 100, maxima positive."""
    found = []
    sets = {"default": data.get("default")} | {
        f"series {k}": v for k, v in (data.get("series") or {}).items()
    }
    for name, rows in sets.items():
        if not rows:
            found.append(f"{name}: no criteria")
            continue
        keys = [r.get("key") for r in rows]
        if len(set(keys)) != len(keys) or not all(keys):
            found.append(f"{name}: keys missing or repeated")
        if not all(r.get("label") for r in rows):
            found.append(f"{name}: a label is missing")
        weights = [r.get("weight") for r in rows]
        if not all(isinstance(w, int) and w > 0 for w in weights):
            found.append(f"{name}: weights must be positive integers")
        elif sum(weights) != WEIGHT_TOTAL:
            found.append(f"{name}: weights sum to {sum(weights)}, not {WEIGHT_TOTAL}")
        if not all(isinstance(r.get("max"), int | float) and r.get("max") > 0 for r in rows):
            found.append(f"{name}: maximum scores must be positive")
    return found


@cache
def _load() -> tuple[tuple[Criterion, ...], dict[str, tuple[Criterion, ...]]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    wrong = problems(data)
    if wrong:
        raise ValueError(f"{DATA}: " + "; ".join(wrong))
    return _criteria(data["default"]), {k: _criteria(v) for k, v in (data.get("series") or {}).items()}


def criteria_for(series_name: str | None) -> tuple[Criterion, ...]:
    """The criteria of a series (by its name), else the default set."""
    default, by_series = _load()
    return by_series.get(series_name or "", default)
