#!/usr/bin/env bash
# Rollback hook: release-gates runs it once when a deploy or health gate fails, with the
# failed gate ids in RELEASE_GATES_FAILED. A real platform would redeploy the previous
# image tag here (docker compose pull && docker compose up -d with PREVIOUS_TAG).
set -euo pipefail
echo "rollback: ${RELEASE_GATES_FAILED:-nothing} failed; restoring the previous release"
echo "rollback: demo only, no previous release to restore"
