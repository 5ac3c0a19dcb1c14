"""Generate realistic cases (dossiers) in bulk, streamed to PostgreSQL with COPY.

    python bench/gen_cases.py --total 1000000 --commune-share 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/jamaati_bench_cases

`--commune-share` cases go to the measured commune (`--commune`, Ben Guerir by default), the
rest are spread uniformly over the other communes of the territory. The database must be
migrated with the territory and a published catalogue (`--setup` runs migrate, load_territory,
load_demo and load_catalogue_demo first). Rows are appended to what is there: numbering
continues each collectivity's sequence of case numbers (the kernel's YearlySequence, series
"cases"), which is moved past the generated numbers at the end, so the application keeps
numbering without collision. `--truncate` empties the cases first.

Rows are produced lazily and written in batches of `--batch` rows, one COPY and one
transaction per batch: memory does not depend on `--total` (the summary prints the peak
resident memory, VmHWM). ANALYZE runs at the end.

What is generated (the shape of a commune's year of requests):
- filed_at over the last two years; the case number is `<code>-<year of filed_at>-<seq>`;
- 30 % open cases (submitted, in filing, waiting for the applicant, appeals, deemed accepted)
  whose due_on mostly falls within +/- 60 days of today (a few long overdue, 3 % with no
  running clock, due_on NULL), 70 % closed ones (accepted, refused with reasons, withdrawn,
  returned...) with decided_at and no due_on;
- applicants from a pool of generated citizen accounts (created once, `gen.citizen.<n>`);
  40 % of the measured commune's open cases assigned to one of its agents;
- the procedure and version of a procedure the collectivity has adopted, else one of the
  measured commune's (a collectivity's cases then point at another's procedure: harmless for
  the queue, which filters by collectivity first).
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COLUMNS = (
    "collectivity_id",
    "number",
    "procedure_id",
    "version_id",
    "state",
    "is_open",
    "channel",
    "applicant_id",
    "applicant_kind",
    "applicant_name",
    "applicant_cin",
    "business_name",
    "business_ice",
    "applicant_email",
    "applicant_phone",
    "filed_by_id",
    "data",
    "assignee_id",
    "filed_at",
    "complete_on",
    "decided_at",
    "decided_on_time",
    "due_on",
    "info_requested",
    "decision_reasons",
    "decision_legal_basis",
    "search_key",
)

# (state, weight in %); open states first. Drafts are transient and not generated.
OPEN = [
    ("submitted", 15.0),
    ("incomplete", 6.0),
    ("awaiting_applicant", 5.0),
    ("deemed_accepted", 1.5),
    ("appeal_president", 1.0),
    ("appeal_governor", 0.75),
    ("ruling_ordered", 0.75),
]
CLOSED = [
    ("accepted", 58.0),
    ("refused", 5.0),
    ("withdrawn", 3.0),
    ("returned", 3.0),
    ("appeal_dismissed", 0.5),
    ("refused_final", 0.5),
]
OPEN_NAMES = {s for s, _w in OPEN}
SERIES = "cases"  # jamaati.cases.models.NUMBER_SERIES
CHANNELS = (["online"] * 6) + (["counter"] * 3) + ["api"]
FIRST = ["Amina", "Youssef", "Fatima", "Mohamed", "Khadija", "Omar", "Salma", "Hassan", "Nadia"]
LAST = ["Benali", "El Amrani", "Tazi", "Alaoui", "Chraibi", "Bennani", "Idrissi", "Ait Lahcen"]
FIRST_AR = ["أمينة", "يوسف", "فاطمة", "محمد", "خديجة", "عمر"]
LAST_AR = ["بنعلي", "العمراني", "التازي", "العلوي", "الشرايبي"]
USER_POOL = 2000
BUSINESS_EVERY = 8


def _peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _setup_django(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("JAMAATI_ENV", "development")
    os.environ.setdefault("JAMAATI_VAR_DIR", str(ROOT / "bench" / "data" / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamaati.settings")
    import django

    django.setup()


def setup_database() -> None:
    """Migrate and load the territory, the demo accounts and the demo catalogue (idempotent)."""
    from io import StringIO

    from django.core.management import call_command

    quiet = {"verbosity": 0, "stdout": StringIO()}
    call_command("migrate", **quiet)
    call_command("load_territory", **quiet)
    call_command("load_demo", **quiet)
    call_command("load_catalogue_demo", **quiet)


def _user_pool(cursor) -> list[tuple[int, str, str, str]]:
    """(id, name, cin, email) of the generated citizens, created on first use."""
    cursor.execute(
        "SELECT count(*) FROM accounts_user WHERE username LIKE 'gen.citizen.%%'", prepare=False
    )
    have = cursor.fetchone()[0]
    if have < USER_POOL:
        now = datetime.now(UTC)
        with cursor.copy(
            "COPY accounts_user (password, is_superuser, username, first_name, last_name,"
            " is_staff, is_active, date_joined, email, cin, phone, preferred_language,"
            " is_email_verified) FROM STDIN"
        ) as copy:
            for n in range(have, USER_POOL):
                first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
                copy.write_row(
                    (
                        "!",
                        False,
                        f"gen.citizen.{n}",
                        first,
                        last,
                        False,
                        True,
                        now,
                        f"gen.citizen.{n}@example.ma",
                        f"GX{n:06d}",
                        f"06{n:08d}",
                        "ar",
                        True,
                    )
                )
    cursor.execute(
        "SELECT id, first_name || ' ' || last_name, cin, email FROM accounts_user"
        " WHERE username LIKE 'gen.citizen.%%' ORDER BY id"
    )
    return cursor.fetchall()


def _catalogue(cursor, commune_id: int) -> tuple[dict[int, list], list]:
    """The published versions per collectivity: {collectivity_id: [(procedure, version)]},
    and the measured commune's list (the fallback for the others)."""
    cursor.execute(
        "SELECT p.collectivity_id, p.id, v.id FROM catalogue_procedure p"
        " JOIN catalogue_procedureversion v ON v.procedure_id = p.id"
        " WHERE v.status = 'published' AND p.template_id IS NOT NULL ORDER BY p.id"
    )
    by_collectivity: dict[int, list] = {}
    for collectivity_id, procedure_id, version_id in cursor.fetchall():
        by_collectivity.setdefault(collectivity_id, []).append((procedure_id, version_id))
    fallback = by_collectivity.get(commune_id)
    if not fallback:
        raise SystemExit("The measured commune has no published procedure: run with --setup.")
    return by_collectivity, fallback


def _agents(cursor, commune_id: int) -> list[int]:
    cursor.execute(
        "SELECT DISTINCT m.user_id FROM core_membership m WHERE m.collectivity_id = %s"
        " AND m.is_active AND m.role IN ('agent', 'collectivity_admin', 'signatory')",
        (commune_id,),
    )
    return [row[0] for row in cursor.fetchall()]


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([s for s, _w in table], weights=[w for _s, w in table])[0]


def _rows(args, ctx, rng: random.Random):
    """Yield the rows one by one (nothing is accumulated)."""
    from django.utils import timezone as dj_timezone

    from jamaati.core.names import search_key

    today = dj_timezone.localdate()
    now = datetime.now(UTC)
    open_weight = sum(w for _s, w in OPEN)
    states_open = OPEN
    states_closed = CLOSED
    others = ctx["others"]
    codes = ctx["codes"]
    counters = ctx["counters"]
    users = ctx["users"]
    empty = "{}"
    data_json = json.dumps({"kind": "summary", "relationship": "holder", "copies": 1})
    share, total = args.commune_share, args.total
    for i in range(total):
        # The measured commune's cases spread evenly through the stream.
        in_commune = (i * share) // total != ((i + 1) * share) // total
        collectivity_id = args.commune_id if in_commune else rng.choice(others)
        versions = ctx["catalogue"].get(collectivity_id) or ctx["fallback"]
        procedure_id, version_id = versions[rng.randrange(len(versions))]
        filed_at = now - timedelta(seconds=rng.randrange(730 * 86400))
        year = filed_at.year
        key = (collectivity_id, year)
        counters[key] = seq = counters.get(key, 0) + 1
        number = f"{codes[collectivity_id]}-{year}-{seq:06d}"
        is_open = rng.random() * 100 < open_weight
        state = _weighted(rng, states_open if is_open else states_closed)
        user_id, name, cin, email = users[rng.randrange(len(users))]
        channel = CHANNELS[rng.randrange(len(CHANNELS))]
        business = i % BUSINESS_EVERY == 0
        business_name = f"Société {LAST[i % len(LAST)]} SARL" if business else ""
        if i % 3 == 0:
            name = f"{FIRST_AR[i % len(FIRST_AR)]} {LAST_AR[i % len(LAST_AR)]}"
        due_on = decided_at = decided_on_time = complete_on = None
        assignee_id = None
        if is_open:
            roll = rng.random()
            if roll < 0.03:
                due_on = None
            elif roll < 0.13:
                due_on = today - timedelta(days=rng.randint(61, 400))
            else:
                due_on = today + timedelta(days=rng.randint(-60, 60))
            if in_commune and ctx["agents"] and rng.random() < 0.4:
                assignee_id = ctx["agents"][rng.randrange(len(ctx["agents"]))]
            if state != "incomplete":
                complete_on = filed_at.date()
        else:
            decided_at = filed_at + timedelta(days=rng.randint(0, 70), hours=rng.randint(0, 8))
            if decided_at > now:
                decided_at = now
            decided_on_time = rng.random() < 0.85
            complete_on = filed_at.date()
        refused = state in ("refused", "refused_final", "appeal_dismissed")
        yield (
            collectivity_id,
            number,
            procedure_id,
            version_id,
            state,
            is_open,
            channel,
            user_id,
            "business" if business else "person",
            name,
            cin,
            business_name,
            "001234567000089" if business else "",
            email,
            "",
            user_id,
            data_json if channel != "counter" else empty,
            assignee_id,
            filed_at,
            complete_on,
            decided_at,
            decided_on_time,
            due_on,
            state == "awaiting_applicant",
            "Dossier non conforme au plan d'aménagement." if refused else "",
            "Loi n° 12.90, art. 43" if refused else "",
            search_key(" ".join([number, name, cin, business_name]))[:400],
        )


def generate(args) -> dict:
    """Write `args.total` cases; return the summary (rows, seconds, rows per second, memory)."""
    from django.db import connection

    started = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor:
        if args.truncate:
            cursor.execute("TRUNCATE cases_case RESTART IDENTITY CASCADE")
            cursor.execute("DELETE FROM core_yearlysequence WHERE series = %s", (SERIES,))
        cursor.execute(
            "SELECT id FROM core_collectivity WHERE code = %s AND kind = 'commune'",
            (args.commune,),
        )
        found = cursor.fetchone()
        if found is None:
            raise SystemExit(f"No commune {args.commune}: run with --setup.")
        args.commune_id = found[0]
        cursor.execute("SELECT id, code FROM core_collectivity WHERE kind = 'commune'")
        codes = dict(cursor.fetchall())
        catalogue, fallback = _catalogue(cursor, args.commune_id)
        cursor.execute(
            "SELECT collectivity_id, year, last FROM core_yearlysequence WHERE series = %s",
            (SERIES,),
        )
        counters = {(c, y): last for c, y, last in cursor.fetchall()}
        ctx = {
            "codes": codes,
            "others": sorted(c for c in codes if c != args.commune_id),
            "catalogue": catalogue,
            "fallback": fallback,
            "counters": counters,
            "users": _user_pool(cursor),
            "agents": _agents(cursor, args.commune_id),
        }
    raw.commit()
    rng = random.Random(args.seed)
    rows = _rows(args, ctx, rng)
    copy_sql = f"COPY cases_case ({', '.join(COLUMNS)}) FROM STDIN"
    bar = _progress(args)
    written = 0
    while written < args.total:
        size = min(args.batch, args.total - written)
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for _ in range(size):
                copy.write_row(next(rows))
        raw.commit()
        written += size
        bar.update(size)
    bar.close()
    with raw.cursor() as cursor:
        # The application numbers after the generated cases.
        cursor.execute(
            "CREATE TEMP TABLE gen_counters (collectivity_id bigint, year smallint, last int)"
        )
        with cursor.copy("COPY gen_counters FROM STDIN") as copy:
            for (collectivity_id, year), last in ctx["counters"].items():
                copy.write_row((collectivity_id, year, last))
        cursor.execute(
            "INSERT INTO core_yearlysequence (collectivity_id, series, year, last)"
            " SELECT collectivity_id, %s, year, last FROM gen_counters"
            " ON CONFLICT (collectivity_id, series, year)"
            " DO UPDATE SET last = GREATEST(core_yearlysequence.last, EXCLUDED.last)",
            (SERIES,),
        )
        cursor.execute("DROP TABLE gen_counters")
    raw.commit()
    generated = time.perf_counter() - started
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")
        cursor.execute("ANALYZE core_yearlysequence")
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE collectivity_id = %s) FROM cases_case",
            (args.commune_id,),
        )
        in_table, in_commune = cursor.fetchone()
    raw.autocommit = False
    seconds = time.perf_counter() - started
    return {
        "rows_written": args.total,
        "commune_share": args.commune_share,
        "cases_in_table": in_table,
        "cases_in_commune": in_commune,
        "copy_seconds": round(generated, 1),
        "seconds_with_vacuum_analyze": round(seconds, 1),
        "rows_per_second": round(args.total / generated) if generated else None,
        "peak_rss_mb": _peak_rss_mb(),
        "batch": args.batch,
    }


def _progress(args):
    if args.quiet:

        class _Silent:
            def update(self, n: int) -> None:
                pass

            def close(self) -> None:
                pass

        return _Silent()
    from tqdm import tqdm

    return tqdm(total=args.total, unit="case", unit_scale=True, desc="cases", smoothing=0.1)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, required=True, help="cases to write")
    parser.add_argument(
        "--commune-share", type=int, default=None, help="of which in --commune (default 10 %%)"
    )
    parser.add_argument("--commune", default="07.427.01.01", help="the measured commune's code")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL URL (default: $DATABASE_URL)",
    )
    parser.add_argument("--batch", type=int, default=20_000, help="rows per COPY/transaction")
    parser.add_argument("--seed", type=int, default=55_19)
    parser.add_argument("--setup", action="store_true", help="migrate and load demo data first")
    parser.add_argument("--truncate", action="store_true", help="delete every case first")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a PostgreSQL URL (COPY is PostgreSQL's)")
    if args.commune_share is None:
        args.commune_share = args.total // 10
    if not 0 <= args.commune_share <= args.total:
        parser.error("--commune-share must be between 0 and --total")
    _setup_django(args.database_url)
    if args.setup:
        setup_database()
    summary = generate(args)
    if args.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return summary


if __name__ == "__main__":
    main()
