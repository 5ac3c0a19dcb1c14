"""Jamaati benchmarks (`make bench`): run every bench/bench_*.py and save results.

Each module exposes `run(progress) -> dict`; results go to bench/results/<name>.json with
the machine and database they were measured on. The database is a scratch one: SQLite under
bench/data/ by default, or DATABASE_URL (PostgreSQL) when set.
"""

import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JAMAATI_ENV", "development")
os.environ.setdefault("JAMAATI_VAR_DIR", str(ROOT / "bench" / "data" / "var"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamaati.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    names = sys.argv[1:] or sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        result = module.run(lambda msg: print(f"   {msg}", flush=True))
        result["_meta"] = {
            "database": connection.vendor,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "seconds": round(time.perf_counter() - started, 1),
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        out = results_dir / f"{name.removeprefix('bench_')}-{connection.vendor}.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        print(f"   -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
