"""Requests per second per client address: a token bucket for each, in this process.

``RATE_LIMIT`` tokens a second refill each client's bucket, which holds at most
``RATE_BURST``; every request but those for ``/static/`` takes one, and a client whose bucket
is empty is answered 429 with ``Retry-After`` (whole seconds until a token is back), in the
service's one error shape (service/errors.py). ``RATE_LIMIT`` 0 turns it off. Addresses in
``RATE_LIMIT_EXEMPT`` (by default the loopback ones) are never counted: behind the reverse
proxy docs/security.md recommends, every request comes from 127.0.0.1, and the proxy limits
per real client (``limit_req``).

The check is WSGI middleware outside everything else, the /sparql fast path included
(service/sparql/fast_path.py); a refused request goes on to Flask marked, and Flask answers
it before any view runs.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import TooManyRequests

from kg.errors import ConfigError

#: environ key: seconds the client should wait (set on a refused request)
RETRY_AFTER = "factkg.retry_after"
#: buckets kept before full ones are forgotten (a full bucket is the same as none)
MAX_CLIENTS = 10_000
EXEMPT_PATHS = ("/static/",)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """One bucket per client address; thread-safe."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when ``client`` may go on (a token taken); else the seconds until it may."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= MAX_CLIENTS:
                    self._forget_full(now)
                bucket = self._buckets[client] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        for client, b in list(self._buckets.items()):
            if b.tokens + (now - b.stamp) * self.rate >= self.burst:
                del self._buckets[client]
        if len(self._buckets) >= MAX_CLIENTS:  # all busy: drop the oldest half
            for client in sorted(self._buckets, key=lambda c: self._buckets[c].stamp)[
                : MAX_CLIENTS // 2
            ]:
                del self._buckets[client]


class RateLimit:
    """WSGI middleware: marks requests over their client's limit (see the module docstring)."""

    def __init__(self, wsgi_app: WSGIApp, buckets: TokenBuckets, exempt: tuple[Network, ...]):
        self.next = wsgi_app
        self.buckets = buckets
        self.exempt = exempt

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO") or "")
        client = str(environ.get("REMOTE_ADDR") or "")
        if not path.startswith(EXEMPT_PATHS) and not self._exempt(client):
            wait = self.buckets.take(client)
            if wait > 0:
                environ[RETRY_AFTER] = max(1, math.ceil(wait))
        return self.next(environ, start_response)

    def _exempt(self, client: str) -> bool:
        try:
            address = ipaddress.ip_address(client.split("%")[0])
        except ValueError:
            return False
        return any(address in net for net in self.exempt)


def _refuse_marked() -> None:
    wait = request.environ.get(RETRY_AFTER)
    if wait is not None:
        raise TooManyRequests(
            f"too many requests from {request.remote_addr}: at most "
            f"{_rate_words()}; try again in {wait} s",
            retry_after=wait,
        )


def _rate_words() -> str:
    from flask import current_app

    rate, burst = current_app.config["RATE_LIMIT"], current_app.config["RATE_BURST"]
    return f"{float(rate):g} a second (bursts of {int(burst)})"


def _networks(raw: object) -> tuple[Network, ...]:
    items = raw.split() if isinstance(raw, str) else list(raw or ())  # type: ignore[call-overload]
    try:
        return tuple(ipaddress.ip_network(str(i), strict=False) for i in items)
    except ValueError as e:
        raise ConfigError(f"setting RATE_LIMIT_EXEMPT={raw!r}: {e}") from e


@dataclass(frozen=True)
class Limits:
    rate: float  # 0: off
    burst: int
    exempt: tuple[Network, ...]


def configured(app: Flask) -> Limits:
    """The checked settings (read before the store opens: a bad value opens nothing)."""
    try:
        rate = float(app.config.get("RATE_LIMIT") or 0)
        burst = int(app.config.get("RATE_BURST") or 0)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting RATE_LIMIT or RATE_BURST is not a number: {e}") from e
    if rate < 0 or not math.isfinite(rate):
        raise ConfigError(f"setting RATE_LIMIT={rate!r} must be 0 (off) or more")
    if rate > 0 and burst < 1:
        raise ConfigError(f"setting RATE_BURST={burst!r} must be at least 1")
    return Limits(rate, burst, _networks(app.config.get("RATE_LIMIT_EXEMPT")))


def install(app: Flask, limits: Limits) -> None:
    """Install the limit (after the fast path, so it runs first); nothing when it is off."""
    if limits.rate == 0:
        return
    app.before_request(_refuse_marked)
    buckets = TokenBuckets(limits.rate, limits.burst)
    app.wsgi_app = RateLimit(app.wsgi_app, buckets, limits.exempt)  # type: ignore[method-assign]
