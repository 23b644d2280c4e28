#!/usr/bin/env bash
# Cleanup: stops whatever scripts/deploy.sh started. Safe to run when nothing runs.
set -uo pipefail
for pidfile in .run/*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then echo "stopped $(basename "$pidfile" .pid) (pid $pid)"; fi
  rm -f "$pidfile"
done
exit 0
