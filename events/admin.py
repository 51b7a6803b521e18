from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from rcm_site.editorial_admin import (
    PublicationFieldsReadOnly,
    PublicationStateFilter,
    PublishableAdmin,
    VersionCheckForm,
    keep_publication_state,
    may_publish,
)

from .models import (
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    MediaContact,
    Participation,
    Photo,
    Resource,
    Sector,
    Statement,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "short_title", "kind", "issuer", "year"]
    list_filter = ["kind", "issuer"]
    list_select_related = ["issuer"]
    search_fields = ["title", "short_title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["issuer"]


class EventOrganizationInline(admin.TabularInline):
    model = EventOrganization
    extra = 0
    autocomplete_fields = ["organization"]

    def get_queryset(self, request):
        # Each row is titled with the organization's name.
        return super().get_queryset(request).select_related("organization")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person", "position"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person", "position__person", "position__organization")
        )


class StatementInline(PublicationFieldsReadOnly, admin.StackedInline):
    model = Statement
    form = VersionCheckForm
    extra = 0
    autocomplete_fields = [
        "speaker",
        "position",
        "organization",
        "topics",
        "references",
    ]
    fields = [
        ("speaker", "position", "organization"),
        "text",
        ("language", "date", "order"),
        "source_url",
        ("topics", "references"),
        ("status", "publish_at", "opened_version"),
    ]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # Here obj is the meeting, not the statement, so this cannot tell a draft
        # statement from a published one: deleting from the meeting page is for
        # publishers, editors delete draft statements from the statement's own page.
        return may_publish(request, Statement) and super().has_delete_permission(
            request, obj
        )


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    extra = 0


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    fields = ["image", "caption", ("credit", "alt_text", "order")]


class MediaContactInline(admin.TabularInline):
    model = MediaContact
    extra = 0
    autocomplete_fields = ["person", "organization"]


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = [
        "title",
        "start_date",
        "end_date",
        "kind",
        "city",
        "country",
        "publication_state",
        "page_link",
    ]
    list_filter = [
        PublicationStateFilter,
        "kind",
        "format",
        "event_status",
        "country",
        "topics",
    ]
    list_select_related = ["country"]
    search_fields = ["title", "slug", "summary", "city"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "country",
        "sectors",
        "topics",
        "resources",
        "source_publisher",
    ]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "format", "event_status"]}),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date", "timezone"),
                    "venue",
                    ("city", "country"),
                ]
            },
        ),
        (
            _("Account"),
            {
                "fields": [
                    "summary",
                    "body",
                    "participant_count",
                    "sectors",
                    "topics",
                    "resources",
                ]
            },
        ),
        (_("Source"), {"fields": ["source_title", "source_url", "source_publisher"]}),
        PublishableAdmin.publication_fieldset,
    ]
    inlines = [
        EventOrganizationInline,
        ParticipationInline,
        KeyFigureInline,
        KeyPointInline,
        StatementInline,
        PhotoInline,
        MediaContactInline,
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Statement:
            return super().save_formset(request, form, formset, change)
        for statement in formset.save(commit=False):
            keep_publication_state(request, statement)
            statement._history_user = request.user
            statement.save()
        for statement in formset.deleted_objects:
            statement.delete()
        formset.save_m2m()


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = [
        "__str__",
        "speaker",
        "organization",
        "event",
        "language",
        "publication_state",
        "page_link",
    ]
    list_filter = [PublicationStateFilter, "language", "topics", "organization__kind"]
    list_select_related = ["speaker", "organization", "event"]
    search_fields = [
        "text",
        "speaker__family_name",
        "speaker__given_name",
        "organization__name",
        "organization__acronym",
        "event__title",
    ]
    autocomplete_fields = [
        "event",
        "speaker",
        "position",
        "organization",
        "topics",
        "references",
    ]
    date_hierarchy = "publish_at"
    fieldsets = [
        (None, {"fields": ["event", "speaker", "position", "organization"]}),
        (None, {"fields": ["text", "language", "date", "order", "source_url"]}),
        (_("Subjects"), {"fields": ["topics", "references"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "event", "role", "position"]
    list_filter = ["role"]
    list_select_related = [
        "person",
        "event",
        "position__person",
        "position__organization",
    ]
    search_fields = ["person__family_name", "person__given_name", "event__title"]
    autocomplete_fields = ["event", "person", "position"]


@admin.register(EventOrganization)
class EventOrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "role", "event", "note"]
    list_filter = ["role"]
    list_select_related = ["organization", "event"]
    search_fields = ["organization__name", "organization__acronym", "event__title"]
    autocomplete_fields = ["event", "organization"]


@admin.register(KeyFigure)
class KeyFigureAdmin(SimpleHistoryAdmin):
    list_display = ["value", "label", "event", "source"]
    list_select_related = ["event"]
    search_fields = ["value", "label", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(KeyPoint)
class KeyPointAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "event"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = ["text", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(Photo)
class PhotoAdmin(SimpleHistoryAdmin):
    list_display = ["caption", "credit", "event"]
    list_select_related = ["event"]
    search_fields = ["caption", "credit", "event__title"]
    autocomplete_fields = ["event"]


@admin.register(MediaContact)
class MediaContactAdmin(SimpleHistoryAdmin):
    list_display = ["person", "organization", "office", "phone", "email", "event"]
    list_select_related = ["person", "organization", "event"]
    search_fields = [
        "person__family_name",
        "organization__name",
        "email",
        "event__title",
    ]
    autocomplete_fields = ["event", "person", "organization"]
