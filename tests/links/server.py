#!/usr/bin/python3
"""A loopback HTTP/1.1 server for the live link tests.

Binds 127.0.0.1 (or ::1 with --ipv6) on the given port (0: any free one),
writes the port to --port-file once it listens. Counts every request but
the /__ ones; GET /__stats gives the counts as JSON, GET /__reset clears them.

Paths:
  /ok/...            200, an HTML page with id="present" and <a name="named">
  /text/...          200, text/plain
  /status/N          status N (404, 410, 500, 403, 999...)
  /moved/N/...       301 to /ok/...; /moved/308/... a 308; N: 301, 302, 307, 308
  /chain/K           301 to /chain/K-1 ... /chain/0 -> /ok/end
  /loop              301 to /loop
  /head405           405 to HEAD, 200 to GET
  /head-drop         HEAD: the connection is closed without an answer; GET 200
  /retry429/...      429 with Retry-After: 1 on the first request of the path, then 200
  /retry429-date/... the same with Retry-After as an HTTP date
  /retry503/...      503 on the first request of the path, then 200
  /always429         429, Retry-After: 0
  /hang              never answers (until the client gives up)
"""
import argparse
import email.utils
import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATS = {"requests": 0, "by_path": {}, "by_method": {}, "user_agents": []}
HITS = {}

PAGE = (b"<!doctype html><html><head><title>ok</title></head><body>"
        b"<h1 id=\"present\">Present</h1><a name=\"named\">named</a>"
        b"<p>" + b"x" * 2000 + b"</p></body></html>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None, content_type="text/html"):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def count(self):
        path = self.path.split("?")[0]
        with LOCK:
            STATS["requests"] += 1
            key = self.command + " " + path
            STATS["by_path"][key] = STATS["by_path"].get(key, 0) + 1
            STATS["by_method"][self.command] = STATS["by_method"].get(self.command, 0) + 1
            ua = self.headers.get("User-Agent", "")
            if ua not in STATS["user_agents"]:
                STATS["user_agents"].append(ua)
            HITS[path] = HITS.get(path, 0) + 1
            return HITS[path]

    def do_HEAD(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def handle_any(self):
        path = self.path.split("?")[0]
        if path == "/__stats":
            with LOCK:
                body = json.dumps(STATS).encode()
            return self.reply(200, body, content_type="application/json")
        if path == "/__reset":
            with LOCK:
                STATS.update({"requests": 0, "by_path": {}, "by_method": {}, "user_agents": []})
                HITS.clear()
            return self.reply(200, b"{}", content_type="application/json")
        hits = self.count()
        if path.startswith("/ok/"):
            return self.reply(200, PAGE)
        if path.startswith("/text/"):
            return self.reply(200, b"plain text", content_type="text/plain")
        if path.startswith("/status/"):
            return self.reply(int(path.split("/")[2]), b"status")
        if path.startswith("/moved/"):
            parts = path.split("/")
            return self.reply(int(parts[2]), b"", {"Location": "/ok/" + "/".join(parts[3:])})
        if path.startswith("/chain/"):
            k = int(path.split("/")[2])
            return self.reply(301, b"", {"Location": "/chain/%d" % (k - 1) if k > 0 else "/ok/end"})
        if path == "/loop":
            return self.reply(301, b"", {"Location": "/loop"})
        if path == "/head405":
            return self.reply(405 if self.command == "HEAD" else 200, PAGE)
        if path == "/head-drop":
            if self.command == "HEAD":
                self.close_connection = True
                return
            return self.reply(200, PAGE)
        if path.startswith("/retry429/"):
            if hits == 1:
                return self.reply(429, b"slow down", {"Retry-After": "1"})
            return self.reply(200, PAGE)
        if path.startswith("/retry429-date/"):
            if hits == 1:
                when = email.utils.formatdate(time.time() + 1, usegmt=True)
                return self.reply(429, b"slow down", {"Retry-After": when})
            return self.reply(200, PAGE)
        if path.startswith("/retry503/"):
            if hits == 1:
                return self.reply(503, b"busy")
            return self.reply(200, PAGE)
        if path == "/always429":
            return self.reply(429, b"slow down", {"Retry-After": "0"})
        if path == "/hang":
            time.sleep(30)
            self.close_connection = True
            return
        return self.reply(404, b"no such path")


class Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--ipv6", action="store_true")
    a = ap.parse_args()
    cls = Server6 if a.ipv6 else ThreadingHTTPServer
    server = cls(("::1" if a.ipv6 else "127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(str(server.server_address[1]))
    os.rename(tmp, a.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
