"""Evaluate the cross-script name keys on bench/names/pairs.csv (pure Python, no database).

For each method, a pair is predicted "same name" or not, and compared with its label:
- `phonetic_key ==`: the two phonetic keys are equal (what an exact index lookup finds);
- `name_similarity >= t`: the ranking score reaches the match threshold;
- baseline `trigram >= t`: pg_trgm-style trigram similarity of the raw lower-cased strings
  (what `similarity(name, query)` on the raw names gives), at pg_trgm's default 0.3 and at t.

Prints a table and writes bench/results/names-keys.json.
Run: .venv/bin/python bench/names/evaluate.py
"""

import csv
import json
import platform
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from jamaati.core.names import (  # noqa: E402
    MATCH_THRESHOLD,
    name_similarity,
    phonetic_key,
)

PAIRS = ROOT / "bench" / "names" / "pairs.csv"
RESULTS = ROOT / "bench" / "results" / "names-keys.json"


def raw_trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): words lower-cased, padded with two spaces before, one after."""

    def grams(text: str) -> set[str]:
        out = set()
        for word in re.findall(r"\w+", text.lower()):
            padded = f"  {word} "
            out |= {padded[i : i + 3] for i in range(len(padded) - 2)}
        return out

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def score(rows: list[dict[str, str]], predicted: list[bool]) -> dict[str, float | int]:
    tp = sum(p and r["match"] == "1" for p, r in zip(predicted, rows, strict=True))
    fp = sum(p and r["match"] == "0" for p, r in zip(predicted, rows, strict=True))
    fn = sum(not p and r["match"] == "1" for p, r in zip(predicted, rows, strict=True))
    tn = sum(not p and r["match"] == "0" for p, r in zip(predicted, rows, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        # Share of look-alike (different-name) pairs wrongly called the same name.
        "false_match_rate": round(fp / (fp + tn), 4) if fp + tn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def main() -> None:
    with PAIRS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    started = time.perf_counter()
    key_equal = [phonetic_key(r["a"]) == phonetic_key(r["b"]) for r in rows]
    similarity = [name_similarity(r["a"], r["b"]) for r in rows]
    seconds = time.perf_counter() - started
    baseline = [raw_trigram_similarity(r["a"], r["b"]) for r in rows]

    methods = {
        "phonetic_key ==": key_equal,
        f"name_similarity >= {MATCH_THRESHOLD}": [s >= MATCH_THRESHOLD for s in similarity],
        "baseline trigram >= 0.3": [s >= 0.3 for s in baseline],
        f"baseline trigram >= {MATCH_THRESHOLD}": [s >= MATCH_THRESHOLD for s in baseline],
    }
    subsets = {
        "all": lambda r: True,
        "arabic-latin": lambda r: r["kind"] == "arabic-latin",
        "latin-latin": lambda r: r["kind"] == "latin-latin",
        "holdout": lambda r: r["source"] == "holdout",
    }
    results: dict[str, object] = {}
    print(f"{len(rows)} pairs ({sum(r['match'] == '1' for r in rows)} match)")
    print(
        f"{'method':32} {'subset':13} {'precision':>9} {'recall':>7} {'f1':>6} {'false-match':>11}"
    )
    for name, predicted in methods.items():
        results[name] = {}
        for subset, keep in subsets.items():
            idx = [i for i, r in enumerate(rows) if keep(r)]
            figures = score([rows[i] for i in idx], [predicted[i] for i in idx])
            results[name][subset] = figures  # type: ignore[index]
            print(
                f"{name:32} {subset:13} {figures['precision']:9.3f} {figures['recall']:7.3f} "
                f"{figures['f1']:6.3f} {figures['false_match_rate']:11.3f}"
            )

    sweep = {}
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        ours = score(rows, [s >= t for s in similarity])
        base = score(rows, [s >= t for s in baseline])
        sweep[str(t)] = {"name_similarity": ours, "baseline": base}
    print("\nthreshold sweep (all pairs): precision / recall")
    for t, entry in sweep.items():
        o, b = entry["name_similarity"], entry["baseline"]
        print(
            f"  t={t}: name_similarity {o['precision']:.3f} / {o['recall']:.3f}"
            f"   baseline {b['precision']:.3f} / {b['recall']:.3f}"
        )

    missed = [
        (r["a"], r["b"], phonetic_key(r["a"]), phonetic_key(r["b"]), s)
        for r, s in zip(rows, similarity, strict=True)
        if r["match"] == "1" and s < MATCH_THRESHOLD
    ]
    false_matches = [
        (r["a"], r["b"], phonetic_key(r["a"]), phonetic_key(r["b"]), s)
        for r, s in zip(rows, similarity, strict=True)
        if r["match"] == "0" and s >= MATCH_THRESHOLD
    ]
    print(f"\nmissed matches: {len(missed)}; false matches: {len(false_matches)}")
    for label, items in (("missed", missed), ("false", false_matches)):
        for a, b, ka, kb, s in items[:25]:
            print(f"  {label:6} {a!r:28} {b!r:28} {ka:>14} {kb:>14} {s:.2f}")

    results["threshold"] = MATCH_THRESHOLD
    results["sweep"] = sweep
    results["missed_matches"] = [list(m) for m in missed]
    results["false_matches"] = [list(m) for m in false_matches]
    results["_meta"] = {
        "pairs": len(rows),
        "matching_pairs": sum(r["match"] == "1" for r in rows),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}",
        "keys_and_similarity_seconds": round(seconds, 3),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
