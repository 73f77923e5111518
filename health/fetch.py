"""A careful HTTP client for the external-link and site-reachability checks (docs/health.md).

Links in page content are written by editors and importers, so following them is a way to make
the server send requests for someone else. This client:
- resolves the host itself and refuses private, loopback, link-local, reserved and other
  non-public addresses (SSRF), unless the host is the site's own or explicitly allowed
  (HEALTH_LINK_CHECK_ALLOWED_HOSTS); the connection goes to the address that was checked, so a
  second DNS answer can't point it elsewhere (DNS rebinding);
- checks every redirect hop the same way, up to MAX_REDIRECTS;
- waits between requests to the same host (at most N per second) and stops after a total cap;
- asks with HEAD and falls back to GET where HEAD is refused, and never reads a body.
It uses the standard library's http.client so the pinned address and the TLS host name can be
set per connection; environment proxies are not used.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# Servers that don't implement HEAD answer one of these; a GET then gives the real answer.
HEAD_REFUSED_STATUSES = {400, 403, 405, 501}
USER_AGENT = "Mozilla/5.0 (compatible; govsite-site-health/1.0; link check)"

OK, BROKEN, FAILING, REFUSED = "ok", "broken", "failing", "refused"


@dataclass
class Result:
    outcome: str  # OK, BROKEN, FAILING or REFUSED
    status_code: int | None
    reason: str
    final_url: str


class RequestCapReached(Exception):
    """The run's total number of requests is used up; the rest waits for the next run."""


def address_problem(address):
    """Why a connection to this IP address is refused, or None for a public address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "回环地址"
    if ip.is_link_local:
        return "链路本地地址"
    if ip.is_private:
        return "内网地址"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "保留地址"
    return None


def _connect(addresses, port, timeout):
    """A socket to the first of the checked addresses that answers (e.g. ::1, then 127.0.0.1)."""
    error = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except TimeoutError:
            raise
        except OSError as problem:
            error = problem
    raise error


def _ascii_host(host):
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.addresses = addresses

    def connect(self):
        sock = _connect(self.addresses, self.port, self.timeout)
        # The certificate is checked against the URL's host name, not the pinned address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class Fetcher:
    def __init__(self, timeout=10, per_host_per_second=1, max_requests=300, allowed_hosts=()):
        self.timeout = timeout
        self.interval = 1.0 / max(per_host_per_second, 1)
        self.max_requests = max_requests
        self.allowed_hosts = {h.lower().rstrip(".") for h in allowed_hosts if h}
        self.requests_made = 0
        self._last_request = {}
        self._lock = threading.Lock()

    # -- policy ---------------------------------------------------------------------------------

    def _resolve(self, host, port):
        """(addresses, None) to connect to, or (None, reason) when the host must not be contacted."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return None, None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if host.lower().rstrip(".") in self.allowed_hosts:
            return addresses, None
        for address in addresses:  # every answer must be public, or the next lookup could differ
            problem = address_problem(address)
            if problem:
                return None, f"链接指向{problem}（{address}），为防止借链接探测内网，不予访问"
        return addresses, None

    def _wait_turn(self, host, capped):
        with self._lock:
            if capped:
                if self.requests_made >= self.max_requests:
                    raise RequestCapReached
                self.requests_made += 1
            now = time.monotonic()
            start = max(now, self._last_request.get(host, -self.interval) + self.interval)
            self._last_request[host] = start
        if start > now:
            time.sleep(start - now)

    # -- requests -------------------------------------------------------------------------------

    def _request(self, method, parts, addresses):
        port = parts.port or (443 if parts.scheme == "https" else 80)
        connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(_ascii_host(parts.hostname), port, addresses, self.timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        target = quote(target, safe="/?&=%:@!$'()*+,;~-._[]")  # Chinese paths as a browser sends them
        try:
            connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            return response.status, response.getheader("Location")
        finally:
            connection.close()

    def check(self, url, method="HEAD", capped=True):
        """Request `url` (following redirects) and classify the answer. Raises RequestCapReached
        when `capped` and the run's cap is used up."""
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                parts = urlsplit(current)
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                return Result(BROKEN, None, "链接地址无效", current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                return Result(BROKEN, None, "链接地址无效", current)
            addresses, refusal = self._resolve(parts.hostname, port)
            if refusal:
                return Result(REFUSED, None, refusal, current)
            if not addresses:
                return Result(BROKEN, None, f"域名“{parts.hostname}”无法解析", current)
            self._wait_turn(parts.hostname.lower(), capped)
            try:
                status, location = self._request(method, parts, addresses)
                if method == "HEAD" and status in HEAD_REFUSED_STATUSES:
                    self._wait_turn(parts.hostname.lower(), capped)
                    status, location = self._request("GET", parts, addresses)
            except TimeoutError:
                return Result(FAILING, None, f"{self.timeout}秒内没有响应", current)
            except ssl.SSLError as error:
                return Result(FAILING, None, f"HTTPS证书或加密连接错误（{error.reason or error}）", current)
            except ConnectionRefusedError:
                return Result(FAILING, None, "对方拒绝连接", current)
            except (OSError, http.client.HTTPException, ValueError) as error:
                return Result(FAILING, None, f"连接失败（{type(error).__name__}）", current)
            if status in REDIRECT_STATUSES and location:
                current = urljoin(current, location)
                continue
            if status >= 500:
                return Result(FAILING, status, f"对方服务器错误（HTTP {status}）", current)
            if status >= 400:
                return Result(BROKEN, status, f"页面不存在或无法访问（HTTP {status}）", current)
            return Result(OK, status, f"HTTP {status}", current)
        return Result(BROKEN, None, f"重定向超过{MAX_REDIRECTS}次", current)
