from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    READY = "ready", _("Ready for review")
    SENT_BACK = "sent_back", _("Sent back")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
