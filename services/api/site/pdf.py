"""The bulletin as PDF: the page's HTML printed by WeasyPrint with the print stylesheet."""

from __future__ import annotations

from typing import Final

from services.api.site.templating import STATIC

PRINT_CSS: Final = STATIC / "print.css"


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML document; page numbers and margins come from print.css (@page)."""
    # Imported here: WeasyPrint loads Pango through cffi, which only PDF requests need.
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=str(STATIC))
    pdf: bytes = document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
    return pdf
