"""The addresses this app serves below a process's portal."""

from .portal import Route
from .views import advisor_list, field_detail, field_list

ROUTES = (
    Route("handlungsfelder/", field_list, "field_list"),
    Route("handlungsfelder/<slug:slug>/", field_detail, "field_detail"),
    Route("ansprechpersonen/", advisor_list, "advisor_list"),
)
