"""Real files for the attachment tests, made here: PDFs written by hand (pypdf does not write
text), encrypted with pypdf, Word and OpenDocument files built with zipfile, and hostile ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from knowledgebase import attachments
from knowledgebase.models import Attachment, Item
from tests.knowledgebase.factories import DocumentFactory

DUTCH_TEXT = [
    "Beleidsregel buurtbudget gemeente Utrecht",
    "Bewoners vragen een bijdrage aan voor een ontmoetingsplek in de wijk.",
    "De coördinator beoordeelt de aanvraag binnen zes weken; ideeën zijn welkom.",
]


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[str]) -> bytes:
    body = b"BT /F1 12 Tf 72 760 Td 16 TL "
    for line in lines:
        body += b"(" + _escape(line) + b") Tj T* "
    return body + b"ET"


def _assemble(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog), with a right xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf_with_pages(pages: list[list[str]], claimed_count: int | None = None) -> bytes:
    """One page per list of lines. `claimed_count` puts another number in the page tree."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    count = claimed_count if claimed_count is not None else len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        FONT,
    ]
    for i, lines in enumerate(pages):
        content = first_page + 2 * i + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        objects.append(_stream(_content(lines)))
    return _assemble(objects)


def pdf_bytes(lines: list[str] | None = None) -> bytes:
    return pdf_with_pages([lines if lines is not None else DUTCH_TEXT])


def many_pages_pdf(count: int) -> bytes:
    """`count` real (empty) pages sharing one content stream."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        FONT,
        _stream(_content(["Bladzijde"])),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"] * count
    return _assemble(objects)


def encrypted_pdf(password: str = "geheim") -> bytes:  # noqa: S107 - a test file's password
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=password, owner_password="eigenaar", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    """The first part of a real PDF: the header is right, the rest is missing."""
    return pdf_bytes()[:150]


def garbage_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40


def _zip(members: dict[str, bytes], stored_first: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(
                zipfile.ZipInfo(stored_first), members.pop(stored_first), zipfile.ZIP_STORED
            )
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(paragraphs: list[str] | None = None, pages: int = 1) -> bytes:
    paragraphs = paragraphs if paragraphs is not None else DUTCH_TEXT
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{W}'><w:body>{body}</w:body></w:document>"
    app = (
        "<?xml version='1.0' encoding='UTF-8'?><Properties xmlns='http://schemas.openxmlformats"
        f".org/officeDocument/2006/extended-properties'><Pages>{pages}</Pages></Properties>"
    )
    return _zip(
        {
            "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
            "word/document.xml": document.encode(),
            "docProps/app.xml": app.encode(),
        }
    )


def docx_bomb(unpacked_mb: int = 100) -> bytes:
    """A Word file whose document.xml unpacks from about 100 kB to `unpacked_mb` MB."""
    start = f"<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>".encode()
    filler = b"a" * (unpacked_mb * 1024 * 1024)
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": start + filler + b"</w:t></w:r></w:p></w:body></w:document>",
        }
    )


def docx_with_entities() -> bytes:
    """ "Billion laughs": entities that expand to gigabytes."""
    document = (
        "<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY a 'ha'>"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>"
        "]>"
        f"<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document.encode()})


def odt_bytes(paragraphs: list[str] | None = None, pages: int = 2) -> bytes:
    paragraphs = paragraphs if paragraphs is not None else DUTCH_TEXT
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (
        f"<?xml version='1.0' encoding='UTF-8'?><office:document-content xmlns:office='{office}' "
        f"xmlns:text='{text}'><office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    meta_xml = (
        f"<?xml version='1.0'?><office:document-meta xmlns:office='{office}' xmlns:meta='{meta}'>"
        f"<office:meta><meta:document-statistic meta:page-count='{pages}'/></office:meta>"
        "</office:document-meta>"
    )
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content.encode(),
            "meta.xml": meta_xml.encode(),
        },
        stored_first="mimetype",
    )


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script>%PDF-</body></html>"


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_attachment(
    item: Item | None = None,
    data: bytes | None = None,
    name: str = "beleidsregel.pdf",
    *,
    read: bool = True,
) -> Attachment:
    """An attachment stored as an upload would be (without the background task); `read` sets
    its text as the task would have."""
    from knowledgebase import attachment_text

    item = item or DocumentFactory()
    file = upload(name, data if data is not None else pdf_bytes())

    class Checked:
        cleaned_data = {"file": file}
        checked = attachments.check_upload(file)

    from django.db import transaction

    with transaction.atomic():
        attachment = attachments.add_attachment(item, Checked(), None)  # type: ignore[arg-type]
    if read:
        attachment_text.read_attachment(attachment.pk)
        attachment.refresh_from_db()
    return attachment
