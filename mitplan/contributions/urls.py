from django.urls import path

from . import views

app_name = "my_contributions"
urlpatterns = [
    path("konto/meine-beitraege/", views.my_contributions, name="list"),
]
