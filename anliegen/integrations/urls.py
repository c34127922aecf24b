from django.urls import path

from . import views

app_name = "integrations"
urlpatterns = [
    path("status/<slug:slug>/", views.status_update, name="status_update"),
]
