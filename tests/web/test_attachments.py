"""Metadata really leaves attachments, and files are judged by their bytes, not their names."""

from __future__ import annotations

import io
import wave

import mutagen
import pikepdf
import pytest
from PIL import Image, ImageChops

from intake.attachments import AttachmentRejected, sanitise
from intake.services.witness import Upload
from tests.web import media

CANARY = media.CANARY.encode()


def clean(data: bytes, filename: str = "IMG_20240301_134500.jpg") -> Upload:
    return sanitise(Upload(filename, "application/octet-stream", data))


def test_jpeg_loses_exif_gps_xmp_and_comment_but_keeps_pixels() -> None:
    original = media.jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(0x8825)  # the fixture really carries GPS
        before_pixels = before.convert("RGB")

    result = clean(original)

    assert result.content_type == "image/jpeg"
    assert result.filename == "attachment.jpg"
    assert CANARY not in result.data and b"Exif" not in result.data
    with Image.open(io.BytesIO(result.data)) as after:
        assert not after.getexif()
        assert not after.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(after.info)
        assert after.size == before_pixels.size
        diff = ImageChops.difference(after.convert("RGB"), before_pixels)
        assert max(high for _, high in diff.getextrema()) <= 16  # JPEG re-encoding noise only


def test_exif_orientation_is_applied_before_it_is_dropped() -> None:
    result = clean(media.jpeg_with_gps(orientation=6))  # "rotate 90° clockwise to display"
    with Image.open(io.BytesIO(result.data)) as after:
        assert after.size == (32, 64)


def test_png_loses_text_chunks_and_exif_with_identical_pixels() -> None:
    result = clean(media.png_with_text(), "photo.png")
    assert CANARY not in result.data
    with Image.open(io.BytesIO(result.data)) as after:
        assert not after.getexif() and "Author" not in after.info
        assert ImageChops.difference(after.convert("RGB"), media.gradient()).getbbox() is None


def test_pdf_loses_docinfo_and_xmp() -> None:
    result = clean(media.pdf_with_metadata(), "report.pdf")
    assert result.content_type == "application/pdf"
    assert CANARY not in result.data
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1


@pytest.mark.parametrize(
    ("build", "content_type"),
    [(media.mp3_with_tags, "audio/mpeg"), (media.opus_with_tags, "audio/ogg")],
)
def test_audio_tags_are_deleted(build, content_type: str) -> None:
    original = build()
    assert mutagen.File(io.BytesIO(original)).tags
    result = clean(original, "voice.bin")
    assert result.content_type == content_type
    assert CANARY not in result.data
    assert not mutagen.File(io.BytesIO(result.data)).tags


def test_wav_keeps_only_format_and_samples() -> None:
    original = media.wav_with_info()
    result = clean(original, "memo.wav")
    assert CANARY not in result.data and b"LIST" not in result.data
    with wave.open(io.BytesIO(original)) as before, wave.open(io.BytesIO(result.data)) as after:
        assert after.getparams() == before.getparams()
        assert after.readframes(800) == before.readframes(800)


def test_type_comes_from_content_not_name_or_declared_type() -> None:
    png_named_pdf = sanitise(Upload("letter.pdf", "application/pdf", media.png_with_text()))
    assert png_named_pdf.content_type == "image/png"
    with pytest.raises(AttachmentRejected) as refused:
        sanitise(Upload("photo.jpg", "image/jpeg", b"#!/bin/sh\necho not a photo\n"))
    assert refused.value.code == "unsupported"


@pytest.mark.parametrize(
    "data",
    [
        media.jpeg_with_gps()[:200],  # truncated JPEG
        b"%PDF-1.7\nthis is not a pdf body",
        b"OggS" + b"\0" * 60,
        b"RIFF\x10\0\0\0WAVEjunk",
    ],
)
def test_corrupt_files_are_refused_clearly(data: bytes) -> None:
    with pytest.raises(AttachmentRejected) as refused:
        clean(data)
    assert refused.value.code == "corrupt"
    assert refused.value.status_code == 422


def test_password_protected_pdf_is_refused() -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    with pytest.raises(AttachmentRejected) as refused:
        clean(out.getvalue())
    assert refused.value.code == "encrypted"


def test_image_over_the_pixel_limit_is_refused_from_its_header(monkeypatch) -> None:
    """Review 5: 9400 x 9400 declared (under Pillow's own bomb threshold); nothing decoded."""

    def no_decoding(self):  # type: ignore[no-untyped-def]
        raise AssertionError("pixels must not be decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    with pytest.raises(AttachmentRejected) as refused:
        clean(media.png_declaring(9400, 9400), "big.png")
    assert refused.value.code == "image_too_large"
    assert "megapixels" in refused.value.message


def test_attachments_are_cleaned_only_after_the_rate_limit(client, monkeypatch) -> None:
    """Review 5: a refused submission costs no decoding."""
    import intake.attachments

    cleaned = []
    monkeypatch.setattr(intake.attachments, "sanitise", lambda *a, **k: cleaned.append(a))
    client.app.state.services.limiter.submissions.limit = 1
    client.app.state.services.limiter.store.hit(client.app.state.services.limiter.submissions)
    response = client.post(
        "/en/submit",
        files={"text": (None, "A testimony."), "attachments": ("a.jpg", media.jpeg_with_gps())},
    )
    assert response.status_code == 429
    assert cleaned == []


def test_pdf_loses_embedded_photo_exif_and_annotation_authors() -> None:
    """Review 6: claim 27 for PDFs: the photo inside keeps its pixels but not its GPS."""
    result = clean(media.pdf_with_exif_photo_and_annotation_author(), "scan.pdf")
    assert CANARY not in result.data
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        page = pdf.pages[0]
        (note,) = page.obj["/Annots"]
        assert "/T" not in note and "/M" not in note
        assert str(note["/Contents"]) == "see the photo"
        photo = page.obj["/Resources"]["/XObject"]["/Im0"].read_raw_bytes()
    assert b"Exif" not in photo
    with Image.open(io.BytesIO(photo)) as image:
        assert not image.getexif()
        assert image.size == (64, 32)
        image.load()
