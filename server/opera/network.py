"""Where phones can reach this server: its addresses on the local network, and whether a
link points at a loopback address (which a phone takes as itself, so it cannot join)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from urllib.parse import urlsplit

__all__ = ["is_loopback_url", "lan_addresses", "phone_urls"]

ANY = ("0.0.0.0", "::", "")  # listening on every interface
_PROBES = (("192.0.2.1", socket.AF_INET), ("2001:db8::1", socket.AF_INET6))  # TEST-NETs


def _usable(text: str) -> bool:
    """An address another device on the network can use: not loopback, link-local, or
    unspecified."""
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    return not (address.is_loopback or address.is_link_local or address.is_unspecified)


def lan_addresses() -> list[str]:
    """This machine's addresses on its networks, IPv4 first, without loopback ones. The
    routing table's choice for the outside world comes first (a UDP socket's `connect`
    sends nothing), then whatever the host name resolves to."""
    found: list[str] = []
    for target, family in _PROBES:
        with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((target, 9))
            found.append(str(probe.getsockname()[0]))
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM):
            found.append(str(info[4][0]))
    usable = list(dict.fromkeys(a for a in found if _usable(a)))
    return sorted(usable, key=lambda a: ":" in a)  # stable: IPv4 before IPv6


def _url(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}"


def phone_urls(host: str, port: int) -> list[str]:
    """Base URLs phones can open for a server listening on `host`: every LAN address when it
    listens on all interfaces, the address itself when that is a usable one, else none."""
    if host in ANY:
        return [_url(address, port) for address in lan_addresses()]
    return [_url(host, port)] if _usable(host) else []


def is_loopback_url(url: str) -> bool:
    """The link names this machine only: localhost or a loopback address (127.0.0.0/8, ::1)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
