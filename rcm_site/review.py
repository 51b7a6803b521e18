"""The review step: an editor says a draft is ready, a publisher publishes it, schedules
it or sends it back with a comment. Why a request beside the record rather than a
publication state of its own: docs/editing.md.

Publishing goes through publish(), which takes a record together with the drafts it
names (Publishable.drafts_named), in one transaction.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from modeltranslation.fields import TranslationField

from .enums import ReviewState
from .models import ReviewRequest
from .publishing import PublicationStatus

# The editor's word on a record on its form, which saves no change of the record.
FORM_FIELDS = {"ready_for_review", "proposed_publish_at"}

logger = logging.getLogger(__name__)

# A publication changes these by design; the review shows what the editor changed.
NOT_CHANGES = ["publication_status", "publish_at"]


def latest_review(record):
    return ReviewRequest.objects.of(record).first()


def submit(record, user, proposed_publish_at, review_url):
    """Mark `record` ready for review, or change the publish time proposed in its open
    request. Publishers are told of a new request once it has committed."""
    review, created = ReviewRequest.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        state=ReviewState.READY,
        defaults={"submitted_by": user, "proposed_publish_at": proposed_publish_at},
    )
    if created:
        transaction.on_commit(lambda: notify_publishers(review, record, review_url))
    elif review.proposed_publish_at != proposed_publish_at:
        review.proposed_publish_at = proposed_publish_at
        review.save(update_fields=["proposed_publish_at"])
    return review


def withdraw(record, user):
    decide(ReviewRequest.objects.of(record).open(), user, ReviewState.WITHDRAWN)


def send_back(review, user, comment):
    decide([review], user, ReviewState.SENT_BACK, comment)


def decide(reviews, user, state, comment=""):
    for review in reviews:
        review.state, review.comment = state, comment
        review.decided_by, review.decided_at = user, timezone.now()
        review.save(update_fields=["state", "comment", "decided_by", "decided_at"])


def notify_publishers(review, record, review_url):
    """E-mail everyone who may publish such a record (superusers aside)."""
    opts = type(record)._meta
    recipients = sorted(
        get_user_model()
        .objects.with_perm(
            f"{opts.app_label}.publish_{opts.model_name}",
            include_superusers=False,
            # Permissions are ModelBackend's; axes' backend only refuses logins.
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    context = {
        "review": review,
        "record": record,
        "kind": opts.verbose_name,
        "url": review_url,
    }
    try:
        send_mail(
            gettext("Ready for review: %(record)s") % {"record": record},
            render_to_string("admin/rcm_site/review_email.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    except OSError:
        # The submission has committed and is in the publishers' list: a mail server
        # that is down is the operator's problem, not an error on the editor's save.
        logger.exception("Could not tell the publishers of %s", record)


def drafts_to_publish(records):
    """The drafts these records name and do not include themselves, each once."""
    chosen = {(type(record), record.pk) for record in records}
    drafts = []
    for record in records:
        for draft in record.drafts_named():
            if (type(draft), draft.pk) not in chosen:
                chosen.add((type(draft), draft.pk))
                drafts.append(draft)
    return drafts


def publish(records, user, when=None):
    """Publish `records`, or schedule them for `when`, in one transaction: all or none.
    A record already public stays as it is. Their open review requests are decided."""
    when = when or timezone.now()
    with transaction.atomic():
        for record in records:
            if record.is_published():
                continue
            record.publication_status, record.publish_at = (
                PublicationStatus.PUBLISHED,
                when,
            )
            record._history_user = user
            record.save()
        close_reviews(records, user)


def close_reviews(records, user):
    """Decide the open review requests of records that are now published or
    scheduled."""
    for record in records:
        if record.publication_status == PublicationStatus.PUBLISHED:
            decide(ReviewRequest.objects.of(record).open(), user, ReviewState.PUBLISHED)


def changes_since_published(record):
    """The names of the fields changed since the record's last published version, or
    None when it has never been published. Translations of the site's language are
    the field itself, named once."""
    history = record.history.all()
    latest = history.first()
    last_published = history.filter(
        publication_status=PublicationStatus.PUBLISHED
    ).first()
    if last_published is None:
        return None
    if latest is None or latest.pk == last_published.pk:
        return []
    delta = latest.diff_against(last_published, excluded_fields=NOT_CHANGES)
    names = []
    for change in delta.changes:
        field = type(record)._meta.get_field(change.field)
        if (
            isinstance(field, TranslationField)
            and field.language == settings.LANGUAGE_CODE
        ):
            field = field.translated_field
        name = str(field.verbose_name)
        if name not in names:
            names.append(name)
    return names
