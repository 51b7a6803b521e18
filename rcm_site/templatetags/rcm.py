import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from rcm_site import search
from rcm_site.translated import active_language

register = template.Library()


# The escapes of Django's json_script: no "<", ">" or "&" survives inside the script
# element, so text from the admin ("</script>…") cannot end it early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data for search engines, as json_script does it but typed ld+json."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308  (escaped above)
    )


@register.filter
def absolute_url(path, request):
    return request.build_absolute_uri(path)


@register.filter
def highlight(text, query):
    """The text, escaped, with the words matching the search query marked."""
    return search.highlight(text, query)


@register.filter
def shown_language(record, field):
    """The language of the text shown for a translated field: "en" or "es"."""
    return record.language_of(field)


@register.filter
def lang_attr(record, field):
    """lang="en" on an element whose text is shown in the other language (a missing
    translation), so that screen readers and search engines read it as such."""
    code = record.language_of(field)
    return format_html(' lang="{}"', code) if code != active_language() else ""


@register.filter
def in_language(record, field):
    """The text shown for a translated field, escaped, inside a span that names its
    language when it is the other one's (a missing translation): for a value printed
    beside other text, where lang_attr has no element of its own to go on."""
    text = getattr(record, field)
    code = record.language_of(field)
    if not text or code == active_language():
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', code, text)


@register.filter
def post_label(position):
    """A post as a byline reads ("General Director for Latin America, SRE"; see
    Position.label), its title and its organization's name each marked with its
    language, and the title as this site's translation where it is one."""
    return format_html(
        "{}{}, {}",
        in_language(position, "title"),
        site_translation_mark(position, "title"),
        in_language(position.organization, "name"),
    )


@register.filter
def site_translation_mark(record, field):
    """A marker after a text that is this site's own translation, in the page's
    language (said so, as it may sit in an element of the other language's text);
    nothing for a text as its source published it."""
    if record.translated_by_site(field):
        return format_html(
            ' <small class="site-translation" lang="{}">({})</small>',
            active_language(),
            gettext("translated by this site"),
        )
    return ""


@register.simple_tag(takes_context=True)
def list_title(context, name):
    """A list page's title: its name, the filters in use and the page number, as
    "Statements — Mexico, 2018, page 2"; "Error: Statements" when a filter was
    rejected, for those who hear the title first."""
    if context["rejected"]:
        return gettext("Error: %(title)s") % {"title": name}
    title = str(name)
    if context["chosen"]:
        title = f"{title} — {', '.join(context['chosen'])}"
    page = context["page_obj"]
    if page is not None and page.number > 1:
        title = gettext("%(title)s, page %(number)s") % {
            "title": title,
            "number": page.number,
        }
    return title


@register.simple_tag
def page_numbers(page):
    """The pages to link to from `page`: the first and the last, and the two on
    each side of it; the paginator's ELLIPSIS stands for those in between."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
