"""The client's address, for the login lockout (django-axes) and its log."""

import ipaddress

from django.conf import settings


def client_address(request):
    """Behind the proxy the settings trust (DJANGO_SECURE_PROXY), the last address in
    X-Forwarded-For, the one that proxy appended; earlier entries are whatever the
    client sent. Otherwise, and when that entry is not an address, REMOTE_ADDR."""
    if settings.SECURE_PROXY:
        forwarded = request.headers.get("x-forwarded-for", "").rsplit(",", 1)[-1]
        try:
            return str(ipaddress.ip_address(forwarded.strip()))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")
