"""Decompression bombs: a tiny file that claims a huge image is refused before it is decoded,
and a large photo is redrawn without holding it in memory at full size."""

import os
import struct
import subprocess
import sys
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image

from accounts.models import User
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.initiatives.test_logo import upload

BOMB_SIDE = 8940


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = BOMB_SIDE) -> bytes:
    """A black 1-bit PNG of side × side pixels, written row by row: about 10 KB on disk."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def big_jpeg(side: int) -> bytes:
    buffer = BytesIO()
    Image.new("L", (side, side), 200).save(buffer, format="JPEG", quality=50)
    return buffer.getvalue()


# Runs in a fresh interpreter so its peak memory is its own: prints the peak's growth in MB.
MEASURE = """
import os, resource, sys
import django
django.setup()
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from initiatives.forms import reencode_logo

content = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile(sys.argv[2], content)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    forms.ImageField().clean(upload)  # what the profile form's logo field does first
    logo = reencode_logo(upload)
    outcome = "accepted"
except forms.ValidationError as error:
    outcome = "refused: " + " ".join(error.messages)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) // 1024)
print(outcome)
"""


def peak_growth_mb(tmp_path: Path, content: bytes, name: str) -> tuple[int, str]:
    image = tmp_path / name
    image.write_bytes(content)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "omzien.settings"}
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(image), name],
        capture_output=True,
        text=True,
        env=env,
        cwd=django_settings.BASE_DIR,
        check=True,
    )
    growth, outcome = result.stdout.strip().splitlines()[-2:]
    return int(growth), outcome


def test_a_tiny_png_claiming_nine_thousand_pixels_square_is_refused_without_decoding(
    tmp_path: Path,
) -> None:
    bomb = png_bomb()
    assert len(bomb) < 20_000
    growth, outcome = peak_growth_mb(tmp_path, bomb, "logo.png")
    assert outcome.startswith("refused")
    assert "8940 × 8940" in outcome
    assert growth < 20


def test_a_large_jpeg_photo_is_redrawn_at_a_fraction_of_its_size_in_memory(
    tmp_path: Path,
) -> None:
    growth, outcome = peak_growth_mb(tmp_path, big_jpeg(6000), "photo.jpg")
    assert outcome == "accepted"
    # At full size this photo is 36 MB decoded and 144 MB as RGBA.
    assert growth < 40


def test_a_jpeg_beyond_the_photo_limit_is_refused(tmp_path: Path) -> None:
    growth, outcome = peak_growth_mb(tmp_path, big_jpeg(6200), "photo.jpg")
    assert outcome.startswith("refused")
    assert growth < 20


@pytest.mark.django_db
def test_the_person_reads_why_next_to_the_logo_field(
    client: Client, member: User, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    initiative: Initiative = InitiativeFactory(admin=member)
    client.force_login(member)
    response = upload(client, initiative, "logo.png", png_bomb())
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [
        "Deze afbeelding is te groot: 8940 × 8940 pixels. Een logo mag maximaal 2000 × 2000 "
        "pixels zijn (een JPEG-foto maximaal 6000 × 6000)."
    ]
    initiative.refresh_from_db()
    assert not initiative.logo
