from django.db import models
from django.utils.translation import gettext_lazy as _


class RcmStatus(models.TextChoices):
    MEMBER = "member", _("Member country")
    OBSERVER = "observer", _("Observer country")
    OTHER = "other", _("Other")


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
    EMPLOYER = "employer", _("Employers' organization")
    TRADE_UNION = "trade_union", _("Trade union")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIC = "academic", _("Academic")
    DONOR = "donor", _("Donor")
    PROGRAMME = "programme", _("Programme")
    RCM_BODY = "rcm_body", _("RCM body")
    # A source's publisher is often a newspaper or a news agency.
    MEDIA = "media", _("News media")
    OTHER = "other", _("Other organization")


class NameKind(models.TextChoices):
    """How another name a person is published under relates to the recorded one."""

    SHORTER = "shorter", _("Shorter form")
    FULLER = "fuller", _("Fuller form")
    OTHER = "other", _("Other form")
