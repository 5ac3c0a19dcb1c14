"""Cases at scale, on PostgreSQL: filing throughput through the API against a bare insert
view, an agent's queue latency at growing volumes, the data generator's memory, and a web
worker's peak memory. See bench/README.md for what each figure means.

Settings (environment variables):
- BENCH_CASES_DATABASE_URL: the scratch database, dropped and recreated on each run
  (default: database `jamaati_bench_cases` on the server of DATABASE_URL when that is
  PostgreSQL, else on postgres://postgres@127.0.0.1:5432);
- BENCH_CASES_VOLUMES: the queue volumes, comma-separated (default 10000,1000000); 10 % of
  each volume is in the agent's commune; the largest volume lives in the scratch database
  (where filing is then measured), each other one in `<scratch database>_<volume>`, so that
  the queue is measured at every volume in interleaved rounds;
- BENCH_CASES_MEMORY_PROBE: an extra generator run for the memory comparison (default
  100000; 0 to skip);
- BENCH_CASES_FILING_SECONDS: the duration of each filing phase (default 20);
- BENCH_CASES_CLIENTS (16), BENCH_CASES_WORKERS (2), BENCH_CASES_COMMUNES (32),
  BENCH_CASES_QUEUE_REQUESTS (200).
"""

import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parent.parent
COMMUNE = "07.427.01.01"  # Ben Guerir, where the demo catalogue is adopted
PROCEDURE_SLUG = "civil-status-extract"  # online, a short form of choices
FORM_DATA = {"kind": "summary", "relationship": "holder", "copies": 1}
AGENT = "agent.benguerir"
CITIZENS = 64


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _volumes() -> list[int]:
    raw = os.environ.get("BENCH_CASES_VOLUMES", "10000,1000000")
    return [int(v) for v in raw.split(",") if v.strip()]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


# --- the scratch database --------------------------------------------------------------------


def scratch_url() -> str:
    explicit = os.environ.get("BENCH_CASES_DATABASE_URL")
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/jamaati_bench_cases"))


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("jamaati_bench"):
        raise SystemExit(f"Refusing to drop {name!r}: the scratch database is jamaati_bench*.")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def use_database(url: str):
    """Point Django's default connection at `url` for the duration, then restore it."""
    import dj_database_url
    from django.db import connections

    original = connections.settings["default"]
    connections.close_all()
    parsed = dj_database_url.parse(url, conn_max_age=60)
    fresh = connections.configure_settings({"default": parsed})["default"]
    connections.settings["default"] = fresh
    _forget_default(connections)
    try:
        yield
    finally:
        connections.close_all()
        connections.settings["default"] = original
        _forget_default(connections)


def _forget_default(connections) -> None:
    with suppress(AttributeError):
        del connections["default"]


def _setup(progress) -> dict:
    """Migrate, load territory, demo accounts and catalogue; adopt the filing procedure in
    more communes; create the citizens with their API tokens and the bare view's table."""
    from django.core.management import call_command
    from django.db import connection

    from bench.bare_urls import BARE_TABLE_SQL
    from jamaati.accounts.models import User
    from jamaati.accounts.services import SystemActor
    from jamaati.accounts.services.tokens import token_create
    from jamaati.catalogue.demo import OFFICE_HOURS
    from jamaati.catalogue.models import Procedure, VersionStatus
    from jamaati.catalogue.services import CommandActor, procedure_adopt
    from jamaati.core.tenancy.models import Collectivity

    quiet = {"verbosity": 0, "stdout": StringIO()}
    started = time.perf_counter()
    call_command("migrate", **quiet)
    call_command("load_territory", **quiet)
    call_command("load_demo", **quiet)
    call_command("load_catalogue_demo", **quiet)
    progress(f"scratch database ready in {time.perf_counter() - started:.1f}s")
    with connection.cursor() as cursor:
        cursor.execute(BARE_TABLE_SQL)

    template = Procedure.objects.get(
        collectivity__code="MA", slug=PROCEDURE_SLUG, template__isnull=True
    )
    wanted = _env_int("BENCH_CASES_COMMUNES", 32)
    rng = random.Random(1519)
    communes = list(
        Collectivity.objects.filter(kind="commune").exclude(code=COMMUNE).order_by("code")
    )
    actor = CommandActor("bench_cases")
    for commune in rng.sample(communes, wanted - 1):
        procedure_adopt(
            actor=actor,
            template=template,
            collectivity=commune,
            service_ar="مكتب الحالة المدنية",
            service_fr="Bureau de l'état civil",
            office_hours=OFFICE_HOURS,
        )
    procedures = list(
        Procedure.objects.filter(template=template, versions__status=VersionStatus.PUBLISHED)
        .select_related("collectivity")
        .order_by("pk")
    )
    home = next(p for p in procedures if p.collectivity.code == COMMUNE)
    tokens = []
    system = SystemActor("bench_cases")
    for n in range(CITIZENS):
        user = User.objects.create_user(
            username=f"bench.citizen.{n}",
            email=f"bench.citizen.{n}@example.ma",
            cin=f"BX{n:06d}",
            first_name="Amina",
            last_name=f"Bench {n}",
            is_email_verified=True,
        )
        tokens.append(token_create(actor=system, user=user, name="bench")[1])
    return {
        "home_procedure": home.pk,
        "spread_procedures": [p.pk for p in procedures],
        "tokens": tokens,
    }


# --- the filing benchmark --------------------------------------------------------------------


def _start_server(url: str, workers: int) -> tuple[subprocess.Popen, dict]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "JAMAATI_ENV": "production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_DEBUG": "false",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    # The server's output (console e-mails of the notifications) goes to a file: a pipe left
    # unread would block the workers once full.
    log = ROOT / "bench" / "data" / "filing_server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        server = str(ROOT / "bench" / "filing_server.py")
        process = subprocess.Popen(
            [sys.executable, server, "--port", "0", "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith("READY "):
                return process, json.loads(line.removeprefix("READY "))
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the filing server did not start; see {log}")


def _stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _vm(pid: int, key: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        pass
    return 0.0


def _load(port: int, path: str, bodies, tokens: list[str], clients: int, seconds: float) -> dict:
    """`clients` threads, each on its own keep-alive connection, POST to `path` until the
    time is up (after a short warm-up); every answer must be 201."""
    barrier = threading.Barrier(clients + 1)
    go = threading.Event()
    stop_at = [0.0]
    results: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
        if tokens:
            headers["Authorization"] = f"Bearer {tokens[index % len(tokens)]}"
        rng = random.Random(index)

        def post() -> None:
            conn.request("POST", path, body=bodies(rng), headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status != 201:
                errors.append(f"{response.status} {payload[:300]!r}")

        for _ in range(3):
            post()
        barrier.wait()
        go.wait()
        samples = results[index]
        while True:
            started = time.perf_counter()
            if started >= stop_at[0]:
                break
            post()
            samples.append(time.perf_counter() - started)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()  # every client warmed up
    started = time.perf_counter()
    stop_at[0] = started + seconds
    go.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = [s for per_client in results for s in per_client]
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests on {path}, first: {errors[0]}")
    return {
        "load_average_1m_after": round(os.getloadavg()[0], 1),
        "requests": len(samples),
        "seconds": round(elapsed, 1),
        "per_second": round(len(samples) / elapsed, 1),
        "latency": _percentiles(samples),
    }


def _filing_path(port: int, token: str, procedure: int) -> tuple[str, str]:
    """POST /api/v1/cases once the API has it (one probe filing), else the bench's stand-in
    (the same case_submit behind the same bearer token); with the probe's answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        "/api/v1/cases",
        body=json.dumps({"procedure_id": procedure, "data": FORM_DATA}),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    response = conn.getresponse()
    answer = f"{response.status} {response.read()[:200].decode(errors='replace')}"
    conn.close()
    return ("/api/v1/cases" if response.status in (200, 201) else "/bench/file/"), answer


def filing_queries(setup: dict, path: str) -> dict:
    """SQL statements of one filing and of one bare insert, in process (test client)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    body = json.dumps({"procedure_id": setup["home_procedure"], "data": FORM_DATA})
    counts = {}
    for name, target, headers in (
        ("filing", path, {"authorization": f"Bearer {setup['tokens'][-1]}"}),
        ("bare_insert", "/bench/bare/", {}),
    ):
        with override_settings(
            ROOT_URLCONF="bench.bare_urls",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ):
            for _ in range(2):
                client.post(target, body, content_type="application/json", headers=headers)
            with CaptureQueriesContext(connection) as captured:
                response = client.post(
                    target, body, content_type="application/json", headers=headers
                )
        assert response.status_code == 201, (target, response.status_code)
        statements = [q["sql"].split()[0].upper() for q in captured.captured_queries]
        counts[name] = {
            "statements": len(statements),
            "by_kind": {k: statements.count(k) for k in sorted(set(statements))},
        }
    return counts


def bench_filing(url: str, setup: dict, progress) -> dict:
    clients = _env_int("BENCH_CASES_CLIENTS", 16)
    workers = _env_int("BENCH_CASES_WORKERS", 2)
    seconds = float(os.environ.get("BENCH_CASES_FILING_SECONDS", "20"))
    home, spread = setup["home_procedure"], setup["spread_procedures"]

    def bare_body(rng: random.Random) -> str:
        return json.dumps({"procedure_id": home, "data": FORM_DATA})

    def home_body(rng: random.Random) -> str:
        return json.dumps({"procedure_id": home, "data": FORM_DATA})

    def spread_body(rng: random.Random) -> str:
        return json.dumps({"procedure_id": rng.choice(spread), "data": FORM_DATA})

    process, pids = _start_server(url, workers)
    try:
        path, probe = _filing_path(pids["port"], setup["tokens"][0], home)
        progress(f"server up: {workers} workers (pids {pids['workers']}), filing via {path}")
        phases = {}
        for name, target, body, tokens in (
            ("bare_insert", "/bench/bare/", bare_body, []),
            ("file_one_commune", path, home_body, setup["tokens"]),
            ("file_spread", path, spread_body, setup["tokens"]),
        ):
            phases[name] = _load(pids["port"], target, body, tokens, clients, seconds)
            latency = phases[name]["latency"]
            progress(
                f"{name}: {phases[name]['per_second']}/s, "
                f"p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms"
            )
        memory = {
            "worker_peak_rss_mb": max(_vm(pid, "VmHWM") for pid in pids["workers"]),
            "workers_peak_rss_mb": [_vm(pid, "VmHWM") for pid in pids["workers"]],
            "master_rss_mb": _vm(pids["master"], "VmRSS"),
        }
    finally:
        _stop_server(process)
    queries = filing_queries(setup, path)
    progress(f"statements per request: {queries}")
    bare = phases["bare_insert"]["per_second"]
    return {
        "server": (
            f"bench/filing_server.py: {workers} pre-forked worker processes, each Django's "
            "ThreadedWSGIServer (wsgiref + ThreadingMixIn, HTTP/1.1 keep-alive), production "
            "settings with DEBUG off, CONN_MAX_AGE 60"
        ),
        "clients": clients,
        "seconds_per_phase": seconds,
        "filing_endpoint": path,
        "api_probe": probe,
        "procedure": PROCEDURE_SLUG,
        "spread_communes": len(spread),
        "phases": phases,
        "ratio_one_commune": round(phases["file_one_commune"]["per_second"] / bare, 3),
        "ratio_spread": round(phases["file_spread"]["per_second"] / bare, 3),
        "ratio_goal": 0.33,
        "sql_statements_per_request": queries,
        "memory": memory,
        "memory_goal_mb": 250,
    }


# --- the generator ---------------------------------------------------------------------------


def generate(url: str, total: int, share: int, *, truncate: bool) -> dict:
    command = [
        sys.executable,
        str(ROOT / "bench" / "gen_cases.py"),
        "--total",
        str(total),
        "--commune-share",
        str(share),
        "--database-url",
        url,
        "--json",
        "--quiet",
    ]
    if truncate:
        command.append("--truncate")
    started = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    summary["wall_seconds"] = round(time.perf_counter() - started, 1)
    return summary


# --- the queue -------------------------------------------------------------------------------


def _staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    agent = get_user_model().objects.get(username=AGENT)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(agent, backend="jamaati.accounts.backends.EmailOrUsernameBackend")
    device = TOTPDevice.objects.filter(user=agent, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return agent, client


QUEUE_ROWS = """{% for case in page %}<tr><td>{{ case.number }}</td><td>{{ case.state_label }}</td>
<td>{{ case.display_applicant }}</td><td>{{ case.version }}</td><td>{{ case.assignee }}</td>
<td>{{ case.due_on|date:"SHORT_DATE_FORMAT" }}</td></tr>{% endfor %}{{ page.paginator.count }}"""


def _queue_fetchers(agent, client):
    """{name: fetch()} for the default page and the overdue page: the real page when the
    back office has `bo:case-list`, else the selector plus a 25-row rendering."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("bo:case-list", kwargs={"code": COMMUNE})
    except NoReverseMatch:
        url = None
    if url is not None:

        def page(query: str):
            def fetch():
                response = client.get(url + query)
                assert response.status_code == 200, (url, query, response.status_code)

            return fetch

        return url, {"default": page(""), "overdue": page("?due=overdue")}

    from django.core.paginator import Paginator
    from django.template import Context, Template
    from django.utils import translation

    from jamaati.cases.selectors import QUEUE_PAGE_SIZE, QueueFilters, case_queue
    from jamaati.core.tenancy.models import Collectivity

    commune = Collectivity.objects.get(code=COMMUNE)
    template = Template(QUEUE_ROWS)

    def rendered(filters):
        def fetch():
            with translation.override("ar"):
                qs = case_queue(agent, collectivity=commune, filters=filters)
                page = Paginator(qs, QUEUE_PAGE_SIZE).page(1)
                template.render(Context({"page": page}))

        return fetch

    return "selector case_queue + 25-row rendering (no page yet)", {
        "default": rendered(QueueFilters()),
        "overdue": rendered(QueueFilters(due="overdue")),
    }


def _explain(agent) -> dict:
    """EXPLAIN ANALYZE of the queue's page query (the page reads one row more than a page
    to know whether there is a next one, and counts nothing)."""
    from jamaati.cases.selectors import QUEUE_PAGE_SIZE, QueueFilters, case_queue
    from jamaati.core.tenancy.models import Collectivity

    commune = Collectivity.objects.get(code=COMMUNE)
    plans = {}
    for name, filters in (("default", QueueFilters()), ("overdue", QueueFilters(due="overdue"))):
        qs = case_queue(agent, collectivity=commune, filters=filters)
        plans[name] = qs[: QUEUE_PAGE_SIZE + 1].explain(analyze=True).splitlines()
    return plans


def bench_queue(urls: dict[int, str], progress) -> dict:
    """The queue pages at every volume, each volume in its own database, measured in
    interleaved rounds (every volume in turn, 10 rounds) so that a change of the machine's
    load during the run weighs on every volume alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    requests = _env_int("BENCH_CASES_QUEUE_REQUESTS", 200)
    rounds = 10
    per_round = max(requests // rounds, 1)
    states: dict[int, dict] = {}
    for volume, url in urls.items():
        with use_database(url):
            agent, client = _staff_client()
            measured, fetchers = _queue_fetchers(agent, client)
            state = {"measured": measured, "fetchers": fetchers, "samples": {}, "queries": {}}
            for name, fetch in fetchers.items():
                for _ in range(10):
                    fetch()
                with CaptureQueriesContext(connection) as first:
                    fetch()
                queries_first = len(first.captured_queries)  # now: requests reset the log
                with CaptureQueriesContext(connection) as second:
                    fetch()
                state["queries"][name] = (len(second.captured_queries), queries_first)
                state["samples"][name] = []
            state["explain"] = _explain(agent)
            states[volume] = state
    for _ in range(rounds):
        for volume, url in urls.items():
            state = states[volume]
            with use_database(url):
                for name, fetch in state["fetchers"].items():
                    for _ in range(3):  # the connection was just opened
                        fetch()
                    for _ in range(per_round):
                        started = time.perf_counter()
                        fetch()
                        state["samples"][name].append(time.perf_counter() - started)
    out = {}
    for volume, state in states.items():
        result = {"measured": state["measured"]}
        for name, samples in state["samples"].items():
            queries, queries_first = state["queries"][name]
            result[name] = {
                **_percentiles(samples),
                "queries": queries,
                "queries_first_request": queries_first,
            }
            progress(
                f"queue {volume} {name}: p50 {result[name]['p50_ms']} ms, "
                f"p95 {result[name]['p95_ms']} ms, {queries} queries"
            )
        result["explain"] = state["explain"]
        out[str(volume)] = result
    return out


# --- the whole run ---------------------------------------------------------------------------


def _volume_url(url: str, volume: int, largest: int) -> str:
    """The largest volume in the main scratch database, each other in its own."""
    if volume == largest:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path}_{volume}"))


def run(progress) -> dict:
    from django.db import connection

    started = time.perf_counter()
    url = scratch_url()
    volumes = _volumes()
    if not volumes:
        raise SystemExit("BENCH_CASES_VOLUMES names no volume")
    largest = max(volumes)
    urls = {volume: _volume_url(url, volume, largest) for volume in volumes}
    if connection.vendor != "postgresql":
        progress(f"measuring on PostgreSQL ({url}); the figures go to cases-postgresql.json")
    result: dict = {
        "database_url": url.split("@")[-1],
        "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
    }
    setups = {}
    for volume, volume_url in urls.items():
        _recreate_database(volume_url)
        with use_database(volume_url):
            setups[volume] = _setup(progress)
    generator = {}
    probe = _env_int("BENCH_CASES_MEMORY_PROBE", 100_000)
    if probe:
        progress(f"generator memory probe: {probe} cases")
        generator[f"probe_{probe}"] = generate(url, probe, probe // 10, truncate=True)
        progress(f"  {generator[f'probe_{probe}']}")
    for volume, volume_url in urls.items():
        progress(f"generating {volume} cases ({volume // 10} in {COMMUNE})")
        generator[str(volume)] = generate(volume_url, volume, volume // 10, truncate=True)
        progress(f"  {generator[str(volume)]}")
    result["generator"] = generator
    result["queue"] = queue = bench_queue(urls, progress)
    if len(volumes) >= 2:
        low, high = queue[str(min(volumes))], queue[str(largest)]
        result["queue_p95_ratio"] = {
            name: round(high[name]["p95_ms"] / low[name]["p95_ms"], 2)
            for name in ("default", "overdue")
        }
        result["queue_p95_ratio_goal"] = 1.5
    with use_database(url):
        progress(f"filing with {largest} cases in the table")
        result["filing"] = bench_filing(url, setups[largest], progress)
    result["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    out = ROOT / "bench" / "results" / "cases-postgresql.json"
    if connection.vendor != "postgresql":
        # run.py names its file after the default database; keep the figures under their name.
        import platform

        result["_meta"] = {
            "database": "postgresql",
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "seconds": round(time.perf_counter() - started, 1),
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return {"measured_on": "postgresql", "results": "bench/results/cases-postgresql.json"}
    return result
