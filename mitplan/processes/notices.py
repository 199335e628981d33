"""Notices every page of a process shows right below its heading.

The process's own status notice (a pause, with its full text in the timeline) is
shown by `components/page_notices.html` itself. Other apps add notices of their own
(news: the status notices staff publish as articles) by registering a source here,
in their AppConfig.ready, so neither processes nor cms import them:

    add_notice_source(current_notices)  # current_notices(process) -> [Notice]

A source is asked on every page view, so it must answer from the cache (one read),
not from the database; `process` is None on pages of no process (the home page),
where a source answers the notices meant for every page.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    title: str
    text: str  # brief: what fits a phone's first screen
    url: str  # where the full notice is read
    language: str  # the language title and text are written in


_sources: list[Callable] = []


def add_notice_source(source: Callable) -> None:
    if source not in _sources:
        _sources.append(source)


def notices_for(process) -> list[Notice]:
    """The notices to show on a page of `process` (or of no process: None)."""
    return [notice for source in _sources for notice in source(process or None)]
