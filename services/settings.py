"""Typed settings, read once from the environment (prefix CROSSBMO_) or a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["fr", "nl", "en"]
DEFAULT_VAR_DIR = Path("var")


class Settings(BaseSettings):
    """Every setting of the service; documented in README.md (a test keeps them in step)."""

    model_config = SettingsConfigDict(env_prefix="CROSSBMO_", env_file=".env", extra="ignore")

    var_dir: Path = Field(
        default=DEFAULT_VAR_DIR, description="Working folder: SQLite file, raw files"
    )
    database_url: str = Field(
        default="", description="SQLAlchemy URL; empty = SQLite under var_dir"
    )
    default_language: Language = Field(default="fr", description="Language used when none is asked")
    max_upload_bytes: int = Field(
        default=50 * 1024 * 1024, gt=0, description="Largest file accepted"
    )
    exchange_requests_per_minute: int = Field(
        default=60, gt=0, description="Exchange requests allowed per API key and minute"
    )
    exchange_url_allowlist: str = Field(
        default="",
        description="Comma-separated host names whose private or loopback addresses a "
        "submission by URL may reach",
    )
    exchange_url_allow_http: bool = Field(
        default=False, description="Let submissions by URL use plain http (default: https only)"
    )
    exchange_url_timeout_seconds: float = Field(
        default=30.0, gt=0, le=600, description="Time allowed to fetch a file submitted by URL"
    )

    @field_validator("database_url")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql+psycopg")):
            raise ValueError("CROSSBMO_DATABASE_URL must be sqlite:/// or postgresql+psycopg://")
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.var_dir / 'crossbmo.sqlite3').resolve()}"

    @property
    def exchange_url_allowed_hosts(self) -> frozenset[str]:
        names = (name.strip().lower() for name in self.exchange_url_allowlist.split(","))
        return frozenset(name for name in names if name)

    @property
    def raw_dir(self) -> Path:
        """Where received files are kept, content-addressed by SHA-256."""
        return self.var_dir / "raw"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
