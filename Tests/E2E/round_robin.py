"""A reverse proxy that sends each HTTP request to the next of several berth-server replicas in turn (no sticky
sessions), rewriting Location headers to itself, so a registry client (skopeo, podman) sees one registry whose
every request may land on another replica."""
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection", "content-length"}


class RoundRobin:
    def __init__(self, urls):
        self.targets = [urlsplit(url) for url in urls]
        self.urls = urls
        self.counter = 0
        self.lock = threading.Lock()
        self.served = [0] * len(urls)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def body(self):
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = bytearray()
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            return bytes(data)
                        data += self.rfile.read(size)
                        self.rfile.readline()
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def forward(self):
                data = self.body()
                index = proxy.next_target()
                target = proxy.targets[index]
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["Content-Length"] = str(len(data))
                connection.request(self.command, self.path, body=data, headers=headers)
                answer = connection.getresponse()
                payload = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() in HOP_BY_HOP:
                        continue
                    if key.lower() == "location":
                        for url in proxy.urls:
                            value = value.replace(url, proxy.url)
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
                connection.close()

            do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.host = self.url.split("://", 1)[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def next_target(self):
        with self.lock:
            index = self.counter % len(self.targets)
            self.counter += 1
            self.served[index] += 1
            return index

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
