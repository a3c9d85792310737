#!/usr/bin/env python3
"""Detection delay on a running pushmon (./pushmon-local), through the public API only.

Creates N monitors (timeouts spread over --min-timeout..--max-timeout seconds) that notify one webhook
channel pointing at a receiver this script runs on loopback, pushes each once, and waits until every
monitor has gone down. For each monitor it reports:
  deadline -> down event    when a read_committed consumer (scripts/EventTimes.java, started before the first
                            deadline) received the event, minus the event's `at` (the deadline)
  deadline -> webhook       when the signed webhook arrived here minus the event's `at`
Bounded: it gives up after --max-wait seconds. Needs python3 with `requests`, and Java for the consumer.

  scripts/measure-detection-delay.py --monitors 1000
"""
import argparse, http.server, json, os, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def summary(name, delays_ms):
    if not delays_ms:
        return f"{name}: no samples"
    return (f"{name}: n={len(delays_ms)} min={min(delays_ms):.0f} p50={percentile(delays_ms, 50):.0f} "
            f"p90={percentile(delays_ms, 90):.0f} p99={percentile(delays_ms, 99):.0f} max={max(delays_ms):.0f} ms")


def parse_instant(text):
    # 2026-11-23T21:27:37.809Z -> epoch millis (the processor writes UTC with millisecond precision)
    from datetime import datetime, timezone
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp() * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gateway", default=os.environ.get("PUSHMON", "http://127.0.0.1:8080"))
    ap.add_argument("--api-key", default=os.environ.get("PUSHMON_API_KEY"))
    ap.add_argument("--kafka", default="127.0.0.1:9092")
    ap.add_argument("--monitors", type=int, default=1000)
    ap.add_argument("--min-timeout", type=int, default=10)
    ap.add_argument("--max-timeout", type=int, default=20)
    ap.add_argument("--receiver-port", type=int, default=9977)
    ap.add_argument("--max-wait", type=int, default=180)
    args = ap.parse_args()
    key = args.api_key or open(os.path.join(ROOT, ".pushmon", "api-key")).read().strip()
    auth = {"Authorization": f"Bearer {key}"}
    session = requests.Session()

    webhook_at = {}  # monitorId -> (arrival ms, deadline ms)

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            arrived = time.time() * 1000
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            if body.get("to") == "down":
                webhook_at.setdefault(body["monitorId"], (arrived, parse_instant(body["at"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.receiver_port), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    channel = session.post(f"{args.gateway}/api/channels", headers=auth, json={
        "name": "delay-receiver", "type": "webhook", "url": f"http://127.0.0.1:{args.receiver_port}/hook"}).json()
    run = f"delay-{int(time.time())}"
    spread = args.max_timeout - args.min_timeout + 1

    def create(i):
        r = session.post(f"{args.gateway}/api/monitors", headers=auth, json={
            "name": f"{run}-{i}", "timeoutSeconds": args.min_timeout + i % spread, "channelIds": [channel["id"]]})
        r.raise_for_status()
        return r.json()

    with ThreadPoolExecutor(16) as pool:
        monitors = list(pool.map(create, range(args.monitors)))
        ids = {m["id"] for m in monitors}
        statuses = list(pool.map(lambda m: session.post(m["pushUrl"]).status_code, monitors))
    print(f"created and pushed {len(monitors)} monitors ({statuses.count(200)} pushes answered 200)", flush=True)

    classpath = os.path.join(ROOT, "local-kafka/target/classes") + ":" + open(
        os.path.join(ROOT, "local-kafka/target/runtime-classpath.txt")).read().strip()
    consumer = subprocess.Popen(
        ["java", "-cp", classpath, os.path.join(ROOT, "scripts", "EventTimes.java"), args.kafka,
         str(args.max_wait * 1000)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    event_delay = {}
    deadline_wait = time.time() + args.max_wait
    for line in consumer.stdout:
        # 1795469259640	{"eventId":...}, among the Kafka client's own log lines
        stamp, _, value = line.partition("\t")
        if not (stamp.isdigit() and value.startswith("{")):
            continue
        event = json.loads(value)
        if event["monitorId"] in ids and event["to"] == "down" and event["monitorId"] not in event_delay:
            event_delay[event["monitorId"]] = int(stamp) - parse_instant(event["at"])
        if (len(event_delay) == len(ids) and len(webhook_at) == len(ids)) or time.time() > deadline_wait:
            break
    consumer.kill()
    while len(webhook_at) < len(ids) and time.time() < deadline_wait:
        time.sleep(0.5)
    server.shutdown()

    print(summary("deadline -> down event (committed)", list(event_delay.values())))
    print(summary("deadline -> webhook received", [a - d for a, d in webhook_at.values()]))
    missing = len(ids) - len(event_delay)
    if missing:
        print(f"{missing} monitors had no down event within {args.max_wait} s", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
