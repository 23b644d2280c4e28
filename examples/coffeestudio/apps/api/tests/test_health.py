import json
import threading
import unittest
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server
from wsgiref.util import setup_testing_defaults

from app.main import create_app
from app.settings import load_settings

VERSION = (Path(__file__).resolve().parents[3] / "VERSION").read_text().strip()


def call(app, path, method="GET"):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


class HealthTest(unittest.TestCase):
    def test_health_reports_ok_and_version(self):
        status, headers, body = call(create_app(), "/health")
        self.assertEqual(status, "200 OK")
        self.assertEqual(headers["Content-Type"], "application/json")
        self.assertEqual(json.loads(body), {"status": "ok", "version": VERSION})

    def test_unknown_path_is_404(self):
        status, _, _ = call(create_app(), "/nope")
        self.assertEqual(status, "404 Not Found")

    def test_health_rejects_post(self):
        status, _, _ = call(create_app(), "/health", method="POST")
        self.assertEqual(status, "405 Method Not Allowed")

    def test_health_over_http(self):
        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        server = make_server("127.0.0.1", 0, create_app(), handler_class=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            url = f"http://127.0.0.1:{server.server_port}/health"
            with urllib.request.urlopen(url, timeout=2) as response:
                self.assertEqual(response.status, 200)
                self.assertEqual(json.loads(response.read())["version"], VERSION)
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    unittest.main()
