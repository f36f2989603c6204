#!/usr/bin/python3
"""A marketplace endpoint for the upload tests that fails on purpose.

POST /records with JSON, "Authorization: Bearer TOKEN" and "Idempotency-Key: <certificate id>".
The first requests follow --plan, a comma list of:
  503   answer 503 without keeping the record
  422   answer 422 (refused for good) without keeping the record
  drop  keep the record, then close the connection without any answer
  slow  keep the record, answer only after --slow-ms (longer than the client waits)
  ok    normal handling
after which every request is handled normally, each after --delay-ms.
Duplicate detection on the server's side: a key already kept is answered 200 "duplicate" and not
counted again; the same key with different bytes is answered 409. The ledger (--ledger FILE,
rewritten atomically after every request, and read back at start so a restarted server keeps its
memory) records per key how often it was kept ("accepted", must end at 1) and delivered.
Prints "PORT <n>" on stdout once listening on 127.0.0.1.
With --tls-cert CERT.pem --tls-key KEY.pem it speaks HTTPS (Python's ssl module, TLS 1.2+); a
client that rejects the certificate only costs a failed handshake, which is not counted.
"""
import argparse
import json
import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Ledger:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.state = {"requests": 0, "accepted": {}, "deliveries": {}, "bodies": {},
                      "unauthorized": 0, "bad": []}
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                self.state = json.load(f)

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.state, f)
        os.replace(tmp, self.path)


def make_handler(args, ledger, plan):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            key = self.headers.get("Idempotency-Key", "")
            with ledger.lock:
                s = ledger.state
                s["requests"] += 1
                action = plan.pop(0) if plan else "ok"
                if self.headers.get("Authorization") != "Bearer " + args.token:
                    s["unauthorized"] += 1
                    ledger.save()
                    return self.answer(401, {"error": "bad token"})
                try:
                    record = json.loads(raw)
                except ValueError:
                    record = {}
                if not key or record.get("certificate_id") != key:
                    s["bad"].append(key)
                    ledger.save()
                    return self.answer(400, {"error": "Idempotency-Key must be certificate_id"})
                s["deliveries"][key] = s["deliveries"].get(key, 0) + 1
                if action in ("503", "422"):
                    ledger.save()
                    return self.answer(int(action), {"error": "injected " + action})
                body = raw.decode("utf-8")
                duplicate = key in s["accepted"]
                if duplicate and s["bodies"][key] != body:
                    ledger.save()
                    return self.answer(409, {"error": "same key, different record"})
                if not duplicate:
                    s["accepted"][key] = 1
                    s["bodies"][key] = body
                ledger.save()
            if action == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            time.sleep((args.slow_ms if action == "slow" else args.delay_ms) / 1000.0)
            try:
                self.answer(200, {"status": "duplicate" if duplicate else "stored", "id": key})
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ledger", required=True)
    p.add_argument("--token", default="secret")
    p.add_argument("--plan", default="")
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--slow-ms", type=int, default=3000)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--tls-cert", default="")
    p.add_argument("--tls-key", default="")
    args = p.parse_args()
    plan = [x.strip() for x in args.plan.split(",") if x.strip()]
    ledger = Ledger(args.ledger)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args, ledger, plan))
    server.daemon_threads = True
    if args.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print("PORT", server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
