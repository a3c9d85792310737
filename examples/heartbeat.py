#!/usr/bin/env python3
"""Sends heartbeats with the `requests` library, COUNT times, INTERVAL seconds apart.

    python3 heartbeat.py PUSH_URL [--count 3] [--interval 1] [--msg text] [--value 42]

PUSH_URL is the monitor's pushUrl as the API answered it. In a long-running service, run send_heartbeat from a
background thread or your scheduler instead of the loop at the bottom.
"""
import argparse
import sys
import time

import requests


def send_heartbeat(push_url, msg=None, value=None, status="up"):
    params = {"status": status}
    if msg is not None:
        params["msg"] = msg
    if value is not None:
        params["value"] = value
    try:
        response = requests.post(push_url, params=params, timeout=10)
        response.raise_for_status()
        print("heartbeat sent")
        return True
    except requests.RequestException as error:
        # Never let monitoring take the job down with it: report and go on.
        print(f"heartbeat failed: {error}", file=sys.stderr)
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("push_url")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--msg")
    parser.add_argument("--value", type=float)
    args = parser.parse_args()

    sent = 0
    for i in range(args.count):
        if send_heartbeat(args.push_url, msg=args.msg, value=args.value):
            sent += 1
        if i + 1 < args.count:
            time.sleep(args.interval)
    return 0 if sent == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
