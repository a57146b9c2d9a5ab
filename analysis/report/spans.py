"""Text with highlighted spans as HTML: nested and overlapping spans, always valid markup.

    render(text, [Span(0, 12, "span", {"id": "s-0", "class": "sent"}, layer=0),
                  Span(0, 6, "mark", {"id": "m-0-6-person", "class": "k-person"})])

Written here rather than taken from ipymarkup (natasha's renderer, the field's model of
this view): ipymarkup's box markup assumes spans that do not overlap (two that do repeat or
drop text), and its line markup, which handles overlaps, draws with inline styles at a fixed
line width and gives a span no id, class or link target. The article pages need a CSS class
per kind of fact, ids to jump to, and sentences as anchors around the marks, whatever the
offsets: a region inside a person's mention, a figure inside a sector phrase, two facts
that share a few words.

How: the text is cut at every span boundary and a stack of open elements is kept. At each
cut the stack is closed down to what stays open and the spans that begin are opened, outer
ones first (earlier start, then longer, then lower layer). A span that crosses another is
closed where the other one ends and reopened after it as a continuation: without its id,
with `data-of="<its id>"` and the class `cont`, so the HTML nests properly and each id
appears once.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """One element around text[start:end]: its tag, its attributes (id, class, title...),
    and its layer (sentences 0, marks 1), which puts the outer one first when two spans
    cover the same characters."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    layer: int = 1


def _open_tag(span: Span, first: bool) -> str:
    attrs = dict(span.attrs)
    if not first:  # a continuation after a crossing span: the id stays on the first piece
        ident = attrs.pop("id", "")
        attrs["class"] = " ".join(c for c in (attrs.get("class", ""), "cont") if c)
        if ident:
            attrs["data-of"] = ident
    text = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items() if v != "")
    return f"<{span.tag}{text}>"


def valid(span: Span, text: str) -> bool:
    """Whether the span lies inside the text and covers at least one character."""
    return 0 <= span.start < span.end <= len(text)


def render(text: str, spans: list[Span]) -> str:
    """The text, escaped, with every valid span as an element around its characters (spans
    outside the text are left out)."""
    order = sorted((s for s in spans if valid(s, text)), key=lambda s: (s.start, -s.end, s.layer))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, s in enumerate(order):
        starts.setdefault(s.start, []).append(i)
        ends.setdefault(s.end, []).append(i)
    cuts = sorted({0, len(text), *starts, *ends})
    out: list[str] = []
    stack: list[int] = []        # indices into order, outermost first
    active: set[int] = set()
    opened: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        wanted = sorted(active)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out += [f"</{order[i].tag}>" for i in reversed(stack[keep:])]
        for i in wanted[keep:]:
            out.append(_open_tag(order[i], i not in opened))
            opened.add(i)
        stack = wanted
        out.append(html.escape(text[a:b], quote=False))
    out += [f"</{order[i].tag}>" for i in reversed(stack)]
    return "".join(out)
