"""HTTP(S) downloads that survive flaky networks and refuse what is not a bundle.

Downloads are user-started, so the host is let through Aisle's offline network guard for their
duration only. The file grows in ``<dest>.part``; after an interruption the next attempt asks
for the rest with a ``Range`` header, so a cut connection costs only the bytes in flight.
Separate connect and read timeouts turn a hanging server into a :class:`DownloadError` instead
of a frozen progress bar.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from engine import network_guard
from engine.bundles.archive import GZIP_MAGIC
from engine.errors import DownloadError
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

CHUNK = 1 << 16
USER_AGENT = "Aisle-catalog-client/1"
CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


@dataclass(frozen=True)
class DownloadPolicy:
    """Timeouts in seconds, retry count after an interruption, and the size cap in bytes."""

    connect_timeout: float = 15.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 4 << 30


DEFAULT_POLICY = DownloadPolicy()


class _Retry(Exception):
    """An interruption worth another attempt (cut connection, timeout, server error)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def download(
    url: str,
    dest: Path,
    *,
    policy: DownloadPolicy = DownloadPolicy(),
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Path:
    """Download ``url`` to ``dest``, resuming a previous ``dest.part`` if there is one.

    Raises:
        DownloadError: the server failed, hung, sent a web page or too many bytes.
        Cancelled: the user cancelled (the ``.part`` file is kept for a later resume).
    """
    part = dest.with_name(dest.name + ".part")
    failures = 0
    while True:
        cancel.check()
        try:
            with network_guard.allow(urlsplit(url).hostname or ""):
                _attempt(url, part, policy, progress, cancel)
            os.replace(part, dest)
            return dest
        except _Retry as err:
            failures += 1
            if failures > policy.retries:
                raise DownloadError("{err} Tried {failures} times; try again later (the "
                                    "download will resume where it stopped).",
                                    err=err.message, failures=failures) from err
            log.warning("download of %s interrupted (%s); retrying", url, err)
            time.sleep(policy.backoff * failures)


def _attempt(url: str, part: Path, policy: DownloadPolicy, progress: ProgressCallback,
             cancel: CancelToken) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    if have:
        request.add_header("Range", f"bytes={have}-")
    host = urlsplit(url).netloc
    try:
        with _opener(policy.read_timeout).open(request, timeout=policy.connect_timeout) as resp:
            start, total = _accept(resp, have, policy, url)
            _stream(resp, part, start, total, policy, progress, cancel)
    except urllib.error.HTTPError as err:
        _http_error(err, part, url)
    except TimeoutError as err:
        raise _Retry(Message("The catalog server {host} stopped responding (no data for "
                             "{seconds:g} s).", host=host, seconds=policy.read_timeout)) from err
    except urllib.error.URLError as err:
        if isinstance(err.reason, (TimeoutError, socket.timeout)):
            raise _Retry(Message("The catalog server {host} did not answer within {seconds:g} s.",
                                 host=host, seconds=policy.connect_timeout)) from err
        raise _Retry(Message("Cannot reach the catalog server {host} ({reason}).",
                             host=host, reason=str(err.reason))) from err
    except (http.client.HTTPException, ConnectionError) as err:
        raise _Retry(Message("The connection to {host} was interrupted ({kind}).",
                             host=host, kind=type(err).__name__)) from err
    except OSError as err:
        raise DownloadError("Could not save the download to {path} ({reason}). Check that the "
                            "disk has free space.", path=part,
                            reason=err.strerror or str(err)) from err


def _http_error(err: urllib.error.HTTPError, part: Path, url: str) -> None:
    if err.code == 416:  # our .part is not a prefix the server recognises: start over
        part.unlink(missing_ok=True)
        raise _Retry(Message("The server refused to resume the download.")) from err
    if err.code >= 500:
        raise _Retry(Message("The catalog server had an error (HTTP {code}).",
                             code=err.code)) from err
    raise DownloadError("The catalog server answered HTTP {code} ({reason}) for {url}. Check the "
                        "address.", code=err.code, reason=err.reason, url=url) from err


def _accept(resp: Any, have: int, policy: DownloadPolicy, url: str) -> tuple[int, int | None]:
    """Check the response is a bundle of acceptable size; return (resume offset, total size)."""
    kind = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind.startswith("text/") or any(w in kind for w in ("html", "xml", "json")):
        raise DownloadError("{url} returned a web page ({kind}) instead of a catalog bundle. "
                            "Check the address; the server may need a login or show an error.",
                            url=url, kind=kind)
    length = resp.headers.get("Content-Length")
    start, total = 0, int(length) if length and length.isdigit() else None
    if resp.status == 206:
        match = CONTENT_RANGE.fullmatch(resp.headers.get("Content-Range", "").strip())
        if not match or int(match.group(1)) != have:
            raise _Retry(Message("The server resumed the download at the wrong place."))
        start = have
        total = int(match.group(3)) if match.group(3) != "*" else None
    if total is not None and total > policy.max_bytes:
        raise DownloadError("The catalog bundle is {size_mb:,.0f} MB, more than the "
                            "{limit_mb:,.0f} MB allowed.",
                            size_mb=total / 1e6, limit_mb=policy.max_bytes / 1e6)
    return start, total


def _stream(resp: Any, part: Path, start: int, total: int | None, policy: DownloadPolicy,
            progress: ProgressCallback, cancel: CancelToken) -> None:
    meter = TransferMeter(total or 0, start)
    done = start
    with open(part, "ab" if start else "wb") as fh:
        while chunk := resp.read(CHUNK):
            cancel.check()
            if done == 0 and not chunk.startswith(GZIP_MAGIC[: len(chunk)]):
                fh.close()
                part.unlink(missing_ok=True)
                raise DownloadError("The server sent something that is not a catalog bundle "
                                    "(not a .tar.gz file).")
            done += len(chunk)
            if done > policy.max_bytes:
                raise DownloadError("The download exceeded the {limit_mb:,.0f} MB limit for a "
                                    "catalog bundle.", limit_mb=policy.max_bytes / 1e6)
            fh.write(chunk)
            progress(done, total or 0, meter.label(done))
    if total is not None and done < total:
        raise _Retry(Message("The connection closed after {done:,} of {total:,} bytes.",
                             done=done, total=total))


class TransferMeter:
    """Formats 'Downloading 3.1 of 12.0 MB, 1.4 MB/s, 6 s left' from byte counts."""

    def __init__(self, total: int, start: int = 0) -> None:
        self.total, self.start, self.started = total, start, time.monotonic()

    def label(self, done: int) -> Message:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        speed = (done - self.start) / elapsed
        sizes = {"done_mb": done / 1e6, "speed_mb": speed / 1e6}
        if not self.total:
            return Message("Downloading {done_mb:.1f} MB, {speed_mb:.1f} MB/s", **sizes)
        if speed <= 0:
            return Message("Downloading {done_mb:.1f} MB of {total_mb:.1f} MB, {speed_mb:.1f} MB/s",
                           total_mb=self.total / 1e6, **sizes)
        return Message("Downloading {done_mb:.1f} MB of {total_mb:.1f} MB, {speed_mb:.1f} MB/s, "
                       "{seconds_left:.0f} s left", total_mb=self.total / 1e6,
                       seconds_left=max(self.total - done, 0) / speed, **sizes)


Document = Literal["file", "catalog update index", "product image"]


def fetch_bytes(url: str, *, policy: DownloadPolicy = DownloadPolicy(),
                max_bytes: int = 1 << 20, accept: str = "*/*", what: Document = "file") -> bytes:
    """GET a small document whole (an update index, a product image).

    Raises:
        DownloadError: unreachable, or larger than ``max_bytes`` (``what`` names it).
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with network_guard.allow(urlsplit(url).hostname or ""), \
                _opener(policy.read_timeout).open(request, timeout=policy.connect_timeout) as resp:
            body: bytes = resp.read(max_bytes + 1)
    except urllib.error.HTTPError as err:
        raise DownloadError("{url} answered HTTP {code} ({reason}).",
                            url=url, code=err.code, reason=err.reason) from err
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        raise DownloadError("Cannot read {url} ({reason}). Check your connection.",
                            url=url, reason=str(err)) from err
    if len(body) > max_bytes:
        raise _too_large(url, what)
    return body


def _too_large(url: str, what: Document) -> DownloadError:
    """The error for a document over its size cap, saying what it should have been."""
    if what == "catalog update index":
        return DownloadError("{url} is too large to be a catalog update index.", url=url)
    if what == "product image":
        return DownloadError("{url} is too large to be a product image.", url=url)
    return DownloadError("{url} is too large to be a file.", url=url)


def fetch_json(url: str, *, policy: DownloadPolicy = DownloadPolicy(),
               max_bytes: int = 1 << 20) -> Any:
    """GET a small JSON document (an update index).

    Raises:
        DownloadError: unreachable, not JSON, or larger than ``max_bytes``.
    """
    body = fetch_bytes(url, policy=policy, max_bytes=max_bytes, accept="application/json",
                       what="catalog update index")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise DownloadError("{url} is not a catalog update index (not JSON).", url=url) from err


class _ReadTimeout:
    """Connects within the request's timeout, then waits at most ``read_timeout`` per read."""

    def __init__(self, *args: Any, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.sock.settimeout(self.read_timeout)  # type: ignore[attr-defined]


class _ReadTimeoutHTTP(_ReadTimeout, http.client.HTTPConnection):
    pass


class _ReadTimeoutHTTPS(_ReadTimeout, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self.read_timeout = read_timeout

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_ReadTimeoutHTTP, read_timeout=self.read_timeout), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float) -> None:
        super().__init__()
        self.read_timeout = read_timeout

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_ReadTimeoutHTTPS, read_timeout=self.read_timeout), req)


def _opener(read_timeout: float) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_HTTPHandler(read_timeout), _HTTPSHandler(read_timeout))
