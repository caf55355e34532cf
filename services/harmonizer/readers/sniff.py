"""Content sniffing of received files, and a guard against zip bombs, before any parser runs."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Final

ZIP_MAGIC: Final = b"PK\x03\x04"
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GZIP_MAGIC: Final = b"\x1f\x8b"
MAX_ZIP_ENTRIES: Final = 10_000
MAX_COMPRESSION_RATIO: Final = 200  # real XLSX parts compress 5-20x; bombs 1000x and more


def sniff(content: bytes) -> str:
    """What the bytes are, whatever the file name says: xlsx, xls, json, csv or unknown."""
    if content.startswith(ZIP_MAGIC):
        return "xlsx"
    if content.startswith(OLE2_MAGIC):
        return "xls"
    if content.startswith(GZIP_MAGIC):
        return "gzip"
    head = content[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "json" if _is_json(content) else "unknown"
    if head and not _looks_binary(head):
        return "csv"
    return "unknown"


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return False
    except RecursionError:
        return True  # JSON nested too deep: the JSON reader answers `json-too-deep`
    return True


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head or sum(byte < 9 for byte in head) > len(head) // 100


def archive_problem(content: bytes, max_unpacked_bytes: int) -> str | None:
    """Why a ZIP container must not be opened (too many parts, too big unpacked), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a readable archive: the workbook reader reports it as unreadable
    if len(entries) > MAX_ZIP_ENTRIES:
        return f"{len(entries)} parts"
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if unpacked > max_unpacked_bytes or unpacked / packed > MAX_COMPRESSION_RATIO:
        return f"{unpacked} bytes unpacked from {packed}"
    return None
