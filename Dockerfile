# Opera Room: one `opera serve` process. docker-compose.yml runs two behind a proxy, on Redis.
FROM python:3.11-slim

COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /uvx /bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PYTHONUNBUFFERED=1

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project

COPY server ./server
COPY web ./web
RUN uv sync --locked --no-dev

RUN useradd --system --uid 10001 --home-dir /app opera \
    && mkdir -p /data && chown opera /data
USER opera

ENV PATH="/app/.venv/bin:$PATH" \
    OPERA_STORE=file:///data
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"]

# exec: opera is PID 1 and gets SIGTERM, so clients are closed with 1012 and resume elsewhere.
CMD ["sh", "-c", "exec opera serve --host 0.0.0.0 --port 8000 --store \"$OPERA_STORE\""]
