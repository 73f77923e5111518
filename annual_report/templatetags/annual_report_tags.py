from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def figure_cell(cell):
    """A figure, with a visible and spoken mark when an editor entered it."""
    value = cell.get("value", 0)
    if cell.get("entered"):
        return format_html('{}<abbr class="figure-entered" title="编辑填报">＊</abbr>'
                           '<span class="visually-hidden">（编辑填报）</span>', value)
    return format_html("{}", value)


@register.simple_tag
def figure_sources(rows):
    """The distinct sources of the rows' figures, in order, as (source, entered)."""
    seen = []
    for row in rows or []:
        for cell in row.get("cells", []):
            item = (cell.get("source", ""), bool(cell.get("entered")))
            if item[0] and item not in seen:
                seen.append(item)
    return seen
