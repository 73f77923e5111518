"""A real HTTP server on 127.0.0.1 for the external-link tests: it answers each path as a real
site would and records every request (method, path, arrival time)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3


class LinkServer:
    def __init__(self):
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, method):
                server.requests.append((method, self.path, time.monotonic()))
                path = self.path.split("?")[0]
                if path == "/slow":
                    time.sleep(SLOW_SECONDS)
                    return self._send(200)
                if path == "/no-head" and method == "HEAD":
                    return self._send(405)
                if path == "/redirect":
                    return self._send(302, {"Location": "/ok"})
                if path == "/loop":
                    return self._send(302, {"Location": "/loop"})
                if path == "/to-intranet":
                    return self._send(302, {"Location": "http://10.20.30.40/admin/"})
                codes = {"/missing": 404, "/error": 500}
                return self._send(codes.get(path, 200))

            def _send(self, status, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                if self.command == "GET":
                    try:
                        self.wfile.write(b"ok")
                    except OSError:  # the checker hangs up after the headers
                        pass

            def do_GET(self):
                self._answer("GET")

            def do_HEAD(self):
                self._answer("HEAD")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self):
        return [path for _, path, _ in self.requests]

    def link_requests(self):
        """The requests for linked pages, without the home page that site_unreachable asks for."""
        return [request for request in self.requests if request[1] != "/"]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
