"""What people can follow by e-mail. An app registers a kind of topic (a
contribution, later a survey's results, an event, a measure) with how to find the
thing and how to speak of it; notifications keeps the addresses, confirms them,
mails and forgets them, and imports no app.

A topic is written "kind:key" ("contribution:41")."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Topic:
    """A kind of thing to follow.

    find(key): the thing, or None when it is gone.
    title(thing): its name in mails and on the confirmation page.
    url(thing): its public address, "" while it is not public.
    note(thing): what the confirmation page adds while it is not public ("").
    Texts, translated lazily with %(title)s (and %(step)s in `news`): `asked` opens
    the confirmation mail, `news` an update mail, `why` ends every update mail,
    `back` is the link back to the thing."""

    kind: str
    find: Callable[[str], Any]
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    asked: str
    news: str
    why: str
    back: str
    note: Callable[[Any], str] = lambda thing: ""


_topics: dict[str, Topic] = {}


def add_topic(topic: Topic) -> None:
    taken = _topics.get(topic.kind)
    if taken is not None and taken is not topic:
        raise ImproperlyConfigured(f"Topic kind {topic.kind!r} is registered twice.")
    _topics[topic.kind] = topic


def topic_of(kind: str, key) -> str:
    """The topic string of one thing: topic_of("contribution", 41)."""
    if kind not in _topics:
        raise ImproperlyConfigured(f"No topic kind {kind!r} is registered.")
    return f"{kind}:{key}"


@dataclass(frozen=True)
class Followed:
    """A topic resolved: its kind and the thing (None when the thing is gone)."""

    topic: Topic | None
    thing: Any

    @property
    def title(self) -> str:
        return self.topic.title(self.thing) if self.thing is not None else ""

    @property
    def url(self) -> str:
        return self.topic.url(self.thing) if self.thing is not None else ""

    @property
    def note(self) -> str:
        return self.topic.note(self.thing) if self.thing is not None else ""

    @property
    def back(self) -> str:
        return self.topic.back if self.topic else ""


def resolve(topic: str) -> Followed:
    kind, _sep, key = topic.partition(":")
    registered = _topics.get(kind)
    if registered is None:
        return Followed(None, None)
    return Followed(registered, registered.find(key))
