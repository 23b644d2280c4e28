import os
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from app.settings import load_settings, read_version


class SettingsTest(unittest.TestCase):
    def test_defaults(self):
        with mock.patch.dict(os.environ, {}, clear=True):
            settings = load_settings()
        self.assertEqual(settings.app_env, "development")
        self.assertEqual(settings.api_port, 8000)
        # The Celery broker falls back to Redis.
        self.assertEqual(settings.celery_broker_url, settings.redis_url)

    def test_environment_wins(self):
        env = {"REDIS_URL": "redis://cache:6379/1", "API_PORT": "9000", "APP_ENV": "production"}
        with mock.patch.dict(os.environ, env, clear=True):
            settings = load_settings()
        self.assertEqual(settings.redis_url, "redis://cache:6379/1")
        self.assertEqual(settings.celery_broker_url, "redis://cache:6379/1")
        self.assertEqual(settings.api_port, 9000)
        self.assertEqual(settings.app_env, "production")

    def test_version_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            version_file = Path(tmp) / "VERSION"
            version_file.write_text("9.9.9\n")
            with mock.patch.dict(os.environ, {"VERSION_FILE": str(version_file)}, clear=True):
                self.assertEqual(read_version(load_settings()), "9.9.9")
            with mock.patch.dict(os.environ, {"VERSION_FILE": str(Path(tmp) / "missing")}):
                self.assertEqual(read_version(load_settings()), "unknown")


if __name__ == "__main__":
    unittest.main()
