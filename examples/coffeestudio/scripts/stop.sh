#!/usr/bin/env bash
# Cleanup: stops whatever scripts/deploy.sh started and waits until it is gone, so a next
# run finds the ports free. Safe to run when nothing runs.
set -uo pipefail
for pidfile in .run/*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  service=$(basename "$pidfile" .pid)
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; fi
    echo "stopped $service (pid $pid)"
  fi
  rm -f "$pidfile"
done
exit 0
