"""Settings read from the environment (see .env.example at the repo root)."""

import os
from dataclasses import dataclass
from pathlib import Path

# examples/coffeestudio/apps/api/app/settings.py -> examples/coffeestudio/VERSION
_DEFAULT_VERSION_FILE = Path(__file__).resolve().parents[3] / "VERSION"


@dataclass(frozen=True)
class Settings:
    app_env: str
    database_url: str
    redis_url: str
    celery_broker_url: str
    secret_key: str
    api_host: str
    api_port: int
    simulate_outage: bool
    version_file: Path


def load_settings() -> Settings:
    redis_url = os.getenv("REDIS_URL", "redis://localhost:6379/0")
    return Settings(
        app_env=os.getenv("APP_ENV", "development"),
        database_url=os.getenv(
            "DATABASE_URL", "postgresql://coffeestudio@localhost:5432/coffeestudio"
        ),
        redis_url=redis_url,
        celery_broker_url=os.environ.get("CELERY_BROKER_URL", redis_url),
        secret_key=os.environ.get("SECRET_KEY", ""),
        api_host=os.getenv("API_HOST", "127.0.0.1"),
        api_port=int(os.getenv("API_PORT", "8000")),
        simulate_outage=os.getenv("API_SIMULATE_OUTAGE", "") == "1",
        version_file=Path(os.getenv("VERSION_FILE", str(_DEFAULT_VERSION_FILE))),
    )


def read_version(settings: Settings) -> str:
    try:
        return settings.version_file.read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"
