"""The people app's content models, named here and nowhere else: each keeps a change
history and each committed change to one starts a new page-cache version
(rcm_site.content). PeopleConfig.ready() registers them, after modeltranslation has
added the language columns, so that every version keeps both languages."""

from rcm_site import content

from .models import Country, Organization, Person, PersonName, Position


def register():
    for model in (Country, Organization, Person, PersonName, Position):
        content.register(model)
