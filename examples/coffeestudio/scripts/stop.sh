#!/usr/bin/env bash
# Cleanup: stops whatever scripts/deploy.sh started and waits until it is gone, so a next
# run finds the ports free. Safe to run when nothing runs.
set -uo pipefail

# Alive means running: a zombie has exited, whoever reaps it and whenever.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}
for pidfile in .run/*.pid; do
  [ -e "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  service=$(basename "$pidfile" .pid)
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null; fi
    echo "stopped $service (pid $pid)"
  fi
  rm -f "$pidfile"
done
exit 0
