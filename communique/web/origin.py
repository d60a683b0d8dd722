"""Who may talk to the server: the ``Host`` a request names, and where a write comes from.

Why: ``communique serve`` listens on the user's own machine, and the user's
browser will send requests there on behalf of any page it has open. Two
attacks follow, and this module's middleware closes both before a route runs:

* **Cross-site request forgery.** A page on another origin can POST to
  ``http://127.0.0.1:8000/api/ingest`` with a form or ``fetch(…, {mode:
  'no-cors'})``: the browser sends it (it only hides the answer). So every
  unsafe request (anything but GET, HEAD, OPTIONS) is refused (403) when the
  browser says it comes from elsewhere: ``Sec-Fetch-Site`` of ``cross-site``
  or ``same-site``, or an ``Origin`` that is not this server's own (``null``
  included). For browsers that send neither header, a write in one of the
  content types a page may send without asking (``text/plain``, a form) must
  also carry a header a page cannot add without the server's leave
  (:data:`CLIENT_HEADER`, any value; JSON bodies need none, since a browser
  must ask first before sending JSON across origins and this server never
  says yes), and the HTML analyse form carries a per-server token
  (:data:`FORM_TOKEN_FIELD`).
* **DNS rebinding.** A name the attacker owns can be re-pointed at 127.0.0.1,
  after which the attacker's page is "same-origin" with this server and can
  read it. The browser still sends the attacker's name as ``Host``, so a
  request whose ``Host`` is not one of the server's own names is refused
  (400). The names are the loopback names, the bound address, and whatever
  ``communique serve --allow-host`` adds; a server bound to every address
  (``0.0.0.0``) also answers to any IP literal, which no rebinding can forge.

Clients that are not browsers (curl, scripts) send no ``Origin`` and a
loopback ``Host``, so they pass unchanged, except that a text/plain or
multipart write names :data:`CLIENT_HEADER`.
"""

from __future__ import annotations

import ipaddress
import json
import urllib.parse
from collections.abc import Iterable

from communique.web.safety import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
CLIENT_HEADER = "X-Requested-With"
FORM_TOKEN_FIELD = "token"
# the content types a cross-origin page may POST without a CORS preflight
SIMPLE_TYPES = frozenset({"text/plain", "multipart/form-data", "application/x-www-form-urlencoded", ""})


def allowed_hosts(bound: str | None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The host names this server answers to: loopback names, the bound address, and ``extra``."""
    names = [*LOOPBACK_NAMES, *(h.strip().lower().strip("[]") for h in extra if h.strip())]
    if bound:
        names.append(bound.lower().strip("[]"))
    return tuple(dict.fromkeys(names))


def split_host(value: str) -> tuple[str, str]:
    """``(host, port)`` of a Host header or URL netloc (``[::1]:80`` → ``('::1', '80')``)."""
    value = value.strip().lower()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        return host, rest.lstrip(":")
    if value.count(":") == 1:
        host, _, port = value.partition(":")
        return host, port
    return value, ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def host_allowed(host_header: str, names: tuple[str, ...]) -> bool:
    host, _ = split_host(host_header)
    if host in names:
        return True
    return any(w in names for w in WILDCARD_ADDRESSES) and _is_ip(host)


def same_origin(origin: str, host_header: str, scheme: str) -> bool:
    """Whether an ``Origin`` header names this very server (scheme, host and port)."""
    parts = urllib.parse.urlsplit(origin.strip())
    if parts.scheme.lower() != scheme.lower() or not parts.netloc:
        return False
    default = "443" if scheme == "https" else "80"
    o_host, o_port = split_host(parts.netloc)
    h_host, h_port = split_host(host_header)
    return o_host == h_host and (o_port or default) == (h_port or default)


def refusal(scope: Scope, names: tuple[str, ...]) -> tuple[int, str] | None:
    """``(status, reason)`` when the request must be refused, else None; ``names`` from :func:`allowed_hosts`."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    host = headers.get("host", "")
    if host and not host_allowed(host, names):
        shown = split_host(host)[0]
        return 400, (
            f"refused: '{shown}' is not a name of this server (a page re-pointing its own name here, DNS "
            "rebinding, would look like this); start the server with --allow-host NAME to answer to it"
        )
    if scope.get("method", "GET").upper() in SAFE_METHODS:
        return None
    site = headers.get("sec-fetch-site", "").strip().lower()
    if site in ("cross-site", "same-site"):
        return 403, "refused: a write from another site (cross-site request); use this server's own pages or a client"
    origin = headers.get("origin")
    if origin is not None and not same_origin(origin, host, scope.get("scheme", "http")):
        return 403, f"refused: a write from another origin ({origin.strip()[:100]}); this server accepts only its own"
    return None


def needs_client_header(scope: Scope) -> bool:
    """Whether an API write comes in a content type a page could send across origins, without
    :data:`CLIENT_HEADER` to show a non-browser client (or a same-origin script) sent it."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
    ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return ctype in SIMPLE_TYPES and not headers.get(CLIENT_HEADER.lower(), "").strip()


class OriginGuard:
    """ASGI middleware: refuse foreign ``Host`` names and cross-origin writes (see the module docstring)."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...] = LOOPBACK_NAMES, api_prefix: str = "/api") -> None:
        self.app = app
        self.hosts = hosts
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = refusal(scope, self.hosts)
        if (
            refused is None
            and scope.get("method", "GET").upper() not in SAFE_METHODS
            and scope.get("path", "").startswith(self.api_prefix + "/")
            and needs_client_header(scope)
        ):
            refused = (
                403,
                f"refused: a text/plain or form write must carry the header {CLIENT_HEADER} (any value), which "
                "a page on another site cannot add; or send application/json",
            )
        if refused is None:
            await self.app(scope, receive, send)
            return
        status, reason = refused
        body = json.dumps({"detail": reason}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
