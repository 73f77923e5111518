"""The address of the client a request comes from, behind the reverse proxies this site trusts.

X-Forwarded-For is written by whoever sent the request, so only the hops added by our own proxies
(GOVSITE_TRUSTED_PROXIES: addresses or networks) are believed: the header is read from the right,
skipping trusted hops, and the first address not ours is the client. Without trusted proxies the
header is ignored and the TCP peer is the client (docs/security.md).

This is the one definition of "the client" for the whole site: the search rate limit, the
依申请公开 query limit, django-axes' lockout counters (AXES_CLIENT_IP_CALLABLE) and the sign-in
record all use it."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for item in proxies:
        networks.append(ipaddress.ip_network(item.strip(), strict=False))
    return tuple(networks)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def valid_ip(text):
    return _address(text or "") is not None


def client_address(request):
    """The client's IP address as text (REMOTE_ADDR unless a trusted proxy forwarded the request)."""
    trusted = _networks(tuple(getattr(settings, "GOVSITE_TRUSTED_PROXIES", ())))
    peer = _address(request.META.get("REMOTE_ADDR", "")) or ipaddress.ip_address("0.0.0.0")

    def is_trusted(address):
        return any(address in network for network in trusted)

    if not is_trusted(peer):
        return str(peer)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # a forged or broken hop: stop at the last address we can vouch for
            break
        client = address
        if not is_trusted(address):
            break
    return str(client)


def rate_limit_key(request):
    """Clients are counted by address; an IPv6 client by its /64, which one household or phone
    usually holds whole and can rotate addresses within."""
    address = ipaddress.ip_address(client_address(request))
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address) + "/64"
