"""The service's settings: where it listens and what one request may cost."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PORT = 8787
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
DEFAULT_QUEUE = 32


@dataclass(frozen=True, slots=True)
class Settings:
    """Every limit has a default that suits articles with a wide margin, and a flag and an
    environment variable (``SETTING_NAMES``) to change it."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = 2
    """Worker processes that run the checks (the schema and rules compiled once in each)."""
    max_body: int = DEFAULT_MAX_BODY
    """Bytes of one request body, after gzip decompression."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds from the moment a request is admitted until its answer (504 past it)."""
    queue: int = DEFAULT_QUEUE
    """Requests admitted beyond those the workers are running; more get 503."""
    retry_after: int = 1
    """Seconds a client told 503 should wait before trying again."""
    log_requests: bool = True
    """One JSON line per request on standard error."""

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.max_body < 1:
            raise ValueError("max_body must be at least 1")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.queue < 0:
            raise ValueError("queue must be 0 or more")

    @property
    def admitted(self) -> int:
        """Requests handled at once (reading, waiting or running); more get 503."""
        return self.workers + self.queue


SETTING_NAMES = {
    "max_body": "--max-body or DTMARKUP_SERVE_MAX_BODY",
    "timeout": "--timeout or DTMARKUP_SERVE_TIMEOUT",
    "queue": "--queue or DTMARKUP_SERVE_QUEUE",
    "workers": "--workers or DTMARKUP_SERVE_WORKERS",
}
"""How a user changes each limit: named in the answers that enforce it."""
