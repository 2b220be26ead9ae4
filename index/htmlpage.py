"""One self-contained HTML page (inline style, no scripts, nothing fetched) for exports.

Callers escape every piece of report text with `html.escape` before it goes in.
"""

from __future__ import annotations

from html import escape

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3, h4, h5, h6 { font-size: 1rem; }
mark { background: #ffe866; }
.ref, .meta { color: #666; font-size: 0.85rem; }
.note { border-left: 3px solid #8ab; padding-left: 0.75rem; margin-left: 0.5rem; }
del { background: #fdd; color: #900; } ins { background: #dfd; color: #060; text-decoration: none; }
.num { font-weight: bold; outline: 1px solid currentColor; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ddd; padding: 0.3rem; vertical-align: top; }
.side td { width: 50%; } .same { color: #777; }
"""


def page(title: str, body: list[str], lang: str = "") -> str:
    """A complete HTML document; `title` is escaped here, `body` must already be escaped."""
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    return "\n".join([
        "<!DOCTYPE html>", f"<html{lang_attr}>", "<head>", '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        *body, "</body>", "</html>", "",
    ])
