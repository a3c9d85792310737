#!/usr/bin/env bash
# Pushes a heartbeat every INTERVAL seconds, COUNT times (the shape of a `while true; curl; sleep` loop, bounded).
#   ./curl-loop.sh PUSH_URL [COUNT=3] [INTERVAL=1]
# PUSH_URL is the monitor's pushUrl as the API answered it, e.g. http://127.0.0.1:8080/api/push/<token>.
set -euo pipefail
push_url=${1:?usage: curl-loop.sh PUSH_URL [COUNT] [INTERVAL]}
count=${2:-3}
interval=${3:-1}

failed=0
for ((i = 1; i <= count; i++)); do
  # -f: a 4xx/5xx is a failure worth seeing in the job's output; --retry covers a 503 during a broker hiccup.
  if curl -fsS -m 10 --retry 3 -X POST "$push_url?msg=loop-$i" > /dev/null; then
    echo "heartbeat $i sent"
  else
    echo "heartbeat $i failed" >&2
    failed=$((failed + 1))
  fi
  if [ "$i" -lt "$count" ]; then sleep "$interval"; fi
done
[ "$failed" -eq 0 ]
