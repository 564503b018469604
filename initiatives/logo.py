"""An initiative's logo: checked and redrawn on upload, kept across a form that comes back,
and removed from storage once nothing refers to it any more.

A logo is small, so its limits are small. The dimensions are read from the file's header before
anything is decoded: a PNG of a few kilobytes can claim 9,000 × 9,000 pixels and would take
hundreds of megabytes once decoded. A JPEG is decoded at a fraction of its size (its format allows
that), so it may be a larger photo; every other format must be logo-sized as it is.
"""

import secrets
from datetime import timedelta
from io import BytesIO
from typing import Any

from django import forms
from django.core import signing
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 800  # the stored logo
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# Decoded at full size: at most 2,000 × 2,000 pixels (16 MB as RGBA).
DECODED_MAX_SIDE = 2000
# Decoded at an eighth to a half of its size (Image.draft): a photo of up to 6,000 × 6,000.
JPEG_MAX_SIDE = 6000

KEPT_FOLDER = "logos/kept/"
KEPT_SALT = "initiatives.kept-logo"
KEPT_FOR = timedelta(days=1)


def _unreadable() -> forms.ValidationError:
    return forms.ValidationError(
        _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF.")
    )


def _check_dimensions(image: Image.Image) -> None:
    """Refuse from the header alone, before a single pixel is decoded."""
    limit = JPEG_MAX_SIDE if image.format == "JPEG" else DECODED_MAX_SIDE
    width, height = image.size
    if width > limit or height > limit:
        raise forms.ValidationError(
            _(
                "This image is too large: %(width)s × %(height)s pixels. A logo may be at most "
                "%(png)s × %(png)s pixels (a JPEG photo at most %(jpeg)s × %(jpeg)s)."
            )
            % {"width": width, "height": height, "png": DECODED_MAX_SIDE, "jpeg": JPEG_MAX_SIDE}
        )


def reencode_logo(upload: UploadedFile) -> InMemoryUploadedFile:
    """Check that the upload is a real image of a known type, then draw it anew as PNG.

    Re-encoding drops whatever else the file carried (scripts, metadata, location).
    """
    if upload.size is None or upload.size > LOGO_MAX_BYTES:
        raise forms.ValidationError(_("The logo may be at most 2 MB."))
    try:
        with Image.open(upload) as image:
            if image.format not in LOGO_FORMATS:
                raise forms.ValidationError(_("Upload a PNG, JPEG, WebP or GIF image."))
            _check_dimensions(image)
            # JPEG only: decode at the smallest scale that still gives the stored size.
            image.draft("RGB", (LOGO_MAX_SIDE, LOGO_MAX_SIDE))
            picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise _unreadable() from None
    picture.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    size = buffer.tell()
    buffer.seek(0)
    return InMemoryUploadedFile(buffer, "logo", "logo.png", "image/png", size, None)


def delete_after_commit(name: str) -> None:
    """Remove a stored logo once the change that dropped it is committed; a rollback keeps it."""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def keep(logo: UploadedFile, *, user_pk: int) -> str:
    """Store an accepted, redrawn logo while its form comes back (the "is this yours?" step).

    Returns a signed token for a hidden field; only the same person can use it, for a day.
    """
    _forget_old_kept_logos()
    logo.seek(0)
    name = default_storage.save(f"{KEPT_FOLDER}{secrets.token_urlsafe(16)}.png", logo)
    return signing.dumps({"file": name, "user": user_pk}, salt=KEPT_SALT)


def kept_file(token: str, *, user_pk: int) -> str | None:
    """The stored name behind a kept-logo token, if it is valid, recent, and this person's."""
    try:
        kept = signing.loads(token, salt=KEPT_SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    name = kept.get("file", "")
    if kept.get("user") != user_pk or not name.startswith(KEPT_FOLDER) or "/.." in name:
        return None
    return name if default_storage.exists(name) else None


def kept_upload(name: str) -> File:
    """A kept logo as a file to assign to an initiative; the kept copy goes after the commit."""
    with default_storage.open(name) as stored:
        content = ContentFile(stored.read(), name="logo.png")
    delete_after_commit(name)
    return content


def _forget_old_kept_logos() -> None:
    """Kept logos of forms that were never sent again: gone after a day."""
    try:
        _folders, files = default_storage.listdir(KEPT_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - KEPT_FOR
    for file in files:
        name = KEPT_FOLDER + file
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)


def forget_unsaved(name: str) -> None:
    """A new logo was written to storage, but the change that would use it failed."""
    if name:
        default_storage.delete(name)


def _delete_with_initiative(sender: type, instance: Any, **kwargs: Any) -> None:
    delete_after_commit(instance.logo.name)


def register() -> None:
    """A deleted initiative's logo leaves storage with it, once the deletion is committed."""
    from initiatives.models import Initiative

    post_delete.connect(_delete_with_initiative, sender=Initiative, dispatch_uid="initiative-logo")
