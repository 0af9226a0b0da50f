"""Witness multipart forms, parsed in memory with hard limits.

Starlette spools uploads above 1 MB to temporary files: plaintext evidence on the server's
disk before it is encrypted. This parser keeps everything in memory, stops counting bytes at
the configured limits, and only ever holds ``max_files`` files of ``max_file_bytes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from intake.config import Settings
from intake.services.witness import Upload
from intake.web.errors import FormRejected

TEXT_FIELDS = frozenset({"text", "language", "receipt", "form_token"})
PREVIEW_FIELDS = frozenset({"hide", "memory"})  # the preview step's words to hide, surrogates
LIST_FIELDS = frozenset({"mark"})  # one part per ticked word on the preview page
FILE_FIELD = "attachments"
MAX_FIELD_BYTES = 4  # per character: the text limit is in characters, UTF-8 needs up to four


@dataclass
class WitnessForm:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[Upload] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def take_files(self) -> list[Upload]:
        """Hand the files over; the form keeps no reference, so they can be freed early."""
        files, self.files = self.files, []
        return files


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    content_type: str = ""
    data: bytearray = field(default_factory=bytearray)
    over: bool = False  # crossed its size limit


class _Collector:
    """python-multipart callbacks that build a ``WitnessForm`` within the limits."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.form = WitnessForm()
        self.part = _Part()
        self.headers: dict[bytes, bytes] = {}
        self.header_name = b""
        self.header_value = b""
        self.field_limit = settings.max_text_chars * MAX_FIELD_BYTES
        self.rejection: str | None = None  # error code once a limit was crossed
        self.too_large: list[str] = []  # names of the files over the limit

    def on_part_begin(self) -> None:
        self.part = _Part()
        self.headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_name.lower()] = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            self.part.filename = options[b"filename"].decode("utf-8", "replace")
            self.part.content_type = self.headers.get(b"content-type", b"").decode("latin-1")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.part
        is_file = part.filename is not None
        limit = self.settings.max_attachment_bytes if is_file else self.field_limit
        if part.over or len(part.data) + (end - start) > limit:
            # Refused at the first byte over the limit; the rest is read and thrown away, so the
            # browser gets our page rather than a reset connection.
            if not part.over:
                part.over = True
                self.rejection = "file_too_large" if is_file else "text_too_long"
                if is_file:
                    self.too_large.append(part.filename or "")
            part.data.clear()
            return
        part.data.extend(data[start:end])

    def on_part_end(self) -> None:
        part = self.part
        if part.over:
            return
        if part.filename is not None:
            if part.name == FILE_FIELD and (part.filename or part.data):  # "" = no file chosen
                self.form.files.append(Upload(part.filename, part.content_type, bytes(part.data)))
            part.data.clear()  # the file is held once, as the Upload's bytes
        elif part.name in TEXT_FIELDS | PREVIEW_FIELDS:
            self.form.fields[part.name] = part.data.decode("utf-8", "replace")
        elif part.name in LIST_FIELDS:
            self.form.lists.setdefault(part.name, []).append(part.data.decode("utf-8", "replace"))


def page_limits(settings: Settings) -> dict[str, int]:
    """The limits a witness form states in its hints and ``maxlength``."""
    return {
        "max_chars": settings.max_text_chars,
        "max_files": settings.max_attachments,
        "max_mb": max(1, settings.max_attachment_bytes // (1024 * 1024)),
    }


def max_form_bytes(settings: Settings) -> int:
    """Largest witness form: every file at its limit plus the text, encoded generously."""
    return (settings.max_attachments + 1) * settings.max_attachment_bytes + (
        settings.max_text_chars * MAX_FIELD_BYTES * 2
    )


async def read_witness_form(request: Request, settings: Settings) -> WitnessForm:
    """Parse a witness form; raise ``FormRejected`` with a code the error page translates."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in options:
        raise FormRejected("malformed", "The form was not sent as multipart/form-data.", 400)
    max_body = max_form_bytes(settings)
    if int(request.headers.get("content-length") or 0) > max_body:
        raise FormRejected("too_large", "The form is larger than the service accepts.", 413)
    collector = _Collector(settings)
    parser = MultipartParser(
        options[b"boundary"],
        {
            name: getattr(collector, name)
            for name in (
                "on_part_begin",
                "on_header_field",
                "on_header_value",
                "on_header_end",
                "on_headers_finished",
                "on_part_data",
                "on_part_end",
            )
        },
    )
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_body:
                raise FormRejected("too_large", "The form is larger than the service accepts.", 413)
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        raise FormRejected("malformed", "The form could not be read.", 400) from exc
    form = collector.form
    if collector.rejection == "file_too_large":
        names = ", ".join(name[:80] for name in collector.too_large)
        raise FormRejected(
            "file_too_large",
            "A file is over the size limit.",
            413,
            params={"names": names, "max_mb": settings.max_attachment_bytes // (1024 * 1024)},
            form=form,
        )
    if collector.rejection:
        raise FormRejected("text_too_long", "The text is over the size limit.", 413, form=form)
    if len(form.files) > settings.max_attachments:
        raise FormRejected("too_many_files", "Too many files were attached.", form=form)
    return form
