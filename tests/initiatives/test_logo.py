import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import User
from initiatives.models import Initiative
from tests.factories import InitiativeFactory
from tests.initiatives.test_profile_upkeep import edit_data


def image_file(image_format: str, size: tuple[int, int] = (1200, 600)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def initiative(member: User) -> Initiative:
    return InitiativeFactory(admin=member)


def upload(client: Client, initiative: Initiative, name: str, content: bytes) -> object:
    logo = SimpleUploadedFile(name, content)
    return client.post(f"/initiatives/{initiative.slug}/edit/", edit_data(initiative, logo=logo))


@pytest.mark.django_db
def test_a_logo_is_redrawn_as_a_modest_png(
    client: Client, member: User, initiative: Initiative, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    upload(client, initiative, "logo.jpg", image_file("JPEG"))
    initiative.refresh_from_db()
    with Image.open(initiative.logo.path) as stored:
        assert stored.format == "PNG"
        assert max(stored.size) == 800


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_refused_with_a_message(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    response = upload(client, initiative, "logo.png", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    initiative.refresh_from_db()
    assert not initiative.logo


@pytest.mark.django_db
def test_an_image_over_two_megabytes_is_refused(
    client: Client, member: User, initiative: Initiative
) -> None:
    client.force_login(member)
    noise = Image.frombytes("RGB", (1100, 1100), os.urandom(1100 * 1100 * 3))
    buffer = BytesIO()
    noise.save(buffer, format="PNG")  # noise does not compress: well over 2 MB
    response = upload(client, initiative, "logo.png", buffer.getvalue())
    assert response.context["form"].errors["logo"] == ["Het logo mag maximaal 2 MB zijn."]
