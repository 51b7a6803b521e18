from django.contrib import admin
from django.urls import path

from . import views

app_name = "releases"

urlpatterns = [
    path("", admin.site.admin_view(views.import_release), name="import"),
    path("review/", admin.site.admin_view(views.review_release), name="review"),
]
