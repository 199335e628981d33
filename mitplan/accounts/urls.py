from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("konto/meine-daten/", views.data_download, name="data"),
    path("konto/loeschen/", views.account_delete, name="delete"),
    path("konto/geloescht/", views.account_deleted, name="deleted"),
]
