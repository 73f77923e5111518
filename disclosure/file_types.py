"""Is a file really of a type the site publishes? Judged by its saved name AND its content.

An extension alone is a claim: `evil.svg#.pdf` ends in `.pdf` as a link but is saved as
`evil.svg`, and a file saved as `report.pdf` may hold an HTML page. Browsers run scripts in SVG
and HTML served from our domain, so a document must be, by name and by content, one of
WAGTAILDOCS_EXTENSIONS. The content is recognised by its leading bytes (magic numbers) with the
`filetype` library, plus the two facts it doesn't cover: old Office/WPS files (OLE2 compound
files) and markup (HTML, SVG, XML), which is refused whatever the name says.
"""

import re
from pathlib import Path

import filetype
from django.conf import settings

HEAD_BYTES = 8192
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"}
# What the content of a file with each allowed extension may be recognised as ("ole2" is an OLE2
# compound file, "text" is text without any recognised binary signature).
EXPECTED_CONTENT = {
    "pdf": {"pdf"},
    "doc": {"doc", "ole2"},
    "xls": {"xls", "ole2"},
    "wps": {"doc", "ole2"} | ZIP_FAMILY,  # WPS 文字: OLE2, newer versions zip
    "et": {"xls", "ole2"} | ZIP_FAMILY,
    "docx": ZIP_FAMILY,
    "xlsx": ZIP_FAMILY,
    "ofd": ZIP_FAMILY,  # GB/T 33190 OFD is a zip package
    "zip": ZIP_FAMILY,
    "rtf": {"rtf"},
    "txt": {"text"},
    "csv": {"text"},
}
CONTENT_LABELS = {"text": "纯文本", "ole2": "Office/WPS 文档", "markup": "HTML/SVG/XML 网页代码"}
MARKUP_RE = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|svg|script|iframe|object|embed|meta|\?xml)\b", re.IGNORECASE)


def allowed_extensions():
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
    return [extension.lower().lstrip(".") for extension in configured]


def _head_text(head):
    """The head decoded as far as it decodes (UTF-8/16 or GB18030), for the markup check."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def content_kind(head):
    """What the leading bytes are: a filetype extension ("pdf", "docx", "png"…), "ole2",
    "markup" or "text"; "binary" for anything else."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    if head.startswith(OLE2_SIGNATURE):
        return "ole2"
    text = _head_text(head[:2048])
    if MARKUP_RE.search(text):
        return "markup"
    is_utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not is_utf16 and b"\x00" in head:
        return "binary"
    return "text"


def file_type_problem(name, head):
    """None if a file saved as `name` whose content starts with `head` may become a document;
    otherwise the reason, in Chinese, for the editor or the import summary."""
    extension = Path(name).suffix.lower().lstrip(".")
    allowed = allowed_extensions()
    if not extension or extension not in allowed:
        shown = f".{extension}" if extension else "（无扩展名）"
        return f"文件 {Path(name).name} 的类型 {shown} 不在允许的附件类型（{'、'.join(allowed)}）之内"
    kind = content_kind(head)
    # Markup is refused whatever the name says (a PDF or an archive is recognised before this).
    if kind == "markup":
        return f"文件 {Path(name).name} 的内容是 {CONTENT_LABELS['markup']}，不是 .{extension} 文件"
    expected = EXPECTED_CONTENT.get(extension)
    if expected is None or kind in expected:
        return None
    label = CONTENT_LABELS.get(kind, f".{kind} 文件" if kind != "binary" else "无法识别的二进制数据")
    return f"文件 {Path(name).name} 的内容是 {label}，与扩展名 .{extension} 不符"


def file_problem(path):
    """`file_type_problem` for a file on disk (reads only its first bytes)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        return f"无法读取文件 {Path(path).name}：{error.strerror or error}"
    return file_type_problem(Path(path).name, head)
