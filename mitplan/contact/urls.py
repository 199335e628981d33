from django.urls import path

from . import views

app_name = "contact"
urlpatterns = [
    path("kontakt/<int:advisor_id>/", views.advisor_message, name="advisor_message"),
    path(
        "kontakt/<int:advisor_id>/gesendet/",
        views.advisor_message_sent,
        name="advisor_message_sent",
    ),
]
