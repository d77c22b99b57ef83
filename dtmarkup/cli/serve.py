"""``dtmarkup serve``: the HTTP API and web page (needs ``pip install 'dtmarkup[serve]'``)."""

from __future__ import annotations

import signal
from types import FrameType

import click

from dtmarkup.serve.settings import DEFAULT_MAX_BODY, DEFAULT_PORT, DEFAULT_QUEUE, DEFAULT_TIMEOUT


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
    help="TCP port to listen on.",
)  # fmt: skip
@click.option(
    "--workers", type=click.IntRange(min=1), default=2, show_default=True,
    envvar="DTMARKUP_SERVE_WORKERS", help="Worker processes that run the checks.",
)  # fmt: skip
@click.option(
    "--max-body", type=click.IntRange(min=1), default=DEFAULT_MAX_BODY, show_default=True,
    envvar="DTMARKUP_SERVE_MAX_BODY",
    help="Largest request body in bytes, after gzip decompression (413 past it).",
)  # fmt: skip
@click.option(
    "--timeout", type=click.FloatRange(min=0.01), default=DEFAULT_TIMEOUT, show_default=True,
    envvar="DTMARKUP_SERVE_TIMEOUT", help="Seconds one request may take (504 past it).",
)  # fmt: skip
@click.option(
    "--queue", type=click.IntRange(min=0), default=DEFAULT_QUEUE, show_default=True,
    envvar="DTMARKUP_SERVE_QUEUE",
    help="Requests that may wait for a worker; more are answered 503 with Retry-After.",
)  # fmt: skip
@click.option(
    "--forwarded-allow-ips", envvar="DTMARKUP_SERVE_FORWARDED_ALLOW_IPS", default="127.0.0.1",
    show_default=True,
    help="Reverse proxies whose X-Forwarded-For/-Proto headers are trusted ('*': any).",
)  # fmt: skip
@click.option("--no-access-log", is_flag=True, help="Do not log one JSON line per request.")
def serve_command(
    host: str,
    port: int,
    workers: int,
    max_body: int,
    timeout: float,
    queue: int,
    forwarded_allow_ips: str,
    no_access_log: bool,
) -> None:
    """Serve the HTTP API (/v1/...) and the web page (/) until SIGTERM or Ctrl-C.

    On SIGTERM it stops accepting connections, answers the requests in flight, then
    exits 0. Logs go to standard error, one JSON object per line.
    """
    try:
        import uvicorn

        from dtmarkup.serve.app import create_app
        from dtmarkup.serve.observe import log_config
        from dtmarkup.serve.settings import Settings
    except ImportError as exc:
        raise click.UsageError(
            f"dtmarkup serve needs the serve extra ({exc.name} is missing): "
            "pip install 'dtmarkup[serve]'"
        ) from None
    settings = Settings(
        host=host,
        port=port,
        workers=workers,
        max_body=max_body,
        timeout=timeout,
        queue=queue,
        log_requests=not no_access_log,
    )
    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        log_config=log_config(),
        access_log=False,
        server_header=False,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        # A backstop behind the app's own admission count (which answers 503 with
        # Retry-After): connections beyond this many are refused by uvicorn itself.
        limit_concurrency=max(1024, 4 * settings.admitted),
        # The drain: requests in flight may take up to the time limit.
        timeout_graceful_shutdown=int(timeout) + 5,
    )
    # uvicorn drains on SIGTERM, then raises the signal again under the handler in place
    # before it started: make that handler an ordinary exit, status 0.
    signal.signal(signal.SIGTERM, _drained)
    uvicorn.Server(config).run()


def _drained(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)
