"""A tiny WSGI app: GET /health -> {"status": "ok", "version": "<VERSION>"}.

Run it with `python3 -m app.main` from apps/api (serves on $API_PORT, default 8000).
"""

import json
from wsgiref.simple_server import make_server

from app.settings import load_settings, read_version


def _json(start_response, status, payload):
    body = json.dumps(payload).encode("utf-8")
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]


def create_app(settings=None):
    settings = settings or load_settings()

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if path == "/health":
            if method not in ("GET", "HEAD"):
                return _json(start_response, "405 Method Not Allowed", {"error": "method"})
            if settings.simulate_outage:
                # The demo's broken mode: the database is "down", so the API is unhealthy.
                return _json(
                    start_response,
                    "503 Service Unavailable",
                    {"status": "degraded", "checks": {"database": "unreachable"}},
                )
            return _json(
                start_response,
                "200 OK",
                {"status": "ok", "version": read_version(settings)},
            )
        return _json(start_response, "404 Not Found", {"error": "not found"})

    return app


def main():
    settings = load_settings()
    with make_server(settings.api_host, settings.api_port, create_app(settings)) as server:
        print(f"CoffeeStudio API on {settings.api_host}:{settings.api_port}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
