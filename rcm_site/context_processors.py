from django.urls import translate_url
from django.utils.translation import get_language_info

from .translated import LANGUAGE_CODES, active_language


def canonical_url(request):
    """The page's address without its query string: filtered and paged views of a list
    name the list itself as canonical. It is the page in its own language."""
    return {"canonical_url": request.build_absolute_uri(request.path)}


def in_language(path, code):
    """The same page in the language `code`: the same record, since slugs and ids do
    not change with the language."""
    translated = translate_url(path, code)
    current = f"/{active_language()}/"
    if translated == path and path.startswith(current):
        # A path that does not resolve (a 404 page) keeps its prefix in translate_url.
        translated = f"/{code}/{path.removeprefix(current)}"
    return translated


def languages(request):
    """The language switcher (the page in the other language, its query string kept)
    and the hreflang alternates of the page (without it, as the canonical)."""
    if request.path.startswith("/admin/"):
        return {}
    active = active_language()
    full_path = request.get_full_path()
    versions = []
    for code in LANGUAGE_CODES:
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": full_path if code == active else in_language(full_path, code),
                "alternate": request.build_absolute_uri(
                    in_language(request.path, code)
                ),
                "current": code == active,
            }
        )
    # x-default, as in the sitemap: the address without a language, which sends each
    # reader to the page in their own language.
    neutral = "/" + request.path.removeprefix(f"/{active}/")
    return {
        "language_versions": versions,
        "x_default_url": request.build_absolute_uri(neutral),
    }
