"""Find English words an editor would read on an admin page.

Text is taken from what a person sees or hears: element text (including the contents of
<template>s, which Wagtail's dropdowns and modals show on demand, and elements hidden until
clicked) and the attributes a browser shows or a screen reader reads. Scripts, styles and
every other attribute (class names, data-* values, URLs) are code, not interface.
"""

import re

from lxml import html

VISIBLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description",
                      "data-w-tooltip-content-value", "aria-valuetext")
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
URL = re.compile(r"https?://\S+")  # an example address in a help text is not prose
# Codes mixing letters and digits (an example slug such as 20251009-3fa2b1c4e5, a hash) are not
# prose either; English words have no digits in them.
CODE = re.compile(r"\b(?=[0-9A-Za-z-]*\d)[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*\b")
# Names and codes that stay in Latin letters in Chinese software.
ALLOWED_WORDS = {
    "Wagtail",  # the product's name (shown in the footer/about links)
    "URL", "ID", "PDF", "OFD", "Word", "Excel", "HTML", "SEO", "API", "CSV", "XLSX", "JSON", "RSS",
    "QR", "WPS", "SVG", "PNG", "JPEG", "GIF", "WebP", "AVIF", "HEIC", "Markdown", "Email", "email",
    "ICP", "UTC",
}
# Ignore class names and the like that leak into text via <noscript> or JSON-looking content.
IGNORED_ELEMENTS = ("script", "style", "noscript", "svg", "code", "pre", "textarea", "iframe",
                    "kbd")  # key names (Ctrl, Esc) are printed on the keys themselves


def visible_texts(markup):
    """Yield (where, text) for each piece of text a person can see or hear on the page."""
    if isinstance(markup, bytes):
        markup = markup.decode()
    document = html.fromstring(markup)
    # lxml keeps <template> content as ordinary children, so it is checked like the rest.
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        skipped = any(ancestor.tag in IGNORED_ELEMENTS for ancestor in element.iterancestors()
                      if isinstance(ancestor.tag, str)) or tag in IGNORED_ELEMENTS
        if not skipped:
            if element.text and element.text.strip():
                yield f"<{tag}>", element.text.strip()
            for name in VISIBLE_ATTRIBUTES:
                value = element.get(name)
                if value and value.strip():
                    yield f"<{tag} {name}>", value.strip()
            if tag == "input" and (element.get("type") or "").lower() in BUTTON_INPUT_TYPES:
                if element.get("value"):
                    yield "<input value>", element.get("value").strip()
        parent = element.getparent()
        parent_skipped = parent is not None and (
            parent.tag in IGNORED_ELEMENTS or any(a.tag in IGNORED_ELEMENTS for a in parent.iterancestors()
                                                  if isinstance(a.tag, str)))
        if element.tail and element.tail.strip() and not parent_skipped:
            yield f"after <{tag}>", element.tail.strip()


def english_words(markup, data=()):
    """[(where, text)] for every text holding a word outside the allow-list. `data` are
    strings the test itself stored (usernames and the like), removed before looking."""
    return english_in(visible_texts(markup), data)


def english_in(texts, data=()):
    """The same check on (where, text) pairs collected elsewhere (e.g. by a browser)."""
    data = sorted((d for d in data if d), key=len, reverse=True)
    found = []
    for where, text in texts:
        checked = CODE.sub(" ", URL.sub(" ", text))
        for value in data:
            checked = checked.replace(value, " ")
        words = [w for w in WORD.findall(checked) if w not in ALLOWED_WORDS]
        if words:
            found.append((where, text[:160]))
    return found


def html_fragments(response):
    """The HTML of a normal response, or of a modal-workflow JSON response."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        payload = response.json()
        return [payload.get("html") or ""]
    return [response.content.decode()]
