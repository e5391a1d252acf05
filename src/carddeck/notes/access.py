"""Who may do what on the notes service: form tokens, the facilitator's key, the write rate.

In: the store's signing secret, the facilitator key, request cookies and client addresses.
Out: tokens to put in forms and cookies, and yes/no answers. Nothing here knows cards.

- **Form tokens** (CSRF): a form carries ``<time>.<HMAC(secret, cookie, time)>``, tied to the
  reader's random form cookie; it is valid for :data:`FORM_MAX_AGE` and across restarts. One
  HMAC-SHA256 per request: cheap enough that nothing is cached.
- **The facilitator** opens ``…/facilitator?key=KEY`` once; the answer sets a cookie holding
  ``HMAC(secret, KEY)`` (never the key), which opens the overview and the exports afterwards.
  Another key (another run without ``--facilitator-key``) makes earlier cookies worthless.
- **Writes per client** are bounded by a token bucket per client address, in memory only (no
  address is written to disk): :data:`NOTES_PER_MINUTE` on average, bursts of :data:`BURST`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

FORM_COOKIE = "carddeck_form"
FACILITATOR_COOKIE = "carddeck_facilitator"
FORM_MAX_AGE = timedelta(days=7)  # an open form stays valid this long (and across restarts)
FACILITATOR_MAX_AGE = timedelta(hours=24)  # one workshop day on the facilitator's phone
NOTES_PER_MINUTE = 30  # a table that types fast writes a few a minute
BURST = 20  # notes one client may send at once before the average applies
_CLIENTS = 10_000  # client addresses remembered before idle ones are let go
_COOKIE_LENGTH = 22  # characters of secrets.token_urlsafe(16)


def new_key() -> str:
    """A facilitator key for one run (printed only in the terminal, never on the kit)."""
    return secrets.token_urlsafe(18)


@dataclass(frozen=True)
class Signer:
    """Form tokens and the facilitator's cookie, both HMACs under the store's secret."""

    secret: bytes
    facilitator_key: str

    def _mac(self, *parts: str) -> str:
        return hmac.new(self.secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]

    def form_token(self, cookie: str, now: float | None = None) -> str:
        stamp = str(int(time.time() if now is None else now))
        return f"{stamp}.{self._mac('form', cookie, stamp)}"

    def form_ok(self, cookie: str, token: str, now: float | None = None) -> bool:
        """True when ``token`` was made for ``cookie`` by this secret, less than FORM_MAX_AGE ago."""
        stamp, _, mac = token.partition(".")
        if not (cookie and stamp.isdigit() and mac):
            return False
        age = (time.time() if now is None else now) - int(stamp)
        return 0 <= age <= FORM_MAX_AGE.total_seconds() and hmac.compare_digest(mac, self._mac("form", cookie, stamp))

    def key_ok(self, key: str) -> bool:
        return hmac.compare_digest(key.encode(), self.facilitator_key.encode())

    def facilitator_cookie(self) -> str:
        return self._mac("facilitator", self.facilitator_key)

    def is_facilitator(self, cookie: str) -> bool:
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.facilitator_cookie().encode())


def form_cookie(current: str) -> tuple[str, str | None]:
    """The reader's form cookie, and a new one to set when they had none (or a malformed one)."""
    if len(current) == _COOKIE_LENGTH:
        return current, None
    made = secrets.token_urlsafe(16)
    return made, made


@dataclass
class RateLimit:
    """A token bucket per client address: :meth:`allow` says whether one more note may be written now."""

    per_minute: float = NOTES_PER_MINUTE
    burst: float = BURST
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # address -> (tokens, when)

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, then = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.per_minute / 60)
        if len(self._buckets) >= _CLIENTS and client not in self._buckets:
            self._forget_idle(now)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return False
        self._buckets[client] = (tokens - 1, now)
        return True

    async def check(self, client: str) -> bool:
        """:meth:`allow`, as the web app asks it (a shared limit answers from its database)."""
        return self.allow(client)

    def _forget_idle(self, now: float) -> None:
        """Drop clients whose bucket has filled up again (they lose nothing by being forgotten)."""
        full = self.burst * 60 / self.per_minute
        self._buckets = {c: (t, w) for c, (t, w) in self._buckets.items() if now - w < full}
