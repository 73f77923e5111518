"""The Elasticsearch client, built from settings.

`ELASTICSEARCH_URL` may name several nodes of one cluster, comma-separated,
with the credentials in the URL the way operators paste them from a managed
service: ``https://user:pa%40ss@es1:9200,es2:9200,es3:9200``.  A node without a
scheme or credentials inherits them from the node before it, so the short
form above means three HTTPS nodes sharing one login.

The credentials are taken out of the URLs and passed as ``basic_auth``: the
client never logs them as part of a node address.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORT = 9200
DEFAULT_TIMEOUT = 10.0      # seconds for an ordinary request
BULK_TIMEOUT = 120.0        # bulk batches and index creation on a busy cluster
HEALTH_TIMEOUT = 3.0        # ping: answer fast that the engine is down


@dataclass(frozen=True)
class ClusterConfig:
    hosts: list[dict] = field(default_factory=list)
    basic_auth: tuple[str, str] | None = None

    def node_urls(self) -> list[str]:
        """Node addresses for messages: never with credentials."""
        return [f"{h['scheme']}://{_host_for_url(h['host'])}:{h['port']}{h.get('path_prefix', '')}" for h in self.hosts]


def _host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_elasticsearch_url(value: str) -> ClusterConfig:
    """Split ``ELASTICSEARCH_URL`` into client node configs and one login.

    Raises ImproperlyConfigured for an address it can't read or for nodes
    that disagree on the login (one client sends one set of credentials).
    """
    parts = [p.strip() for p in (value or "").split(",") if p.strip()]
    if not parts:
        raise ImproperlyConfigured("ELASTICSEARCH_URL is empty")
    hosts: list[dict] = []
    auth: tuple[str, str] | None = None
    scheme = "http"
    for part in parts:
        has_scheme = "://" in part
        split = urlsplit(part if has_scheme else f"{scheme}://{part}")
        if split.scheme not in {"http", "https"}:
            raise ImproperlyConfigured(f"ELASTICSEARCH_URL: unsupported scheme {split.scheme!r} (use http or https)")
        scheme = split.scheme
        try:
            port = split.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"ELASTICSEARCH_URL: bad port in {_redact(part)!r}") from exc
        if not split.hostname:
            raise ImproperlyConfigured(f"ELASTICSEARCH_URL: no host in {_redact(part)!r}")
        if split.username is not None:
            node_auth = (unquote(split.username), unquote(split.password or ""))
            if auth is not None and node_auth != auth:
                raise ImproperlyConfigured("ELASTICSEARCH_URL: the nodes name different users or passwords")
            auth = node_auth
        if split.query or split.fragment:
            raise ImproperlyConfigured(f"ELASTICSEARCH_URL: unexpected query or fragment in {_redact(part)!r}")
        node = {"scheme": scheme, "host": split.hostname, "port": port or DEFAULT_PORT}
        prefix = split.path.rstrip("/")
        if prefix:
            node["path_prefix"] = prefix
        hosts.append(node)
    return ClusterConfig(hosts=hosts, basic_auth=auth)


def _redact(part: str) -> str:
    """The node address with any password blanked, for error messages."""
    if "@" not in part:
        return part
    head, _, tail = part.rpartition("@")
    scheme, sep, creds = head.rpartition("://")
    user = creds.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{tail}"


def client_options(url: str | None = None, ca_certs: str | None = None) -> dict:
    """Keyword arguments for `elasticsearch.Elasticsearch`, from settings or the given values."""
    url = url if url is not None else settings.ELASTICSEARCH_URL
    ca_certs = ca_certs if ca_certs is not None else getattr(settings, "ELASTICSEARCH_CA_CERTS", None)
    config = parse_elasticsearch_url(url)
    options: dict = {
        "hosts": config.hosts,
        "request_timeout": float(getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT)),
        # Retry on another node when one is down or slow; a single-node
        # cluster that is down then fails fast rather than hanging a request.
        "max_retries": 2,
        "retry_on_timeout": True,
        "retry_on_status": (502, 503, 504),
        "http_compress": len(config.hosts) > 1 or any(h["scheme"] == "https" for h in config.hosts),
    }
    if config.basic_auth:
        options["basic_auth"] = config.basic_auth
    if ca_certs:
        options["ca_certs"] = str(ca_certs)
    return options


_clients: dict[tuple, object] = {}
_lock = threading.Lock()


def get_client(url: str | None = None, ca_certs: str | None = None):
    """One shared client per (URL, CA file): it is thread-safe and pools connections."""
    from elasticsearch import Elasticsearch

    url = url if url is not None else settings.ELASTICSEARCH_URL
    ca_certs = ca_certs if ca_certs is not None else getattr(settings, "ELASTICSEARCH_CA_CERTS", None)
    key = (url, str(ca_certs or ""), getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT))
    with _lock:
        client = _clients.get(key)
        if client is None:
            client = Elasticsearch(**client_options(url, ca_certs))
            _clients[key] = client
        return client


def is_healthy(client=None, timeout: float = HEALTH_TIMEOUT) -> bool:
    """True when the cluster answers and is at least yellow.

    `GET /` answers 405 on the core-only build, so `Elasticsearch.info()` and
    `ping()` can't be used: cluster health is what every build answers.
    """
    from elasticsearch import ApiError, TransportError

    client = client or get_client()
    try:
        health = client.options(request_timeout=timeout, max_retries=0).cluster.health(
            wait_for_status="yellow", timeout=f"{max(int(timeout) - 1, 1)}s"
        )
    except (TransportError, ApiError):
        return False
    return health.get("status") in {"green", "yellow"} and not health.get("timed_out", False)
