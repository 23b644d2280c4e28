"""Settings read from the environment (see .env.example at the repo root)."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    app_env: str
    database_url: str
    redis_url: str
    secret_key: str
    sentry_dsn: str


def load_settings() -> Settings:
    return Settings(
        app_env=os.getenv("APP_ENV", "development"),
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.getenv("REDIS_URL", "redis://localhost:6379/0"),
        secret_key=os.environ["SECRET_KEY"],
        # Added with the gift-card release; nobody added it to .env.example.
        sentry_dsn=os.getenv("SENTRY_DSN", ""),
    )
