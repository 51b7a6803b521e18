from django import template

register = template.Library()


@register.filter
def source_number(record, event):
    """The number under which the meeting page lists the source a role or key figure
    cites (Event.listed_sources); empty when it cites none."""
    return event.source_numbers.get(record.cited_source_id, "")
