import os
import unittest
from unittest import mock

from app.settings import load_settings


class LoadSettingsTest(unittest.TestCase):
    def test_reads_the_database_url(self):
        env = {"DATABASE_URL": "postgresql://db/coffeestudio", "SECRET_KEY": "x"}
        with mock.patch.dict(os.environ, env, clear=True):
            self.assertEqual(load_settings().database_url, "postgresql://db/coffeestudio")


if __name__ == "__main__":
    unittest.main()
