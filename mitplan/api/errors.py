"""How the API answers errors, shared by every router so the schema documents each
status an operation may answer."""

from ninja import Schema


class ErrorOut(Schema):
    """Every error of the API: a JSON object with a `detail`."""

    detail: str | list


ERRORS = {400: ErrorOut, 422: ErrorOut, 500: ErrorOut, 503: ErrorOut}
NOT_FOUND = {404: ErrorOut, **ERRORS}
