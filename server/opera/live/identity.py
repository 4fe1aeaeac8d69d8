"""Who is at the other end of a connection, the same for both edges (WebSocket and the HTTP
fallback, and the REST routes): the address the per-address limits count, and the key a
token is kept as."""

from __future__ import annotations

import hashlib

from starlette.requests import HTTPConnection


def key_of(token: str) -> str:
    """What the log keeps instead of a token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def client_address(connection: HTTPConnection) -> str:
    """The peer's address (a WebSocket or a request). Behind a proxy this is the address
    uvicorn took from X-Forwarded-For, for OPERA_TRUSTED_PROXIES only."""
    return connection.client.host if connection.client else "unknown"
