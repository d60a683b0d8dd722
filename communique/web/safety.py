"""What a request may make the server do: body sizes, URLs it may fetch, response headers.

Why a module of its own: every rule here answers "could a request from the
network hurt the machine or the person reading the answer?", and keeping them
together lets one test file check them all.

* Bodies are capped twice: :class:`BodyLimit` refuses any request body larger
  than ``max_body_bytes`` (413) before an endpoint reads it, whether or not
  the client sent a ``Content-Length``; the analyse endpoints then cap the
  text or file itself at ``max_upload_bytes``.
* URLs: only ``http``/``https`` with a host name, and — unless the server was
  started with private URLs allowed — only hosts that resolve to public
  addresses, so a request cannot make the server read ``file://`` paths or
  probe the machine's own network (SSRF). The download itself goes through
  :func:`communique.read.url.fetch`, which has timeouts and a size cap.
  Limitation: the address check is made before the download, and redirects
  are followed by the reader, so a public host that redirects to a private
  address is not caught; serve on 127.0.0.1 (the default) when that matters.
* Responses of the JSON API carry ``X-Content-Type-Options: nosniff`` and a
  ``default-src 'none'`` content security policy, so a browser never runs
  text from a stored document (say, a ``<script>`` in a press release) that
  it was handed as JSON.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from communique.errors import InputError
from communique.read.options import human_size

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ALLOWED_SCHEMES = ("http", "https")
API_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
)


class RequestTooLarge(Exception):
    """A request body went past the server's limit."""

    def __init__(self, limit: int, what: str = "request body") -> None:
        self.limit = limit
        self.detail = too_large_detail(limit, what)
        super().__init__(self.detail)


def too_large_detail(limit: int, what: str = "request body") -> str:
    return f"{what} too large: the limit is {human_size(limit)}"


# ---- URLs -----------------------------------------------------------------------------
def resolve_host(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (a seam: tests replace it to stay off the network)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def check_url(url: str, allow_private: bool = False) -> str:
    """``url`` if the server may fetch it; else raise InputError saying why (the caller answers 400).

    Checked without fetching anything: the scheme (http/https only — never
    ``file:``, ``ftp:`` or a bare path), a host name, and unless
    ``allow_private`` that every address of the host is public.
    """
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(url, f"not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"'{scheme}'" if scheme else "none"
        raise InputError(url, f"unsupported URL scheme {shown}: only http and https URLs can be read")
    host = parts.hostname
    if not host:
        raise InputError(url, "not a valid URL: it names no host")
    if parts.username or parts.password:
        raise InputError(url, "URLs with a user name or password are not fetched")
    if allow_private:
        return url
    try:
        addresses = resolve_host(host, port or (443 if scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve host '{host}': {exc}") from None
    for addr in addresses:
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise InputError(
                url,
                f"refused: '{host}' is a private, loopback or reserved address ({ip}); this server fetches "
                "only public URLs",
            )
    return url


def check_peer(url: str, address: str) -> None:
    """Refuse a response that came from a private, loopback or reserved address (see
    ``ReadOptions.check_peer``: the address actually connected to, after ``check_url``)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if not ip.is_global or ip.is_multicast:
        raise InputError(url, f"refused: the server answered from a private, loopback or reserved address ({ip})")


def url_guards(allow_private: bool) -> dict[str, Any]:
    """The read options that keep a server's downloads on public addresses: every URL requested
    (redirects too) passes ``check_url``, and unless ``allow_private`` every response's peer
    address passes ``check_peer``."""
    guards: dict[str, Any] = {"check_url": lambda u: check_url(u, allow_private=allow_private)}
    if not allow_private:
        guards["check_peer"] = check_peer
    return guards


# ---- request bodies ------------------------------------------------------------------
class BodyLimit:
    """ASGI middleware: answer 413 to any request whose body is larger than ``max_bytes``.

    Pure ASGI rather than Starlette's ``BaseHTTPMiddleware`` so it can count
    a streamed (chunked) body as it arrives: a declared ``Content-Length``
    over the limit is refused before a byte is read; an undeclared one is
    refused as soon as the count passes the limit, before the endpoint sees it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await _send_413(send, self.max_bytes)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise RequestTooLarge(self.max_bytes)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except RequestTooLarge:
            if started:
                raise
            await _send_413(send, self.max_bytes)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send, limit: int) -> None:
    import json

    body = json.dumps({"detail": too_large_detail(limit)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ApiHeaders:
    """ASGI middleware: add :data:`API_HEADERS` to every response under ``prefix`` except the docs page,
    and ``nosniff`` with the pages' content security policy to every other response that lacks them
    (static files, the framework's own 404 and 405 answers), so no answer goes out without both."""

    def __init__(self, app: ASGIApp, prefix: str = "/api", exempt: tuple[str, ...] = ("/api/docs",)) -> None:
        from communique.web.views.common import CSP

        self.app = app
        self.prefix = prefix
        self.exempt = exempt
        self.page_headers = (
            (b"x-content-type-options", b"nosniff"),
            (b"content-security-policy", CSP.encode()),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        extra = API_HEADERS if path.startswith(self.prefix) else self.page_headers

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in have]
            await send(message)

        await self.app(scope, receive, with_headers)


def check_size(data: bytes | str, limit: int, what: str) -> None:
    """Raise RequestTooLarge (the app answers 413) when ``data`` — a text's UTF-8 bytes, or a file — is over ``limit``."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limit:
        raise RequestTooLarge(limit, what)
