"""The release as the review screen shows it: its text, escaped, with a <mark> over
each stretch a proposal came from."""

from django.utils.html import format_html, format_html_join


def spans_of(extraction):
    """(start, end, kind, anchor) of every span, the pieces of a joined quote rather
    than the whole stretch with its attribution."""
    found = []
    for proposal in extraction.proposals:
        for name, span in proposal.spans.items():
            pieces = proposal.parts.get(name) or [span]
            for n, piece in enumerate(pieces):
                anchor = f"{proposal.key}-{name}" if n == 0 else ""
                found.append((piece.start, piece.end, proposal.kind, anchor))
    size = len(extraction.text)
    return [
        (start, end, kind, anchor)
        for start, end, kind, anchor in found
        if 0 <= start < end <= size
    ]


def marked(extraction):
    """The text cut where any span starts or ends; a piece inside one or more spans
    is marked (with the kind of the innermost), and a span's first piece carries its
    anchor, which the proposal on the other side links to."""
    text = extraction.text
    spans = spans_of(extraction)
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        anchors = [s[3] for s in covering if s[0] == start and s[3]]
        for anchor in anchors:
            pieces.append(format_html('<span id="{}"></span>', anchor))
        if covering:
            innermost = min(covering, key=lambda s: s[1] - s[0])
            pieces.append(
                format_html(
                    '<mark class="found found-{}">{}</mark>',
                    innermost[2],
                    text[start:end],
                )
            )
        else:
            pieces.append(format_html("{}", text[start:end]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
