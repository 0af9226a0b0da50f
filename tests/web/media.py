"""Small media files with planted metadata, built in memory so no fixture binaries are shipped."""

from __future__ import annotations

import io
import struct
import wave

import mutagen.id3
import pikepdf
from mutagen.ogg import OggPage
from PIL import ExifTags, Image

CANARY = "Canary-Kyiv-5517"


def gradient(size: tuple[int, int] = (64, 32)) -> Image.Image:
    """An RGB image whose pixels can be compared after re-encoding."""
    width, height = size
    image = Image.new("RGB", size)
    image.putdata([(x * 4 % 256, y * 8 % 256, 128) for y in range(height) for x in range(width)])
    return image


def jpeg_with_gps(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CANARY
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 27.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (30.0, 31.0, 22.0)
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>{CANARY}</rdf:RDF></x:xmpmeta>'
    out = io.BytesIO()
    gradient().save(out, "JPEG", quality=95, exif=exif, xmp=xmp.encode(), comment=CANARY)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", CANARY)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CANARY
    out = io.BytesIO()
    gradient().save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = CANARY
    pdf.docinfo["/Producer"] = CANARY
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [CANARY]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def wav_with_info() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x01\x00" * 800)
    name = CANARY.encode() + b"\0"
    info = b"INFO" + b"INAM" + struct.pack("<I", len(name)) + name
    data = out.getvalue() + b"LIST" + struct.pack("<I", len(info)) + info
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def mp3_with_tags() -> bytes:
    """Silent MPEG-1 layer III frames (128 kbit/s, 44.1 kHz) with ID3v2 and ID3v1 tags."""
    frame = b"\xff\xfb\x90\x64" + b"\0" * 413
    buffer = io.BytesIO(frame * 20)
    tags = mutagen.id3.ID3()
    tags.add(mutagen.id3.TIT2(encoding=3, text=CANARY))
    tags.add(mutagen.id3.TXXX(encoding=3, desc="location", text=CANARY))
    tags.save(buffer, v1=2)
    return buffer.getvalue()


def opus_with_tags() -> bytes:
    """An Ogg Opus stream (headers plus one empty audio packet) with a comment."""
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    vendor = b"test"
    comment = f"ARTIST={CANARY}".encode()
    tags = (
        b"OpusTags"
        + struct.pack("<I", len(vendor))
        + vendor
        + struct.pack("<I", 1)
        + struct.pack("<I", len(comment))
        + comment
    )
    pages = []
    for sequence, (packet, position) in enumerate([(head, 0), (tags, 0), (b"\xf8", 960)]):
        page = OggPage()
        page.serial, page.sequence, page.position = 1, sequence, position
        page.first, page.last = sequence == 0, sequence == 2
        page.packets = [packet]
        pages.append(page.write())
    return b"".join(pages)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` but carries almost no pixel data."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


def pdf_with_exif_photo_and_annotation_author() -> bytes:
    """A page showing a JPEG with GPS EXIF, and a sticky note whose author is the canary."""
    photo = jpeg_with_gps()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    with Image.open(io.BytesIO(photo)) as image:
        width, height = image.size
    xobject = pikepdf.Stream(pdf, photo)
    xobject["/Type"] = pikepdf.Name.XObject
    xobject["/Subtype"] = pikepdf.Name.Image
    xobject["/Width"], xobject["/Height"] = width, height
    xobject["/ColorSpace"] = pikepdf.Name.DeviceRGB
    xobject["/BitsPerComponent"] = 8
    xobject["/Filter"] = pikepdf.Name.DCTDecode
    page = pdf.pages[0]
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject))
    page.obj["/Contents"] = pdf.make_stream(b"q 100 0 0 50 0 0 cm /Im0 Do Q")
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[10, 10, 30, 30],
        Contents=pikepdf.String("see the photo"),
        T=pikepdf.String(CANARY),
        M=pikepdf.String("D:20240301134500+03'00'"),
    )
    page.obj["/Annots"] = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(note)]))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
