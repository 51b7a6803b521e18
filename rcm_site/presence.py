"""Who else has a record's change form open: "Ana Pérez is also editing this record
(since 10:42)", as Wagtail shows. Opening the form marks the editor there; the form
then beats every HEARTBEAT seconds (static/js/admin-presence.js), and a mark not
renewed within EXPIRY has gone.

The marks live in the database, not the cache: without Redis each worker has a cache
of its own, and a notice that depends on which worker answered would miss half the
people it is for. A mark is one small row per open form, renewed once a half-minute.
The notice only warns: the stale-save check (VersionCheckForm) still refuses a save
over a newer one.
"""

import datetime

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Presence

HEARTBEAT = datetime.timedelta(seconds=30)
EXPIRY = 3 * HEARTBEAT


def record_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def mark(user, obj):
    """Notes that `user` has `obj` open, now."""
    now = timezone.now()
    Presence.objects.filter(seen_at__lt=now - EXPIRY).delete()
    Presence.objects.bulk_create(
        [Presence(user=user, record=record_key(obj), since=now, seen_at=now)],
        update_conflicts=True,
        unique_fields=["record", "user"],
        update_fields=["seen_at"],
    )


def leave(user, obj):
    Presence.objects.filter(user=user, record=record_key(obj)).delete()


def notices(user, obj):
    """What `user`, just marked, is told about the others who have `obj` open."""
    # Marks gone stale were deleted by the mark() that comes first.
    others = (
        Presence.objects.filter(record=record_key(obj))
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )
    return [
        _("%(name)s is also editing this record (since %(time)s).")
        % {
            "name": other.user.get_full_name() or other.user.get_username(),
            "time": time_format(timezone.localtime(other.since), "H:i"),
        }
        for other in others
    ]


class PresenceAdmin:
    class Media:
        js = ["js/admin-presence.js"]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(require_POST(self.presence_view)),
                name="{}_{}_presence".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                mark(request.user, obj)
                for notice in notices(request.user, obj):
                    messages.warning(request, notice, extra_tags="presence")
        return super().change_view(request, object_id, form_url, extra_context)

    def presence_view(self, request, object_id):
        """The form's heartbeat: marks the editor there (or gone, with `leave`) and
        answers with what the notice should now say."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if "leave" in request.POST:
            leave(request.user, obj)
            return JsonResponse({"notices": []})
        mark(request.user, obj)
        return JsonResponse({"notices": notices(request.user, obj)})
