"""The web server of the filing benchmark: pre-forked worker processes, each a threaded WSGI
server (the gthread model of gunicorn, which is not installed here).

    DATABASE_URL=postgres://... python bench/filing_server.py --workers 2

The parent loads the application once (`jamaati.wsgi`-like, with bench/bench_settings.py:
the project's settings and urlconf plus the bare baseline view), binds the socket, then forks
`--workers` processes that accept on it. Each worker is Django's ThreadedWSGIServer
(socketserver.ThreadingMixIn + wsgiref's WSGIServer) with Django's HTTP/1.1 keep-alive request
handler: one thread per client connection, one database connection per thread (closed with
the client connection), DEBUG off. It prints `READY <json>` with the worker ids and the port
once serving, and stops its workers on SIGTERM (or when its parent is gone).
"""

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _exit_with_parent() -> None:
    """Stop when the process that started this one is gone (no orphan server)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()

    class Handler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # no access log: the benchmark measures the application

    httpd = ThreadedWSGIServer((args.host, args.port), Handler, allow_reuse_address=True)
    httpd.daemon_threads = True
    httpd.socket.listen(128)
    httpd.set_app(application)
    connections.close_all()  # never share a database connection across fork

    workers = []
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_a: os._exit(0))
            _exit_with_parent()
            try:
                httpd.serve_forever(poll_interval=0.5)
            finally:
                os._exit(0)
        workers.append(pid)
    port = httpd.server_address[1]
    httpd.socket.close()

    def stop(*_args: object) -> None:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in workers:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    _exit_with_parent()
    ready = {"master": os.getpid(), "workers": workers, "port": port}
    print("READY " + json.dumps(ready), flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
