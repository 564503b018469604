"""Read the text of one PDF, Word (.docx) or OpenDocument (.odt) file: run as its own process.

    python -I knowledgebase/extract_text.py <pdf|docx|odt> <path> <max pages> <max characters>

prints one line of JSON: {"text": ..., "pages": ..., "truncated": ...} or {"problem": <code>}.
It imports nothing of Django or the portal, so the process that starts it (attachment_text.py) can
run it with a clean environment under hard limits on time, memory and processor time: whatever a
hostile file does to a parser here, it does to this process only.

Word and OpenDocument files are zips of XML: each member is read in chunks with a ceiling on its
unpacked size (a zip bomb stops at the ceiling), and parsed by expat as a stream with every
document type declaration refused (no entities, so no "billion laughs").
"""

import json
import sys
import traceback
import zipfile
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

# Unpacked bytes read from one member of a Word or OpenDocument file.
MEMBER_MAX_BYTES = 40 * 1024 * 1024
CHUNK = 64 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


class Problem(Exception):
    """A reason the text cannot be read, as a code the portal turns into a sentence."""

    def __init__(self, code: str, **details: Any) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


class Collected:
    """Text gathered up to a limit of characters."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.parts: list[str] = []
        self.length = 0
        self.truncated = False

    @property
    def full(self) -> bool:
        return self.length >= self.max_chars

    def add(self, text: str) -> None:
        if self.full:
            self.truncated = self.truncated or bool(text.strip())
            return
        room = self.max_chars - self.length
        if len(text) > room:
            text = text[:room]
            self.truncated = True
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def clean(text: str) -> str:
    """No NUL (PostgreSQL refuses it), no other control characters, no lone surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return "".join(c if c in "\n\t" or c >= " " else " " for c in text)


# --- PDF ---


def read_pdf(path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" only to forbid printing or copying; they open with an
            # empty password. The ones that ask for a password we cannot read.
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                raise Problem("encrypted") from None
            if opened == PasswordType.NOT_DECRYPTED:
                raise Problem("password")
        # The count the file claims, before the page tree is walked (walking 100,000 pages
        # alone takes longer than we wait); a file that claims fewer than it holds is stopped
        # by the time limit instead.
        tree = reader.root_object["/Pages"]
        claimed = tree.get("/Count", 0) if isinstance(tree, dict) else 0
        if isinstance(claimed, int) and claimed > max_pages:
            raise Problem("too_many_pages", pages=int(claimed))
        pages = len(reader.pages)
    except FileNotDecryptedError as error:
        raise Problem("password") from error
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise Problem("damaged") from error
    if pages > max_pages:
        raise Problem("too_many_pages", pages=pages)
    if pages == 0:
        raise Problem("damaged")
    collected = Collected(max_chars)
    read = 0
    for number in range(pages):
        if collected.full:
            collected.truncated = True
            break
        try:
            page = reader.pages[number]
            collected.add(clean(page.extract_text() or "") + "\n\n")
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            # One unreadable page does not spoil the rest.
            continue
        read += 1
    if read == 0:
        raise Problem("damaged")
    return {"text": collected.text().strip(), "pages": pages, "truncated": collected.truncated}


# --- Word and OpenDocument ---


def _feed(archive: zipfile.ZipFile, member: str, parser: Any, stop: Callable[[], bool]) -> None:
    """Stream one member of the zip into an expat parser, refusing more than MEMBER_MAX_BYTES."""
    info = archive.getinfo(member)
    if info.file_size > MEMBER_MAX_BYTES:
        raise Problem("too_large")
    total = 0
    with archive.open(info) as entry:
        while not stop():
            chunk = entry.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > MEMBER_MAX_BYTES:
                raise Problem("too_large")
            parser.Parse(chunk, False)
    if not stop():
        parser.Parse(b"", True)


def _refuse_doctype(*_args: Any) -> None:
    raise Problem("damaged")


def _refuse_external(*_args: Any) -> int:
    raise Problem("damaged")


def _parser() -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def _document_text(
    archive: zipfile.ZipFile,
    member: str,
    collected: Collected,
    start: Callable[[str, dict[str, str]], str | None],
    end: Callable[[str], str | None],
    in_text: Callable[[list[str]], bool],
) -> None:
    stack: list[str] = []
    parser = _parser()

    def on_start(name: str, attributes: dict[str, str]) -> None:
        stack.append(name)
        extra = start(name, attributes)
        if extra:
            collected.add(extra)

    def on_end(name: str) -> None:
        stack.pop()
        extra = end(name)
        if extra:
            collected.add(extra)

    def on_text(data: str) -> None:
        if in_text(stack):
            collected.add(clean(data))

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    _feed(archive, member, parser, lambda: collected.full)


def _small_member_text(archive: zipfile.ZipFile, member: str, wanted: str) -> str:
    """The text (or attribute, "element@attribute") of one element of a small member."""
    if member not in archive.namelist():
        return ""
    element, _at, attribute = wanted.partition("@")
    found: list[str] = []
    inside = [False]
    parser = _parser()

    def on_start(name: str, attributes: dict[str, str]) -> None:
        if name == element:
            if attribute:
                found.append(attributes.get(attribute, ""))
            else:
                inside[0] = True

    def on_end(name: str) -> None:
        if name == element:
            inside[0] = False

    def on_text(data: str) -> None:
        if inside[0]:
            found.append(data)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    info = archive.getinfo(member)
    if info.file_size > 1024 * 1024:
        return ""
    _feed(archive, member, parser, lambda: False)
    return "".join(found).strip()


def _pages(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) < 1_000_000 else None


def read_docx(path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    collected = Collected(max_chars)
    p, t, tab, br, cr = (f"{W} {n}" for n in ("p", "t", "tab", "br", "cr"))
    with zipfile.ZipFile(path) as archive:
        _document_text(
            archive,
            "word/document.xml",
            collected,
            start=lambda name, _a: "\t" if name == tab else "\n" if name in (br, cr) else None,
            end=lambda name: "\n" if name == p else None,
            in_text=lambda stack: bool(stack) and stack[-1] == t,
        )
        pages = _pages(_small_member_text(archive, "docProps/app.xml", f"{EXTENDED} Pages"))
    return _finished(collected, pages, max_pages)


def read_odt(path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    collected = Collected(max_chars)
    body = f"{OFFICE} body"
    paragraphs = (f"{TEXT} p", f"{TEXT} h")

    def start(name: str, attributes: dict[str, str]) -> str | None:
        if name == f"{TEXT} s":
            count = attributes.get(f"{TEXT} c", "1")
            return " " * min(int(count) if count.isdigit() else 1, 100)
        if name == f"{TEXT} tab":
            return "\t"
        if name == f"{TEXT} line-break":
            return "\n"
        return None

    with zipfile.ZipFile(path) as archive:
        _document_text(
            archive,
            "content.xml",
            collected,
            start=start,
            end=lambda name: "\n" if name in paragraphs else None,
            in_text=lambda stack: body in stack,
        )
        pages = _pages(
            _small_member_text(archive, "meta.xml", f"{META} document-statistic@{META} page-count")
        )
    return _finished(collected, pages, max_pages)


def _finished(collected: Collected, pages: int | None, max_pages: int) -> dict[str, Any]:
    if pages is not None and pages > max_pages:
        raise Problem("too_many_pages", pages=pages)
    return {"text": collected.text().strip(), "pages": pages, "truncated": collected.truncated}


READERS = {"pdf": read_pdf, "docx": read_docx, "odt": read_odt}


def extract(kind: str, path: str, max_pages: int, max_chars: int) -> dict[str, Any]:
    """The result as a dict (see the module's docstring); never raises."""
    try:
        return READERS[kind](path, max_pages, max_chars)
    except Problem as problem:
        return {"problem": problem.code, **problem.details}
    except MemoryError:
        return {"problem": "too_large"}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, expat.ExpatError, EOFError, OSError):
        return {"problem": "damaged"}
    except RecursionError:
        return {"problem": "damaged"}
    except ImportError:
        raise  # our mistake, not the file's: the process ends and says why
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return {"problem": "damaged"}


def main(argv: list[str]) -> int:
    kind, path, max_pages, max_chars = argv[1], argv[2], int(argv[3]), int(argv[4])
    result = extract(kind, path, max_pages, max_chars)
    sys.stdout.write(json.dumps(result, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
