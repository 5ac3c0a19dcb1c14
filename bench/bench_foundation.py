"""Foundation: territory load (cold and idempotent reload) and public read latency."""

import statistics
import time
from io import StringIO

from django.core.management import call_command
from django.test import Client


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "n": len(ordered),
    }


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _wipe_territory() -> None:
    """Empty the scratch database's tree (children first: parents are protected)."""
    from jamaati.core.access.models import Membership
    from jamaati.core.audit.models import AuditEvent, AuditHead
    from jamaati.core.tenancy.models import Collectivity

    AuditEvent.objects.all().delete()
    AuditHead.objects.all().delete()
    Membership.objects.all().delete()
    for depth in range(4, -1, -1):
        Collectivity.objects.filter(depth=depth).delete()


def run(progress) -> dict:
    from jamaati.core.tenancy.models import Collectivity

    call_command("migrate", verbosity=0)
    _wipe_territory()
    quiet = {"verbosity": 0, "stdout": StringIO()}
    progress("territory: cold load")
    cold = _time(lambda: call_command("load_territory", **quiet))
    progress(f"cold load {cold:.2f}s; idempotent reload")
    warm = _time(lambda: call_command("load_territory", **quiet))
    client = Client(HTTP_HOST="127.0.0.1")
    urls = {
        "home_ar": "/ar/",
        "commune_page_ar": "/ar/c/07.427.01.01/",
        "province_page_fr": "/fr/c/07.427/",
        "search_fr": "/fr/search/?q=fes",
        "api_list_communes": "/api/v1/collectivities?kind=commune&limit=50",
        "api_search": "/api/v1/collectivities?q=%D8%A7%D9%83%D8%A7%D8%AF%D9%8A%D8%B1",
        "api_detail": "/api/v1/collectivities/07.427.01.01",
    }
    latency = {}
    for name, url in urls.items():
        for _ in range(5):
            client.get(url)
        samples = []
        for _ in range(100):
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        latency[name] = _percentiles(samples)
        progress(f"{name}: p50 {latency[name]['p50_ms']} ms, p95 {latency[name]['p95_ms']} ms")
    return {
        "territory_units": Collectivity.objects.count(),
        "territory_cold_load_s": round(cold, 2),
        "territory_reload_s": round(warm, 2),
        "latency_in_process": latency,
    }
