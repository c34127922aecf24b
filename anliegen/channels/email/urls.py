from django.urls import path

from . import views

app_name = "email_channel"
urlpatterns = [
    path("gesendet/", views.sent, name="sent"),
    path("gesendet/<int:pk>/", views.sent_detail, name="sent_detail"),
    path("quarantaene/", views.quarantine, name="quarantine"),
    path("quarantaene/<int:pk>/neu/", views.reprocess_mail, name="reprocess"),
    path("quarantaene/<int:pk>/uebernehmen/", views.accept_mail, name="accept"),
]
