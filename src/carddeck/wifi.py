"""The Wi-Fi join code: a network name and password in, the standard ``WIFI:`` QR payload out.

Phones join a network natively when they scan ``WIFI:T:WPA;S:<name>;P:<password>;;`` (the
format ZXing defined and Android and iOS cameras read). In the name and the password the
characters ``\\ ; , : "`` are escaped with a backslash.

``--wifi "NAME:PASSWORD"`` splits at the first ``:``; a colon inside the name is written ``\\:``.
"""

from __future__ import annotations

from dataclasses import dataclass

SPECIAL = '\\;,:"'  # escaped in the payload, backslash first
SSID_MAX_BYTES = 32  # IEEE 802.11: a network name is at most 32 bytes
PASSWORD_MIN, PASSWORD_MAX = 8, 63  # a WPA/WPA2 passphrase


@dataclass(frozen=True)
class Wifi:
    """A WPA network that phones join by scanning its code."""

    ssid: str
    password: str

    @property
    def payload(self) -> str:
        """The text of the join QR code."""
        return f"WIFI:T:WPA;S:{escape(self.ssid)};P:{escape(self.password)};;"


def escape(text: str) -> str:
    """``text`` with each of ``\\ ; , : "`` preceded by a backslash."""
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in text)


def check_ssid(ssid: str) -> str:
    """The network name, or ValueError saying what is wrong with it."""
    if not ssid:
        raise ValueError("the Wi-Fi network name is empty")
    if len(ssid.encode("utf-8")) > SSID_MAX_BYTES:
        raise ValueError(f"the Wi-Fi network name {ssid!r} is longer than {SSID_MAX_BYTES} bytes")
    return ssid


def check_password(password: str) -> str:
    """The WPA password, or ValueError saying what is wrong with it."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ValueError(
            f"a WPA Wi-Fi password has {PASSWORD_MIN} to {PASSWORD_MAX} characters; received {len(password)}"
        )
    return password


def parse(text: str) -> Wifi:
    """``NAME:PASSWORD`` (``\\:`` for a colon in the name) → :class:`Wifi`.

    :raises ValueError: when there is no ``:``, or the name or the password is not valid.
    """
    name, i = [], 0
    while i < len(text):
        if text.startswith("\\:", i):
            name.append(":")
            i += 2
        elif text[i] == ":":
            return Wifi(check_ssid("".join(name)), check_password(text[i + 1 :]))
        else:
            name.append(text[i])
            i += 1
    raise ValueError(f"expected NAME:PASSWORD, received {text!r}")
