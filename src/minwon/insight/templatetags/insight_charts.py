from django import template

from minwon.insight import charts

register = template.Library()


@register.simple_tag
def bar_chart(bars, max_value=None, color=charts.PALETTE[0]):
    """`{% bar_chart bars %}` — bars is a list of charts.Bar."""
    return charts.bar_chart(list(bars), max_value=max_value, color=color)


@register.simple_tag
def line_chart(points):
    return charts.line_chart(list(points))


@register.filter
def pct(value, digits=1):
    return charts.percent(value, int(digits))


@register.filter
def days(value):
    return "–" if value is None else f"{value:.1f}일"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def fig(href, count, text=None, of=None, testid=None):
    """A figure as a link to the list behind it: `{% fig links.late total.late %}`.

    `data-count` is the size of that list (a rate's numerator), `data-of` a rate's denominator.
    """
    from django.utils.html import format_html

    return format_html(
        '<a href="{}" data-count="{}"{}{}>{}</a>',
        href,
        count or 0,
        format_html(' data-of="{}"', of) if of is not None else "",
        format_html(' data-testid="{}"', testid) if testid else "",
        count if text is None else text,
    )


@register.filter
def score5(value):
    """A 1–5 average as shown on the dashboard ("4.25점"), or a dash without responses."""
    return "–" if value is None else f"{value:.2f}점"
