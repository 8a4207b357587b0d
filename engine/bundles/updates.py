"""Update checks against a publisher's small JSON index of catalog versions.

Index format (served at any URL)::

    {"catalog": "Acme home", "versions": [
        {"version": "2024.07", "url": "acme-2024.07.tar.gz", "sha256": "...", "size": 123,
         "created": "2024-07-01",
         "delta": {"base": "2024.06", "url": "acme-2024.06-2024.07.tar.gz", "sha256": "...",
                   "size": 12}}]}

``url`` may be relative to the index address. ``delta`` is optional: the version's changes
against ``base``, which a client with that version installed downloads instead. Versions
compare numerically part by part ("2024.10" > "2024.9"), so publishers can use dates or
semantic versions.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from engine.bundles.download import DEFAULT_POLICY, DownloadPolicy, fetch_json
from engine.errors import DownloadError
from engine.records import DeltaEntry, UpdateCheck, VersionEntry


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key: numeric parts compare as numbers, other parts as text (numbers sort first)."""
    parts = re.split(r"[.\-+_]", version.strip().lstrip("vV"))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def check_updates(
    index_url: str,
    installed_name: str,
    installed_version: str,
    *,
    policy: DownloadPolicy = DEFAULT_POLICY,
) -> UpdateCheck:
    """Compare the installed catalog with the newest version the publisher lists.

    Raises:
        DownloadError: the index cannot be fetched or is not a catalog index.
    """
    data = fetch_json(index_url, policy=policy)
    catalog, versions = _parse_index(data, index_url)
    if installed_name and catalog != installed_name:
        raise DownloadError("{url} lists updates for '{catalog}', but the installed catalog is "
                            "'{installed}'. Check the update address.",
                            url=index_url, catalog=catalog, installed=installed_name)
    latest = max(versions, key=lambda v: version_key(v.version), default=None)
    newer = latest is not None and (
        not installed_version or version_key(latest.version) > version_key(installed_version)
    )
    return UpdateCheck(catalog, installed_version, latest, newer)


def _parse_index(data: Any, index_url: str) -> tuple[str, list[VersionEntry]]:
    try:
        catalog = str(data["catalog"])
        versions = [
            VersionEntry(
                version=str(v["version"]), url=urljoin(index_url, str(v["url"])),
                sha256=str(v.get("sha256", "")), size=int(v.get("size", 0)),
                created=str(v.get("created", "")),
                delta=_delta(v.get("delta"), index_url),
            )
            for v in data["versions"]
        ]
    except (KeyError, TypeError, ValueError) as err:
        raise DownloadError("{url} is not a catalog update index ({reason}).",
                            url=index_url, reason=str(err)) from err
    return catalog, versions


def _delta(data: Any, index_url: str) -> DeltaEntry | None:
    if data is None:
        return None
    return DeltaEntry(base=str(data["base"]), url=urljoin(index_url, str(data["url"])),
                      sha256=str(data.get("sha256", "")), size=int(data.get("size", 0)))
