from django import template

from rcm_site.models import ReviewRequest

register = template.Library()


@register.simple_tag
def open_reviews():
    return ReviewRequest.objects.open().count()
