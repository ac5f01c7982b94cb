"""Reading a bundle that may be broken or hostile, without ever extracting it to disk.

Every member is read in memory through limits counted while reading (not the sizes the ZIP
claims): entry count, names, links, compression method, bytes per file and in all, the
compression ratio, the length of one record and the nesting of JSON. Anything wrong raises
:class:`BundleError` with one line that says what and where.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

import fastjsonschema

from watchdesk.core.words import count as counted
from watchdesk.exchange.format import FORMAT_NAME, FORMAT_VERSION, MANIFEST
from watchdesk.exchange.schema import shipped_schema
from watchdesk.services.errors import FileRefusedError


@dataclass(frozen=True)
class Limits:
    """What a sane bundle stays within (a year of the largest groups is far below)."""

    members: int = 64
    manifest_bytes: int = 1 << 20
    member_bytes: int = 4 << 30
    total_bytes: int = 8 << 30
    # Uncompressed / compressed, for members over ``ratio_floor`` bytes: JSON records
    # compress ~10-20x, a zip bomb 1000x and more.
    ratio: int = 100
    ratio_floor: int = 1 << 20
    record_bytes: int = 4 << 20
    json_depth: int = 8


DEFAULT_LIMITS = Limits()
_CHUNK = 1 << 20
_NAME = re.compile(r"[a-z_]{1,64}\.json")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What zipfile and zlib raise on damaged data.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


class BundleError(FileRefusedError):
    """A bundle that cannot be imported; the message is one line for the user, whatever a
    hostile file puts in the names and values it quotes (control characters are escaped)."""

    def __init__(self, message: str) -> None:
        super().__init__(_CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", message))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json(text: bytes | str, where: str, depth: int | None = None) -> Any:
    """JSON with NaN/Infinity refused and nesting bounded (records are flat: the schema
    refuses nesting there, so only ``depth`` documents are measured)."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise BundleError(f"{where}: JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError(f"{where}: not valid JSON ({_short(exc)})") from None
    if depth is not None and _depth(value) > depth:
        raise BundleError(f"{where}: JSON nested too deeply")
    return value


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def schema_message(exc: fastjsonschema.JsonSchemaValueException) -> str:
    """'data.severity must be ...' -> 'severity must be ...'."""
    message = str(exc.message)
    return re.sub(r"^data\.?", "", message).strip() or message


@cache
def _validator(definition: str) -> Callable[[Any], Any]:
    """A fastjsonschema validator for one definition of the shipped schema, compiled once."""
    schema = shipped_schema()
    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        {**schema["definitions"][definition], "definitions": schema["definitions"]}
    )
    return compiled


class BundleReader:
    """An open bundle: its manifest, checksum verification and its records, all checked."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path, self.limits = path, limits
        self._file: IO[bytes] | None = None
        try:
            self._file = path.open("rb")
            self._zip = zipfile.ZipFile(self._file)
        except FileNotFoundError:
            self.close()
            raise BundleError(f"{path} does not exist") from None
        except IsADirectoryError:
            self.close()
            raise BundleError(f"{path} is a folder, not a bundle") from None
        except zipfile.BadZipFile:
            self.close()
            raise BundleError(
                f"{path.name} is not a WatchDesk bundle (not a ZIP file, or a truncated one)"
            ) from None
        except _DAMAGE as exc:
            self.close()
            raise BundleError(f"{path.name} cannot be read: {_short(exc)}") from None
        try:
            self._entries = self._check_entries()
            self.manifest = self._read_manifest()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    # -- structure -------------------------------------------------------------------------
    def _check_entries(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self.limits.members:
            raise BundleError(f"{self.path.name}: {len(infos)} files inside, too many for a bundle")
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if not _NAME.fullmatch(name):
                shown = name if len(name) < 80 else name[:77] + "..."
                raise BundleError(f"{self.path.name}: unexpected file name inside: {shown!r}")
            if name in entries:
                raise BundleError(f"{self.path.name}: {name} appears twice")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise BundleError(f"{self.path.name}: {name} is a symbolic link")
            if info.flag_bits & 0x1:
                raise BundleError(f"{self.path.name}: {name} is encrypted")
            if info.compress_type not in _ALLOWED_METHODS:
                raise BundleError(f"{self.path.name}: {name} uses an unsupported compression")
            entries[name] = info
        if MANIFEST not in entries:
            raise BundleError(f"{self.path.name} is not a WatchDesk bundle (no {MANIFEST})")
        return entries

    def _read_manifest(self) -> dict[str, Any]:
        data = b"".join(self._chunks(MANIFEST, self.limits.manifest_bytes))
        manifest = parse_json(data, MANIFEST, self.limits.json_depth)
        if not isinstance(manifest, dict):
            raise BundleError(f"{MANIFEST}: not a JSON object")
        if manifest.get("format") != FORMAT_NAME:
            raise BundleError(f"{self.path.name} is not a WatchDesk exchange bundle")
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise BundleError(
                f"{self.path.name} is format version {version!r}; this WatchDesk reads version "
                f"{FORMAT_VERSION} (update WatchDesk to import newer bundles)"
            )
        try:
            _validator("manifest")(manifest)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise BundleError(f"{MANIFEST}: {schema_message(exc)}") from None
        listed = set(manifest["files"])
        present = set(self._entries) - {MANIFEST}
        if listed - present:
            raise BundleError(f"{self.path.name}: {sorted(listed - present)[0]} is missing")
        if present - listed:
            raise BundleError(
                f"{self.path.name}: {sorted(present - listed)[0]} is not in the manifest"
            )
        declared = sum(entry["bytes"] for entry in manifest["files"].values())
        if declared > self.limits.total_bytes:
            raise BundleError(f"{self.path.name}: {declared:,} bytes of records, over the limit")
        return manifest

    # -- reading ---------------------------------------------------------------------------
    def _chunks(self, name: str, limit: int) -> Iterator[bytes]:
        """The member's bytes in chunks, stopping as soon as a limit is passed."""
        info = self._entries[name]
        size = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise BundleError(f"{name}: larger than its limit or its manifest entry")
                    ratio_limit = self.limits.ratio * max(info.compress_size, 1)
                    if size > self.limits.ratio_floor and size > ratio_limit:
                        raise BundleError(f"{name}: compressed too well to be records (zip bomb?)")
                    yield chunk
        except BundleError:
            raise
        except _DAMAGE as exc:
            raise BundleError(f"{name} is damaged: {_short(exc)}") from None

    def _expected(self, name: str) -> dict[str, Any]:
        entry: dict[str, Any] = self.manifest["files"][name]
        return entry

    def verify(self, on_bytes: Callable[[int], None] | None = None) -> None:
        """Check every file's size and SHA-256 against the manifest (reads everything once)."""
        for name in self.manifest["files"]:
            expected = self._expected(name)
            digest = hashlib.sha256()
            size = 0
            for chunk in self._chunks(name, min(expected["bytes"], self.limits.member_bytes)):
                digest.update(chunk)
                size += len(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            if size != expected["bytes"] or digest.hexdigest() != expected["sha256"]:
                raise BundleError(f"{name}: checksum does not match the manifest (file altered?)")

    def has(self, name: str) -> bool:
        return name in self.manifest["files"]

    def records(self, name: str, definition: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, record) for each record of a file, each checked against the schema;
        the file's checksum and count are checked again as it is read."""
        expected = self._expected(name)
        validate = _validator(definition)
        digest = hashlib.sha256()
        count = 0
        previous = ""
        for number, text in _elements(name, self._lines(name, expected["bytes"], digest)):
            record = parse_json(text, f"{name} line {number}")
            try:
                validate(record)
            except fastjsonschema.JsonSchemaValueException as exc:
                raise BundleError(f"{name} line {number}: {schema_message(exc)}") from None
            uuid = record["uuid"]
            if uuid <= previous:
                raise BundleError(
                    f"{name} line {number}: records must be in increasing uuid order, "
                    f"each uuid once ({uuid})"
                )
            previous = uuid
            count += 1
            yield number, record
        if count != expected["records"]:
            raise BundleError(
                f"{name}: {counted(count, 'record')}, the manifest says {expected['records']}"
            )
        if digest.hexdigest() != expected["sha256"]:
            raise BundleError(f"{name}: checksum does not match the manifest (file altered?)")

    def _lines(self, name: str, size: int, digest: Any) -> Iterator[tuple[int, bytes]]:
        limit = min(size, self.limits.member_bytes)
        rest = b""
        number = 0
        for chunk in self._chunks(name, limit):
            digest.update(chunk)
            parts = (rest + chunk).split(b"\n")
            rest = parts.pop()
            if len(rest) > self.limits.record_bytes:
                raise BundleError(f"{name} line {number + len(parts) + 1}: record too long")
            for part in parts:
                number += 1
                if len(part) > self.limits.record_bytes:
                    raise BundleError(f"{name} line {number}: record too long")
                yield number, part
        if rest:
            yield number + 1, rest


# JSON's whitespace only (bytes.strip() would also pass a vertical tab or form feed).
JSON_SPACE = b" \t\r\n"


def _elements(name: str, lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """The elements of a JSON array written one per line: '[', 'x,' ... 'x', ']'."""
    number, first = next(lines, (1, b""))
    if first.strip(JSON_SPACE) != b"[":
        raise BundleError(f"{name} line {number}: expected '[' (one record per line)")
    pending: tuple[int, bytes] | None = None  # the last element, its comma not yet seen
    comma_open = False  # the previous element ended with a comma
    for number, line in lines:
        text = line.strip(JSON_SPACE)
        if text == b"]":
            if comma_open:
                raise BundleError(f"{name} line {number}: a ',' before the closing ']'")
            if pending is not None:
                yield pending
            for later, extra in lines:
                if extra.strip(JSON_SPACE):
                    raise BundleError(f"{name} line {later}: text after the closing ']'")
            return
        if pending is not None:
            raise BundleError(f"{name} line {pending[0]}: missing ',' after the record")
        comma_open = text.endswith(b",")
        if comma_open:
            yield number, text[:-1]
        else:
            pending = (number, text)
    raise BundleError(f"{name}: ends before its closing ']' (truncated?)")
