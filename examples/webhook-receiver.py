#!/usr/bin/env python3
"""A local webhook receiver for trying pushmon's notifications: prints each one and checks its signature.

  python3 examples/webhook-receiver.py [port] [signing secret]

The secret is the "secret" pushmon answered when the webhook channel was created. Stops on Ctrl-C.
"""
import hashlib, hmac, http.server, json, sys, time

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 9999
SECRET = sys.argv[2].encode() if len(sys.argv) > 2 else None


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        timestamp = self.headers.get("X-Pushmon-Timestamp", "")
        signature = self.headers.get("X-Pushmon-Signature", "")
        if SECRET is None:
            verdict = "signature not checked (no secret given)"
        else:
            expected = "v1=" + hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300
            verdict = "signature ok" if hmac.compare_digest(expected, signature) and fresh else "SIGNATURE INVALID"
        event = json.loads(body)
        print(f"{time.strftime('%H:%M:%S')} {event.get('type')} {event.get('monitorName')!r} "
              f"reason={event.get('reason')} at={event.get('at')} msg={event.get('lastMsg')!r} "
              f"key={self.headers.get('Idempotency-Key')} [{verdict}]", flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


print(f"listening on http://127.0.0.1:{PORT}/hook", flush=True)
try:
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
except KeyboardInterrupt:
    pass
