"""The client's address, for the lockout counters and the login record.

Behind reverse proxies REMOTE_ADDR is the proxy. Each trusted proxy appends the address it
received the request from to X-Forwarded-For (nginx: `proxy_add_x_forwarded_for`), so with
TRUSTED_PROXY_COUNT = n the n-th entry from the right was written by the outermost trusted
proxy. Entries further left come from the client and can be forged, so they are never used."""

import ipaddress

from django.conf import settings


def valid_ip(address):
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def client_ip(request):
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count and valid_ip(forwarded[-count]):
            return forwarded[-count]
    return remote if valid_ip(remote) else None
