"""http(s) URLs: download under a size cap and time limits, with errors a person can act on."""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from communique.errors import InputError
from communique.read.files import too_large
from communique.read.options import ReadOptions

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
USER_AGENT = "communique (+https://pypi.org/project/communique/)"


@dataclass(frozen=True, slots=True)
class Download:
    data: bytes
    mime: str  # lower case, parameters stripped; "" when the server sent none
    charset: str | None
    url: str  # after redirects


def is_url(location: str) -> bool:
    """True for anything of the form ``scheme://…`` (only http and https are then accepted)."""
    return bool(_SCHEME.match(location))


def fetch(url: str, opts: ReadOptions) -> Download:
    """GET ``url``; raises InputError for a bad scheme, no connection, a timeout, HTTP >= 400 or too many bytes."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(url, f"unsupported URL scheme '{scheme}': only http and https URLs can be read")
    if not parts.hostname:
        raise InputError(url, "not a valid URL: it names no host")

    import httpx  # imported late: only URLs need it

    deadline = time.monotonic() + opts.total_time
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(opts.timeout),
                follow_redirects=True,
                max_redirects=opts.max_redirects,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/*;q=0.9,*/*;q=0.1"},
                event_hooks=_hooks(opts),
            ) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code >= 400:
                raise InputError(url, f"HTTP error {resp.status_code} {resp.reason_phrase}".rstrip())
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > opts.max_bytes:
                raise InputError(url, too_large(int(declared), opts.max_bytes))
            buf = bytearray()
            for chunk in resp.iter_bytes():
                buf += chunk
                if len(buf) > opts.max_bytes:
                    raise InputError(url, too_large(None, opts.max_bytes))
                if time.monotonic() > deadline:
                    raise InputError(url, f"timed out: the download took more than {opts.total_time:g} s")
            ctype = resp.headers.get("content-type", "")
            final = str(resp.url)
    except InputError as err:
        if err.source != url:  # the caller's check refused a redirect: name the input that was given
            reason = err.reason.removeprefix("refused: ")  # one "refused", not "refused: refused:"
            raise InputError(url, f"redirect to {err.source} refused: {reason}") from None
        raise
    except httpx.ConnectTimeout:
        raise InputError(url, f"timed out connecting (no connection within {opts.timeout:g} s)") from None
    except httpx.TimeoutException:
        raise InputError(url, f"timed out: the server sent nothing for {opts.timeout:g} s") from None
    except httpx.ConnectError as err:
        raise InputError(url, f"cannot connect: {_reason(err)}") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {opts.max_redirects})") from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as err:
        raise InputError(url, f"not a URL that can be read: {_reason(err)}") from None
    except httpx.HTTPError as err:
        raise InputError(url, f"download failed: {_reason(err)}") from None
    mime, _, params = ctype.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return Download(bytes(buf), mime.strip().lower(), charset, final)


def _hooks(opts: ReadOptions) -> dict[str, list[Callable[[Any], None]]] | None:
    hooks: dict[str, list[Callable[[Any], None]]] = {}
    if opts.check_url:
        hooks["request"] = [_checker(opts.check_url)]
    if opts.check_peer:
        hooks["response"] = [_peer_checker(opts.check_peer)]
    return hooks or None


def _peer_checker(check: Callable[[str, str], object]) -> Callable[[Any], None]:
    """An httpx response hook that shows ``check`` the address each response came from.

    Why after connecting: ``check_url`` resolves the host name itself, and the
    HTTP client resolves it again to connect; a name whose answer changes in
    between (DNS rebinding) would pass the first check and reach a private
    address. The connected socket's peer is what was really reached, and it is
    checked before a byte of the body is read. A response whose address cannot
    be seen is refused, not trusted.
    """

    def hook(response: Any) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            raise InputError(str(response.url), "refused: the address of the server could not be checked")
        check(str(response.url), str(peer[0]))

    return hook


def _checker(check: Callable[[str], object]) -> Callable[[Any], None]:
    """An httpx request hook that lets ``check`` refuse a URL, the first one or a redirect's."""

    def hook(request: Any) -> None:
        check(str(request.url))

    return hook


def _reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    return _ERRNO.sub("", text)
