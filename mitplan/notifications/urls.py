from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("benachrichtigungen/<str:token>/bestaetigen/", views.confirm, name="confirm"),
    path(
        "benachrichtigungen/<str:token>/abbestellen/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
