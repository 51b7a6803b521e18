from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import review
from .enums import ReviewState
from .models import ReviewRequest


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    """The publishers' "to review" list (filtered to what is ready) and the record of
    past decisions. Read-only: a publisher decides on the record's publish page,
    which needs the permission to publish that kind of record."""

    list_display = [
        "record_link",
        "kind",
        "submitted_by",
        "submitted_at",
        "proposed_publish_at",
        "changes",
        "state",
        "decide_link",
    ]
    list_filter = ["state"]
    list_select_related = ["submitted_by", "content_type"]
    # Each row works out its changes from the record's history: a short page.
    list_per_page = 20

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    def get_list_display(self, request):
        # Editors follow their submissions here; only those who may publish decide.
        columns = super().get_list_display(request)
        permissions = request.user.get_all_permissions()
        if not any(name.split(".")[1].startswith("publish_") for name in permissions):
            columns = [column for column in columns if column != "decide_link"]
        return columns

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def record_link(self, obj):
        if obj.record is None:
            return _("(deleted)")
        opts = obj.record._meta
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[obj.record.pk],
            ),
            obj.record,
        )

    @admin.display(description=_("kind"))
    def kind(self, obj):
        return obj.content_type.model_class()._meta.verbose_name

    @admin.display(description=_("changed since last published"))
    def changes(self, obj):
        if obj.record is None:
            return ""
        names = review.changes_since_published(obj.record)
        if names is None:
            return _("New: never published")
        return ", ".join(names) or _("Nothing")

    @admin.display(description=_("decide"))
    def decide_link(self, obj):
        if obj.record is None or obj.state != ReviewState.READY:
            return ""
        opts = obj.record._meta
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_publish",
                args=[obj.record.pk],
            ),
            _("Publish, schedule or send back…"),
        )
