#!/usr/bin/env bash
# Runs a job and reports it as a run: a start before it, then its exit status and the tail of its output.
#   ./cron-wrapper.sh PUSH_URL JOB_NAME COMMAND [ARGS...]
# From crontab:  0 3 * * * /opt/pushmon/cron-wrapper.sh "$BACKUP_PUSH_URL" backup /usr/local/bin/backup.sh
# PUSH_URL is the monitor's pushUrl (.../api/push/TOKEN). pushmon shows the run as started, then its duration, exit
# status and output; a job that hangs past the monitor's run limit (maxRuntimeSeconds, or its grace) goes down.
# The job's output still reaches stdout, so cron mails it as before, and the wrapper exits with the job's own exit
# status, so cron and other wrappers still see a failure.
set -uo pipefail
usage="usage: cron-wrapper.sh PUSH_URL JOB_NAME COMMAND [ARGS...]"
push_url=${1:?$usage}
job=${2:?$usage}
shift 2
[ $# -gt 0 ] || { echo "cron-wrapper.sh: no command to run" >&2; exit 2; }

# A run id pairs this start with this end even when runs of the same job overlap.
rid=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen 2>/dev/null || true)
run_query=${rid:+&rid=$rid}

# A failed report must never stop or fail the job: it is only logged.
report() {
  curl -fsS -m 10 --retry 3 "$@" > /dev/null || echo "cron-wrapper.sh: could not report to pushmon" >&2
}

report -X POST "$push_url?status=start$run_query"

output=$(mktemp)
trap 'rm -f "$output"' EXIT
"$@" 2>&1 | tee "$output"
code=${PIPESTATUS[0]}

if [ "$code" -eq 0 ]; then
  msg="$job-completed"
else
  msg="$job-failed-exit-$code"
fi
# pushmon keeps the first 10,000 bytes of a body (its Ping-Body-Limit); the end of a log says more.
tail -c 10000 "$output" | report -X POST -H 'Content-Type: text/plain' --data-binary @- \
  "$push_url?exit=$code&msg=$msg$run_query"
exit "$code"
