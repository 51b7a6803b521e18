from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        from django.db.models import Q

        from rcm_site import search, usage
        from rcm_site.publishing import published_q
        from rcm_site.uploads import register_public

        from . import history, signals  # noqa: F401  (signals connects its receivers)

        # After modeltranslation's ready(), which added the translated columns.
        history.register()

        search.register(self.get_model("Event"))
        search.register(self.get_model("Statement"))
        search.register(self.get_model("Body"))

        # Which uploads the public may fetch (rcm_site.uploads.is_public).
        register_public(self.get_model("Photo"), "image", lambda: published_q("event"))
        register_public(
            self.get_model("Document"), "file", lambda: published_q("event")
        )
        # A resource has no publication state: it is public once uploaded.
        register_public(self.get_model("Resource"), "file", Q)

        self.register_usage(usage)

    def register_usage(self, usage):
        """The meetings and statements that name a person, an organization, a resource
        or a topic (rcm_site.usage: their admin forms list them). A meeting names
        what its statements name."""
        from django.apps import apps
        from django.db.models import Q

        Event = self.get_model("Event")
        Statement = self.get_model("Statement")
        Participation = self.get_model("Participation")
        EventOrganization = self.get_model("EventOrganization")
        MediaContact = self.get_model("MediaContact")

        def events_of(model, **naming):
            return model.objects.filter(**naming).values("event")

        usage.register(
            apps.get_model("people", "Person"),
            Event,
            lambda person: (
                Q(pk__in=events_of(Participation, person=person))
                | Q(pk__in=events_of(Statement, speaker=person))
                | Q(pk__in=events_of(MediaContact, person=person))
            ),
        )
        usage.register(
            apps.get_model("people", "Person"),
            Statement,
            lambda person: Q(speaker=person) | Q(position__person=person),
        )
        usage.register(
            apps.get_model("people", "Organization"),
            Event,
            lambda org: (
                Q(pk__in=events_of(EventOrganization, organization=org))
                | Q(pk__in=events_of(Statement, organization=org))
                | Q(pk__in=events_of(Participation, position__organization=org))
            ),
        )
        usage.register(
            apps.get_model("people", "Organization"),
            Statement,
            lambda org: Q(organization=org) | Q(position__organization=org),
        )
        usage.register(
            self.get_model("Resource"),
            Event,
            lambda resource: (
                Q(resources=resource)
                | Q(pk__in=events_of(Statement, references=resource))
            ),
        )
        usage.register(
            self.get_model("Resource"),
            Statement,
            lambda resource: Q(references=resource),
        )
        usage.register(
            self.get_model("Topic"),
            Event,
            lambda topic: (
                Q(topics=topic) | Q(pk__in=events_of(Statement, topics=topic))
            ),
        )
        usage.register(
            self.get_model("Topic"), Statement, lambda topic: Q(topics=topic)
        )
