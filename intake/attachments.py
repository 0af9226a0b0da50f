"""Attachment sanitising: learn the type from the bytes, then drop every byte of metadata.

Phones stamp photos with GPS, recordings with device names and PDFs with authors. Key holders
may one day publish an attachment, and a leaked key must not also leak where a witness was, so
the server keeps only the content: images are re-encoded from their pixels, PDFs lose their
document info and XMP, audio loses its tags. The client's filename and content type are ignored
(a filename like ``IMG_20240301_134500.jpg`` is metadata too).
"""

from __future__ import annotations

import dataclasses
import io
import struct
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import mutagen
import pikepdf
from mutagen.apev2 import delete as delete_ape
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4, Atoms
from mutagen.ogg import OggFileType
from PIL import Image, ImageOps

from intake.errors import InvalidInput

if TYPE_CHECKING:  # the witness service imports this module, so no runtime import back
    from intake.services.witness import Upload


class AttachmentRejected(InvalidInput):
    """An attachment we refuse; ``code`` lets the web layer show a translated message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _unsupported() -> AttachmentRejected:
    return AttachmentRejected(
        "unsupported",
        "This file type is not accepted. Send JPEG, PNG or WebP images, PDF documents, "
        "or OGG, MP3, M4A or WAV audio.",
    )


def _corrupt() -> AttachmentRejected:
    return AttachmentRejected("corrupt", "This file is damaged or incomplete and cannot be read.")


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    extension: str


KINDS = {
    k.name: k
    for k in (
        Kind("jpeg", "image/jpeg", "jpg"),
        Kind("png", "image/png", "png"),
        Kind("webp", "image/webp", "webp"),
        Kind("pdf", "application/pdf", "pdf"),
        Kind("ogg", "audio/ogg", "ogg"),
        Kind("mp3", "audio/mpeg", "mp3"),
        Kind("m4a", "audio/mp4", "m4a"),
        Kind("wav", "audio/wav", "wav"),
    )
}
_MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso2", b"dash"}


def sniff(data: bytes) -> Kind | None:
    """The accepted kind that the file's magic bytes announce, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return KINDS["webp"]
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return KINDS["wav"]
    if data.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if data.startswith(b"OggS"):
        return KINDS["ogg"]
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE6 == 0xE2):
        return KINDS["mp3"]  # ID3v2 tag, or an MPEG audio layer III frame sync
    if data[4:8] == b"ftyp" and data[8:12] in _MP4_AUDIO_BRANDS:
        return KINDS["m4a"]
    return None


@dataclass(frozen=True)
class Limits:
    """What a file may cost to clean: images are refused by their declared size, unread."""

    max_pixels: int = 16_000_000


def sanitise(upload: Upload, limits: Limits = Limits()) -> Upload:
    """Return the upload with its metadata removed and a neutral name; raise if unacceptable."""
    kind = sniff(upload.data)
    if kind is None:
        raise _unsupported()
    if kind.name in _PIL_FORMAT:
        data = _clean_image(upload.data, _PIL_FORMAT[kind.name], limits.max_pixels)
    else:
        data = _CLEANERS[kind.name](upload.data)
    return dataclasses.replace(
        upload, filename=f"attachment.{kind.extension}", content_type=kind.content_type, data=data
    )


# --- images -------------------------------------------------------------------------------

_PIL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_MODES = {"JPEG": ("L", "RGB"), "PNG": ("L", "LA", "RGB", "RGBA"), "WEBP": ("RGB", "RGBA")}
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 95},
    "PNG": {},
    "WEBP": {"quality": 95},
}


# One decoded image at a time per process: a decoded photo is width x height x 4 bytes.
_decode_slots = threading.BoundedSemaphore(1)


def _too_many_pixels(max_pixels: int) -> AttachmentRejected:
    megapixels = max(1, max_pixels // 1_000_000)
    return AttachmentRejected(
        "image_too_large",
        f"This image has too many pixels (the limit is {megapixels} megapixels). "
        "Send a smaller copy of the photo.",
    )


def _clean_image(data: bytes, fmt: str, max_pixels: int) -> bytes:
    with _decode_slots:
        pixels = _decode_pixels(data, fmt, max_pixels)
        # Savers take metadata only from the save call and from ``info`` (EXIF, XMP, ICC,
        # comments, text chunks); with ``info`` empty the new file carries pixels only.
        pixels.info.clear()
        out = io.BytesIO()
        pixels.save(out, format=fmt, **_SAVE_OPTIONS[fmt])
        del pixels
    return out.getvalue()


def _decode_pixels(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    """Decode the first frame upright (EXIF orientation applied) in a mode ``fmt`` can store.

    The size comes from the header, read lazily: an image over ``max_pixels`` is refused
    before a single pixel is decoded. The pixels are held once (turned in place)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[fmt]) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(max_pixels)
                image.load()
                ImageOps.exif_transpose(image, in_place=True)
                upright = image
        except (
            OSError,
            SyntaxError,
            ValueError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ) as exc:
            raise _corrupt() from exc
    allowed = _MODES[fmt]
    if upright.mode in allowed:
        return upright
    has_alpha = "A" in upright.mode or "transparency" in upright.info
    return upright.convert("RGBA" if has_alpha and "RGBA" in allowed else "RGB")


# --- PDF ----------------------------------------------------------------------------------


# Annotation keys that name or date their author: /T is the author shown in viewers.
_ANNOTATION_IDENTITY = ("/T", "/M", "/CreationDate", "/NM")
# JPEG segments that carry nothing but metadata: APP0-APP13 and APP15 (EXIF, XMP, IPTC, ICC,
# maker notes, thumbnails) and COM. APP14 (Adobe) only says how to read the colours.
_JPEG_METADATA = {*range(0xE0, 0xEE), 0xEF, 0xFE}


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The same JPEG without metadata segments; the compressed pixels are untouched."""
    if not data.startswith(b"\xff\xd8"):
        raise _corrupt()
    out, offset = bytearray(b"\xff\xd8"), 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            raise _corrupt()
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        (length,) = struct.unpack_from(">H", data, offset + 2)
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[offset:]
            return bytes(out)
        if marker not in _JPEG_METADATA:
            out += data[offset : offset + 2 + length]
        offset += 2 + length
    raise _corrupt()


def _is_jpeg_image(obj: object) -> bool:
    if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != pikepdf.Name.Image:
        return False
    filters = obj.get("/Filter")
    names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    return names == [pikepdf.Name.DCTDecode]


def _strip_pdf_identity(pdf: pikepdf.Pdf) -> None:
    """Metadata streams, private application data, annotation authors and embedded JPEGs' EXIF."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        for key in ("/Metadata", "/PieceInfo"):
            if key in obj:
                del obj[key]
        if "/Subtype" in obj and ("/Rect" in obj or obj.get("/Type") == pikepdf.Name.Annot):
            for key in _ANNOTATION_IDENTITY:
                if key in obj and obj.get("/Subtype") != pikepdf.Name.Widget:
                    del obj[key]
        if _is_jpeg_image(obj):
            obj.write(strip_jpeg_metadata(obj.read_raw_bytes()), filter=pikepdf.Name.DCTDecode)


def _clean_pdf(data: bytes) -> bytes:
    """Drop document info, XMP, annotation authors and image EXIF; qpdf rewrites without history."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            _strip_pdf_identity(pdf)
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    except pikepdf.PasswordError as exc:
        raise AttachmentRejected(
            "encrypted",
            "Password-protected PDF files cannot be accepted. Remove the password first.",
        ) from exc
    except pikepdf.PdfError as exc:
        raise _corrupt() from exc
    return out.getvalue()


# --- audio --------------------------------------------------------------------------------


def _tagged_audio_cleaner(expected: type[mutagen.FileType]) -> Callable[[bytes], bytes]:
    def clean(data: bytes) -> bytes:
        buffer = io.BytesIO(data)
        try:
            audio = mutagen.File(buffer)
            if not isinstance(audio, expected):
                raise _corrupt()
            audio.delete(buffer)
            if isinstance(audio, MP3):
                delete_ape(buffer)
            buffer.seek(0)
            if mutagen.File(buffer) is None:
                raise _corrupt()
        except mutagen.MutagenError as exc:
            raise _corrupt() from exc
        return buffer.getvalue()

    return clean


def _clean_m4a(data: bytes) -> bytes:
    """MP4 containers also hold video, whose location atoms mutagen does not remove: refuse it."""
    try:
        atoms = Atoms(io.BytesIO(data))
        handlers = [
            hdlr.read(io.BytesIO(data))[1][8:12]
            for trak in atoms[b"moov"].findall(b"trak")
            for hdlr in trak.findall(b"hdlr", recursive=True)
            if hdlr.name == b"hdlr"
        ]
    except (mutagen.MutagenError, KeyError, struct.error) as exc:
        raise _corrupt() from exc
    media = [h for h in handlers if h in {b"soun", b"vide"}]
    if not media or any(h != b"soun" for h in media):
        raise _unsupported()
    return _tagged_audio_cleaner(MP4)(data)


def _clean_wav(data: bytes) -> bytes:
    """Rebuild the RIFF file from its ``fmt `` and ``data`` chunks; LIST/INFO, id3, bext go."""
    kept: dict[bytes, bytes] = {}
    offset = 12
    while offset + 8 <= len(data):
        chunk_id, size = struct.unpack_from("<4sI", data, offset)
        body = data[offset + 8 : offset + 8 + size]
        if len(body) < size and chunk_id != b"data":
            raise _corrupt()
        if chunk_id in {b"fmt ", b"data"} and chunk_id not in kept:
            kept[chunk_id] = body
        offset += 8 + size + (size & 1)
    if list(kept) != [b"fmt ", b"data"] or len(kept[b"fmt "]) < 16:
        raise _corrupt()
    chunks = b"".join(
        struct.pack("<4sI", cid, len(body)) + body + b"\0" * (len(body) & 1)
        for cid, body in kept.items()
    )
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


_CLEANERS: dict[str, Callable[[bytes], bytes]] = {
    "pdf": _clean_pdf,
    "ogg": _tagged_audio_cleaner(OggFileType),
    "mp3": _tagged_audio_cleaner(MP3),
    "m4a": _clean_m4a,
    "wav": _clean_wav,
}
