"""Server-side SVG charts of the corridor dashboard, drawn by pygal without any script (issue 15).

pygal always writes a configuration <script> into its SVG (and links its tooltip script from a CDN
unless `js` is empty): both are left out, so a chart is a plain picture, readable without JS and
allowed by the page's Content-Security-Policy. Each chart stands beside its table.
"""
from __future__ import annotations

from xml.etree import ElementTree

import pygal
from pygal.style import Style

SVG_NS = "{http://www.w3.org/2000/svg}"
STYLE = Style(background="transparent", plot_background="transparent", font_family="system-ui, sans-serif",
              colors=("#1f5f8b", "#c8702a", "#3c8d5a", "#8b3c6b"), label_font_size=13, major_label_font_size=13,
              legend_font_size=13, title_font_size=16, value_font_size=12)


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[float]]], horizontal: bool = False) -> str:
    """An inline SVG bar chart: one bar group per label, one series per measure."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(js=[], style=STYLE, width=760, height=380, disable_xml_declaration=True, show_legend=len(series) > 1,
                 legend_at_bottom=True, x_label_rotation=0 if horizontal else 20, print_values=True,
                 truncate_label=-1, margin=16)
    chart.title = title
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _without_scripts(chart)


def _without_scripts(chart) -> str:
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag in (f"{SVG_NS}script", "script"):
                parent.remove(child)
    tree.set("role", "img")
    tree.set("aria-label", chart.title or "")
    return ElementTree.tostring(tree, encoding="unicode")
