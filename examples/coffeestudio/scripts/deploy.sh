#!/usr/bin/env bash
# Demo deploy: starts one service as a real local process on 127.0.0.1 and returns at once.
# The health stage then probes it. Its output goes to a file, not to the gate, so the gate
# ends as soon as the service is started.
set -euo pipefail
service=$1
mkdir -p .run
case "$service" in
  api)
    : "${API_PORT:?set API_PORT (npm run demo picks a free port)}"
    # DEMO_BREAK_API=1 (npm run demo:broken) deploys an API whose /health answers 503.
    (cd apps/api && API_SIMULATE_OUTAGE="${DEMO_BREAK_API:-0}" exec nohup python3 -m app.main) > .run/api.log 2>&1 &
    ;;
  web)
    : "${WEB_PORT:?set WEB_PORT (npm run demo picks a free port)}"
    test -f apps/web/dist/index.html || { echo "apps/web/dist/index.html missing: the build stage did not run"; exit 1; }
    nohup python3 -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory apps/web/dist > .run/web.log 2>&1 &
    ;;
  *)
    echo "unknown service $service" >&2
    exit 2
    ;;
esac
echo $! > ".run/$service.pid"
echo "started $service (pid $!) on 127.0.0.1:$([ "$service" = api ] && echo "$API_PORT" || echo "$WEB_PORT")"
