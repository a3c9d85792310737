#!/usr/bin/env bash
# Runs a job and reports its outcome: status=up when it succeeds, status=down with its exit code when it fails.
#   ./cron-wrapper.sh PUSH_URL JOB_NAME COMMAND [ARGS...]
# From crontab:  0 3 * * * /opt/pushmon/cron-wrapper.sh "$BACKUP_PUSH_URL" backup /usr/local/bin/backup.sh
# Exits with the job's own exit code, so cron's mail and other wrappers still see the failure.
set -uo pipefail
push_url=${1:?usage: cron-wrapper.sh PUSH_URL JOB_NAME COMMAND [ARGS...]}
job=${2:?usage: cron-wrapper.sh PUSH_URL JOB_NAME COMMAND [ARGS...]}
shift 2
[ $# -gt 0 ] || { echo "cron-wrapper.sh: no command to run" >&2; exit 2; }

"$@"
code=$?

if [ "$code" -eq 0 ]; then
  query="status=up&msg=$job-completed"
else
  query="status=down&msg=$job-failed-exit-$code"
fi
# A failed report must not hide the job's result: it is only logged.
curl -fsS -m 10 --retry 3 -X POST "$push_url?$query" > /dev/null || echo "cron-wrapper.sh: could not report to pushmon" >&2
exit "$code"
