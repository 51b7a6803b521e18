"""A meeting's roles: what each organization did at it (host, organizer, funder…) and
who took part, in the post they held then."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from people.models import Organization, Person, Position
from rcm_site.publishing import VisibleQuerySet, published_q
from rcm_site.translated import Translated

from ..enums import OrganizationRole, ParticipantRole


def in_choice_order(field, choices):
    """An ordering by the position of `field`'s value among `choices`; any other
    value after them (a default, not NULL, which databases sort differently)."""
    return Case(
        *[When(**{field: value}, then=i) for i, value in enumerate(choices)],
        default=len(choices),
        output_field=models.IntegerField(),
    )


class EventOrganizationQuerySet(VisibleQuerySet):
    def get_by_natural_key(self, event_slug, organization_slug, role):
        return self.get(
            event__slug=event_slug, organization__slug=organization_slug, role=role
        )

    def published(self):
        return self.filter(published_q("event", "organization"))

    def in_role_order(self):
        """The presidency first, funders last, as OrganizationRole lists them."""
        return self.order_by(in_choice_order("role", OrganizationRole), "id")

    def latest_by_role(self, per_role):
        """The latest `per_role` meetings in each role, roles in OrganizationRole
        order, each row with `role_count`, how many meetings the role has in all:
        one query, however many meetings an organization helped run."""
        by_role = {"partition_by": F("role")}
        return (
            self.annotate(
                rank=Window(
                    RowNumber(),
                    order_by=[F("event__start_date").desc(), F("id").desc()],
                    **by_role,
                ),
                role_count=Window(Count("id"), **by_role),
            )
            .filter(rank__lte=per_role)
            .order_by(
                in_choice_order("role", OrganizationRole),
                "-event__start_date",
                "-id",
            )
        )


class EventOrganization(Translated, models.Model):
    """One role an organization played at a meeting; an organization may hold several."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("role"), max_length=30, choices=OrganizationRole)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("E.g. through its Mesoamerica Program."),
    )
    cited_source = models.ForeignKey(
        "events.Source",
        verbose_name=_("cited source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by_roles",
        help_text=_("The source that states this role, cited beside it."),
    )

    objects = EventOrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization role")
        verbose_name_plural = _("organizations and their roles")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"],
                name="eventorganization_one_role_per_org",
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_role_display()}"

    def natural_key(self):
        return (self.event.slug, self.organization.slug, self.role)

    natural_key.dependencies = ["events.event", "people.organization"]


class ParticipationQuerySet(VisibleQuerySet):
    def get_by_natural_key(self, event_slug, person_slug, role, session_slug=None):
        """A session's slug is unique within its meeting, so the meeting's slug and
        the session's name it."""
        return self.get(
            event__slug=event_slug,
            person__slug=person_slug,
            role=role,
            **(
                {"session__slug": session_slug}
                if session_slug
                else {"session__isnull": True}
            ),
        )

    def published(self):
        """Public meeting, public person, and a post (if any) at a public organization:
        a byline must not name a draft."""
        return self.filter(
            published_q("event", "person", optional=["position__organization"])
        )

    def in_role_order(self):
        """Chairs first, participants last, as ParticipantRole lists them; then in
        the meeting's own order."""
        return self.order_by(in_choice_order("role", ParticipantRole), "order", "id")

    def latest_meetings_first(self):
        """A person's parts, the latest meetings first, each meeting's together in
        role order."""
        return self.order_by(
            "-event__start_date",
            "event_id",
            in_choice_order("role", ParticipantRole),
            "order",
            "id",
        )


class Participation(models.Model):
    """A person's part in a meeting, or in one of its sessions: a person may chair one
    session and speak at another."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        # Deleting a session must not silently drop who took part in it; deleting
        # the whole meeting takes both.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("Leave empty for a part in the meeting as a whole."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("post held then"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole,
        default=ParticipantRole.PARTICIPANT,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                condition=Q(session__isnull=True),
                name="participation_one_role_per_event",
                violation_error_message=_(
                    "This person already has this role at the meeting."
                ),
            ),
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                condition=Q(session__isnull=False),
                name="participation_one_role_per_session",
                violation_error_message=_(
                    "This person already has this role in the session."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if (
            self.position_id
            and self.person_id
            and self.position.person_id != self.person_id
        ):
            raise ValidationError(
                {
                    "position": _(
                        "This post belongs to someone else; pick one of this person's posts."
                    )
                }
            )
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("Pick a session of this meeting.")})

    def natural_key(self):
        return (
            self.event.slug,
            self.person.slug,
            self.role,
            self.session.slug if self.session_id else None,
        )

    natural_key.dependencies = [
        "events.event",
        "events.session",
        "people.person",
        "people.position",
    ]
