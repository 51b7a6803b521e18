from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
)

from rcm_site.editorial_admin import (
    HistoryAdmin,
    PostOfChosenPerson,
    PublicationFieldsReadOnly,
    PublicationStateFilter,
    PublishableAdmin,
    VersionCheckForm,
    WhereUsedAdmin,
    keep_publication_state,
    may_publish,
)

from .models import (
    Body,
    Document,
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    MediaContact,
    Participation,
    Photo,
    Presidency,
    Resource,
    Sector,
    Session,
    Source,
    Statement,
    Topic,
)

# The translated fields show side by side, "Title [en]" then "Title [es]":
# modeltranslation's plain admin, not its tabbed one, which loads jQuery UI from a CDN.
# Search looks in both languages.


class StatementTextInEitherLanguage:
    """A statement is recorded in the language(s) it was published in: the English
    text is not required when the Spanish one is given (Statement.clean checks one is)."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if db_field.name == "text_en":
            field.required = False


@admin.register(Topic)
class TopicAdmin(WhereUsedAdmin, TranslationAdmin, HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sector)
class SectorAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(WhereUsedAdmin, TranslationAdmin, HistoryAdmin):
    list_display = ["title", "short_title", "kind", "issued_by", "year"]
    list_filter = ["kind", "issuers"]
    search_fields = [
        "title_en",
        "title_es",
        "short_title_en",
        "short_title_es",
        "slug",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["issuers"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("issuers")

    @admin.display(description=_("issued by"))
    def issued_by(self, resource):
        return ", ".join(str(issuer) for issuer in resource.issuers.all())


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["__str__", "publisher", "kind", "date", "language", "url"]
    list_filter = ["kind", "language"]
    list_select_related = ["publisher"]
    search_fields = [
        "title",
        "url",
        "publisher__name_en",
        "publisher__name_es",
        "publisher__acronym_en",
        "publisher__acronym_es",
    ]
    autocomplete_fields = ["publisher"]
    date_hierarchy = "date"


class EventOrganizationInline(TranslationStackedInline):
    model = EventOrganization
    extra = 0
    classes = ["collapse"]
    fields = [("organization", "role"), "note", "cited_source"]
    autocomplete_fields = ["organization", "cited_source"]

    def get_queryset(self, request):
        # Each row is titled with the organization's name.
        return super().get_queryset(request).select_related("organization")


class SessionsOfThisMeeting:
    """An inline's session field offers the sessions of the meeting being edited
    only, as saved: a session added in the same form can be picked after saving."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("session")
        if field is not None:
            field.queryset = (
                Session.objects.filter(event=obj) if obj else Session.objects.none()
            )
        return formset


class SessionInline(TranslationStackedInline):
    model = Session
    extra = 0
    classes = ["collapse"]
    fields = [
        ("date", "start_time", "end_time"),
        "title",
        "slug",
        ("format", "room", "order"),
        "online_link",
    ]
    prepopulated_fields = {"slug": ["title"]}


class ParticipationInline(
    PostOfChosenPerson, SessionsOfThisMeeting, admin.TabularInline
):
    model = Participation
    extra = 0
    classes = ["collapse"]
    autocomplete_fields = ["person", "position"]
    fields = ["person", "position", "role", "session", "order"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person", "position__person", "position__organization")
        )


class StatementInline(
    PostOfChosenPerson,
    SessionsOfThisMeeting,
    StatementTextInEitherLanguage,
    PublicationFieldsReadOnly,
    TranslationStackedInline,
):
    model = Statement
    form = VersionCheckForm
    extra = 0
    classes = ["collapse"]
    person_field = "speaker"
    autocomplete_fields = [
        "speaker",
        "position",
        "organization",
        "topics",
        "references",
        "sources",
    ]
    fields = [
        ("speaker", "position", "organization"),
        "text",
        ("kind", "language", "date", "order"),
        "sources",
        "session",
        ("topics", "references"),
        ("publication_status", "publish_at", "opened_version"),
    ]
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # Here obj is the meeting, not the statement, so this cannot tell a draft
        # statement from a published one: deleting from the meeting page is for
        # publishers, editors delete draft statements from the statement's own page.
        return may_publish(request, Statement) and super().has_delete_permission(
            request, obj
        )


class KeyFigureInline(TranslationStackedInline):
    model = KeyFigure
    extra = 0
    classes = ["collapse"]
    fields = ["value", "label", ("source", "order"), "cited_source", "site_translated"]
    autocomplete_fields = ["cited_source"]


class KeyPointInline(TranslationStackedInline):
    model = KeyPoint
    extra = 0
    classes = ["collapse"]
    fields = [("kind", "order"), "text", "site_translated"]


class PhotoInline(TranslationStackedInline):
    model = Photo
    extra = 0
    classes = ["collapse"]
    fields = ["image", "caption", ("credit", "alt_text", "order"), "site_translated"]


class DocumentInline(SessionsOfThisMeeting, TranslationStackedInline):
    model = Document
    extra = 0
    classes = ["collapse"]
    fields = [
        ("kind", "title", "session"),
        ("file", "url"),
        ("languages", "date", "size", "order"),
    ]


class MediaContactInline(admin.StackedInline):
    model = MediaContact
    extra = 0
    classes = ["collapse"]
    fields = [("person", "organization"), ("office", "phone", "email", "order")]
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
        "rcm_body",
        "country",
        "topics",
    ]
    list_select_related = ["country"]
    search_fields = [
        "title_en",
        "title_es",
        "slug",
        "summary_en",
        "summary_es",
        "city_en",
        "city_es",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "country",
        "host_country",
        "rcm_body",
        "presidency",
        "sectors",
        "topics",
        "resources",
        "sources",
    ]
    date_hierarchy = "start_date"
    # The form's sections fold (<details>), all but the first two, so that it fits a
    # screen; templates/admin/events/event/change_form.html links to each. An inline
    # is listed in its section's order.
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "kind", "format", "event_status", "summary"]},
        ),
        (
            _("When and where"),
            {
                "fields": [
                    ("start_date", "end_date", "timezone"),
                    "venue",
                    ("city", "country"),
                    "host_country",
                ]
            },
        ),
        (
            _("Within the RCM"),
            {"fields": [("rcm_body", "presidency")], "classes": ["collapse"]},
        ),
        (
            _("Account"),
            {
                "fields": [
                    "body",
                    ("participant_count", "participant_count_qualifier"),
                    "sectors",
                    "topics",
                    "resources",
                ],
                "classes": ["collapse"],
            },
        ),
        (
            _("Sources"),
            {"fields": ["sources", "site_translated"], "classes": ["collapse"]},
        ),
        (
            PublishableAdmin.publication_fieldset[0],
            {
                **PublishableAdmin.publication_fieldset[1],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        SessionInline,
        EventOrganizationInline,
        ParticipationInline,
        MediaContactInline,
        StatementInline,
        KeyFigureInline,
        KeyPointInline,
        DocumentInline,
        PhotoInline,
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


@admin.register(Body)
class BodyAdmin(PublishableAdmin):
    list_display = [
        "name",
        "acronym",
        "kind",
        "parent",
        "publication_state",
        "page_link",
    ]
    list_filter = [PublicationStateFilter, "kind"]
    list_select_related = ["parent"]
    search_fields = ["name_en", "name_es", "acronym_en", "acronym_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "acronym", "slug", "kind", "parent", "description"]},
        ),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Presidency)
class PresidencyAdmin(PublishableAdmin):
    list_display = [
        "year",
        "country",
        "start_date",
        "end_date",
        "publication_state",
        "page_link",
    ]
    list_filter = [PublicationStateFilter, "country"]
    search_fields = ["year__exact", "country__name_en", "country__name_es"]
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        # Each presidency is named by its country, in lists and autocompletes alike.
        return super().get_queryset(request).select_related("country")

    fieldsets = [
        (None, {"fields": ["year", "country", ("start_date", "end_date"), "note"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Statement)
class StatementAdmin(
    PostOfChosenPerson, StatementTextInEitherLanguage, PublishableAdmin
):
    list_display = [
        "__str__",
        "speaker",
        "organization",
        "event",
        "kind",
        "language",
        "publication_state",
        "page_link",
    ]
    list_filter = [
        PublicationStateFilter,
        "kind",
        "language",
        "topics",
        "organization__kind",
    ]
    list_select_related = ["speaker", "organization", "event"]
    search_fields = [
        "text_en",
        "text_es",
        "speaker__family_name",
        "speaker__given_name",
        "organization__name_en",
        "organization__name_es",
        "organization__acronym_en",
        "organization__acronym_es",
        "event__title_en",
        "event__title_es",
    ]
    autocomplete_fields = [
        "event",
        "session",
        "speaker",
        "position",
        "organization",
        "topics",
        "references",
        "sources",
    ]
    person_field = "speaker"
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["event", "session", "speaker", "position", "organization"]}),
        (None, {"fields": ["text", "kind", "language", "date", "order", "sources"]}),
        (_("Subjects"), {"fields": ["topics", "references"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Session)
class SessionAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["title", "event", "date", "start_time", "end_time", "format"]
    list_filter = ["format"]
    list_select_related = ["event"]
    search_fields = [
        "title_en",
        "title_es",
        "slug",
        "event__title_en",
        "event__title_es",
    ]
    autocomplete_fields = ["event"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"


@admin.register(Participation)
class ParticipationAdmin(PostOfChosenPerson, HistoryAdmin):
    list_display = ["person", "event", "role", "session", "position"]
    list_filter = ["role"]
    list_select_related = [
        "person",
        "event",
        "session",
        "position__person",
        "position__organization",
    ]
    search_fields = [
        "person__family_name",
        "person__given_name",
        "event__title_en",
        "event__title_es",
    ]
    autocomplete_fields = ["event", "session", "person", "position"]


@admin.register(EventOrganization)
class EventOrganizationAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["organization", "role", "event", "note"]
    list_filter = ["role"]
    list_select_related = ["organization", "event"]
    search_fields = [
        "organization__name_en",
        "organization__name_es",
        "organization__acronym_en",
        "organization__acronym_es",
        "event__title_en",
        "event__title_es",
    ]
    autocomplete_fields = ["event", "organization", "cited_source"]


@admin.register(KeyFigure)
class KeyFigureAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["value", "label", "event", "source"]
    list_select_related = ["event"]
    search_fields = ["value_en", "value_es", "label_en", "label_es", "event__title_en"]
    autocomplete_fields = ["event", "cited_source"]


@admin.register(KeyPoint)
class KeyPointAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["__str__", "kind", "event"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = ["text_en", "text_es", "event__title_en"]
    autocomplete_fields = ["event"]


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["caption", "credit", "event"]
    list_select_related = ["event"]
    search_fields = ["caption_en", "caption_es", "credit", "event__title_en"]
    autocomplete_fields = ["event"]


@admin.register(MediaContact)
class MediaContactAdmin(HistoryAdmin):
    list_display = ["person", "organization", "office", "phone", "email", "event"]
    list_select_related = ["person", "organization", "event"]
    search_fields = [
        "person__family_name",
        "organization__name_en",
        "email",
        "event__title_en",
    ]
    autocomplete_fields = ["event", "person", "organization"]


@admin.register(Document)
class DocumentAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["title", "kind", "languages", "date", "event"]
    list_filter = ["kind", "languages"]
    list_select_related = ["event"]
    search_fields = ["title_en", "title_es", "url", "event__title_en"]
    autocomplete_fields = ["event"]
