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
