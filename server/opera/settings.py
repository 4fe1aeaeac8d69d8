"""Server settings, read from `OPERA_*` environment variables (and CLI flags on top)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of `opera serve`; docs/protocol.md lists them (a test keeps it honest)."""

    model_config = SettingsConfigDict(env_prefix="OPERA_", extra="ignore")

    host: str = Field("127.0.0.1", description="Address to listen on.")
    port: int = Field(8000, ge=0, le=65535, description="Port to listen on.")
    store: str = Field(
        "file://data",
        description="Room log: file://PATH (default), memory:// or redis://HOST:PORT/DB.",
    )
    public_url: str = Field(
        "",
        description="Base URL people use (behind a proxy); default: taken from each request.",
    )
    allowed_origins: str = Field(
        "",
        description="Comma-separated extra origins allowed to open WebSockets.",
    )
    ws: Literal["lean", "websockets-sansio", "websockets", "wsproto"] = Field(
        "lean",
        description="WebSocket implementation: lean (uvicorn's websockets-sansio holding "
        "less per socket, opera/wire.py) or one of uvicorn's own.",
    )
    hello_timeout: float = Field(10.0, gt=0, description="Seconds to wait for `hello`.")
    max_frame_bytes: int = Field(16384, ge=1024, description="Larger frames close with 1009.")
    rate_per_second: float = Field(20.0, gt=0, description="Frames a second per connection.")
    rate_burst: int = Field(40, ge=1, description="Burst of frames per connection.")
    push_interval: float = Field(
        0.15, gt=0, description="Seconds between coalesced pushes to one room."
    )
    push_slice: float = Field(
        0.004,
        ge=0,
        description="Seconds a push runs before the frames that came in meanwhile are read.",
    )
    send_queue_frames: int = Field(
        256, ge=8, description="Frames queued for a connection before it is dropped."
    )
    send_queue_bytes: int = Field(
        4_000_000, ge=65536, description="Bytes queued for a connection before it is dropped."
    )
    sync_interval: float = Field(
        1.0, ge=0, description="Seconds at least between two `sync` answers to one connection."
    )
    board_limit: int = Field(
        20, ge=1, description="Board connections open at once from one address."
    )
    snapshot_every: int = Field(500, ge=1, description="Log entries between snapshots.")
    rebalance: bool = Field(
        True, description="On a shared store, move connections off a process over its share."
    )
    snapshot_seconds: float = Field(
        10.0, ge=0, description="Seconds at least between two snapshots of a room."
    )
    room_idle_seconds: float = Field(
        300.0, ge=0, description="Seconds a room with no connection stays loaded."
    )
    retention_days: float = Field(
        30.0, ge=0, description="Days after its last change a room is deleted (0: never)."
    )
    metrics_token: str = Field(
        "", description="Bearer token that GET /metrics requires; empty: no /metrics (404)."
    )
    guess_limit: int = Field(
        600, ge=1, description="Unknown room codes one address may try a minute."
    )
    create_limit: int = Field(
        20, ge=1, description="Session creations (refused ones too) one address may try a minute."
    )
    join_limit: int = Field(600, ge=1, description="New participants one address may add a minute.")
    max_body_bytes: int = Field(
        65536, ge=1024, description="Larger HTTP request bodies are refused with 413."
    )
    header_timeout: float = Field(
        5.0, gt=0, description="Seconds a connection has to send a request's headers."
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated proxy addresses whose X-Forwarded-For is believed.",
    )

    @property
    def proxies(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def origins(self) -> frozenset[str]:
        parts = (o.strip().rstrip("/") for o in self.allowed_origins.split(","))
        return frozenset(o for o in parts if o)
