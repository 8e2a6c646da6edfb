"""Checks a composed sources.yaml node tree and builds outlets and stories, collecting every problem with its line.

Places in messages read like `stories[1].articles[2].outlet`; list positions count from 1, as line numbers do.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .clean import printable
from .model import ArticleRef, Outlet, Story
from .sources import Problem

NULL_TAG = "tag:yaml.org,2002:null"

# Each spec maps a key to whether it is required.
# Outlets are required with stories; a file may list only feeds (see check_top_level).
TOP_KEYS = {"outlets": False, "stories": False, "feeds": False}
OUTLET_KEYS = {"name": True, "label": False, "homepage": False}
STORY_KEYS = {"id": True, "title": True, "date": False, "articles": True}
ARTICLE_KEYS = {
    "outlet": True, "file": False, "url": False, "title": False,
    "published": False, "author": False, "canonical_url": False, "reference": False,
}
FEED_KEYS = {"url": False, "file": False, "name": False, "outlet": False}
URL_KEYS = {"url", "canonical_url", "homepage"}


Pairs = dict[str, tuple[ScalarNode, Node]]


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    """Name what a node holds, for 'expected X, got Y' messages."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if node.tag == NULL_TAG:
        return "nothing"
    return quoted(node.value) if len(node.value) <= 40 else "a long text"


def quoted(value: str) -> str:
    """A value from the file as messages show it: cleaned, on one line, in quotes."""
    return f"'{printable(value)}'"


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def mapping_pairs(node: Node, where: str, problems: list[Problem]) -> Pairs | None:
    """Key -> (key node, value node) of a mapping, reporting duplicate and non-text keys."""
    if not isinstance(node, MappingNode):
        problems.append(Problem(line_of(node), f"{where}: expected a mapping, got {describe(node)}"))
        return None
    pairs: Pairs = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode) or key.tag == NULL_TAG:
            problems.append(Problem(line_of(key), f"{where}: expected a name as key, got {describe(key)}"))
        elif key.value in pairs:
            first = line_of(pairs[key.value][0])
            problems.append(Problem(line_of(key), f"{where}: {quoted(key.value)} is defined twice (first on line {first})"))
        else:
            pairs[key.value] = (key, value)
    return pairs


def check_keys(pairs: Pairs, spec: dict[str, bool], where: str, node: Node, problems: list[Problem]) -> None:
    """Report unknown keys (with a suggestion) and missing required ones."""
    for key, (key_node, _) in pairs.items():
        if key not in spec:
            hint = did_you_mean(key, list(spec)) or f"; expected one of: {', '.join(spec)}"
            problems.append(Problem(line_of(key_node), f"{where}: unknown key {quoted(key)}{hint}"))
    for key, required in spec.items():
        if required and key not in pairs:
            problems.append(Problem(line_of(node), f"{where}: missing '{key}'"))


def text_value(pairs: Pairs, key: str, where: str, problems: list[Problem]) -> str:
    """The text of a scalar field ('' when absent); numbers and dates are taken as written."""
    if key not in pairs:
        return ""
    node = pairs[key][1]
    if not isinstance(node, ScalarNode):
        problems.append(Problem(line_of(node), f"{where}.{key}: expected a string, got {describe(node)}"))
        return ""
    value = "" if node.tag == NULL_TAG else str(node.value).strip()
    if key in URL_KEYS and value and not value.lower().startswith(("http://", "https://")):
        problems.append(Problem(line_of(node), f"{where}.{key}: expected an http:// or https:// URL, got {quoted(value)}"))
    return value


def bool_value(pairs: Pairs, key: str, where: str, problems: list[Problem]) -> bool:
    """A true/false field (false when absent); anything else is a problem named with its line."""
    if key not in pairs:
        return False
    node = pairs[key][1]
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return str(node.value).lower() in {"true", "yes", "on"}
    problems.append(Problem(line_of(node), f"{where}.{key}: expected true or false, got {describe(node)}"))
    return False


def check_id(value: str, where: str, node: Node, problems: list[Problem]) -> None:
    """Ids are typed on the command line and shown everywhere: one with invisible characters is refused."""
    if value and printable(value) != value:
        message = (f"{where}: the id {quoted(value)} holds control characters, escape sequences or line breaks; "
                   "write it as plain text")
        problems.append(Problem(line_of(node), message))


def required_text(pairs: Pairs, key: str, where: str, problems: list[Problem]) -> str:
    """Like text_value, but an empty value is a problem (absence is reported by check_keys)."""
    value = text_value(pairs, key, where, problems)
    node = pairs.get(key, (None, None))[1]
    if not value and isinstance(node, ScalarNode):
        problems.append(Problem(line_of(node), f"{where}.{key}: expected a string, got nothing"))
    return value


def build_outlets(node: Node | None, problems: list[Problem]) -> dict[str, Outlet]:
    if node is None:
        return {}
    pairs = mapping_pairs(node, "outlets", problems)
    outlets: dict[str, Outlet] = {}
    for outlet_id, (key, value) in (pairs or {}).items():
        check_id(outlet_id, "outlets", key, problems)
        where = f"outlets.{printable(outlet_id)}"
        fields = mapping_pairs(value, where, problems)
        if fields is None:
            continue
        check_keys(fields, OUTLET_KEYS, where, value, problems)
        name = required_text(fields, "name", where, problems)
        label = text_value(fields, "label", where, problems)
        homepage = text_value(fields, "homepage", where, problems)
        outlets[outlet_id] = Outlet(id=outlet_id, name=name, label=label, homepage=homepage)
    return outlets


@dataclass
class Context:
    """What building stories needs besides the node at hand: known outlets, the file's folder, the problem list."""

    outlets: dict[str, Outlet]
    base_dir: str
    problems: list[Problem]


def build_stories(node: Node | None, ctx: Context) -> tuple[Story, ...]:
    problems = ctx.problems
    if node is None:
        return ()
    if not isinstance(node, SequenceNode):
        problems.append(Problem(line_of(node), f"stories: expected a list, got {describe(node)}"))
        return ()
    if not node.value:
        problems.append(Problem(line_of(node), "stories: expected at least one story"))
    stories: list[Story] = []
    first_line: dict[str, int] = {}
    for index, item in enumerate(node.value, start=1):
        story = build_story(item, f"stories[{index}]", ctx)
        if story is None:
            continue
        if story.id in first_line:
            message = f"stories[{index}].id: duplicate story id {quoted(story.id)} (first used on line {first_line[story.id]})"
            problems.append(Problem(line_of(item), message))
            continue
        first_line[story.id] = line_of(item)
        stories.append(story)
    return tuple(stories)


def build_story(node: Node, where: str, ctx: Context) -> Story | None:
    problems = ctx.problems
    pairs = mapping_pairs(node, where, problems)
    if pairs is None:
        return None
    check_keys(pairs, STORY_KEYS, where, node, problems)
    story_id = required_text(pairs, "id", where, problems)
    if story_id:
        check_id(story_id, f"{where}.id", pairs["id"][1], problems)
    title = required_text(pairs, "title", where, problems)
    date = text_value(pairs, "date", where, problems)
    articles = build_articles(pairs.get("articles", (None, None))[1], f"{where}.articles", ctx)
    return Story(id=story_id, title=title, date=date, articles=articles) if story_id else None


def build_articles(node: Node | None, where: str, ctx: Context) -> tuple[ArticleRef, ...]:
    return build_list(node, where, "articles", build_article, ctx)


def build_list(node: Node | None, where: str, what: str, build_one, ctx: Context) -> tuple:
    """Each item of a YAML list built by `build_one`; a missing list is empty, anything else a problem."""
    if node is None:
        return ()
    if not isinstance(node, SequenceNode) or not node.value:
        got = "an empty list" if isinstance(node, SequenceNode) else describe(node)
        ctx.problems.append(Problem(line_of(node), f"{where}: expected a list of {what}, got {got}"))
        return ()
    found = (build_one(item, f"{where}[{i}]", ctx) for i, item in enumerate(node.value, start=1))
    return tuple(built for built in found if built is not None)


def build_article(node: Node, where: str, ctx: Context) -> ArticleRef | None:
    problems = ctx.problems
    pairs = mapping_pairs(node, where, problems)
    if pairs is None:
        return None
    check_keys(pairs, ARTICLE_KEYS, where, node, problems)
    values = {key: text_value(pairs, key, where, problems) for key in ARTICLE_KEYS if key not in {"outlet", "reference"}}
    values["outlet"] = required_text(pairs, "outlet", where, problems)
    values["reference"] = bool_value(pairs, "reference", where, problems)
    check_outlet(values["outlet"], pairs, where, ctx)
    if bool(values["file"]) == bool(values["url"]):
        wrong = "not both" if values["file"] else "found neither"
        problems.append(Problem(line_of(node), f"{where}: expected exactly one of 'file' or 'url', {wrong}"))
    return ArticleRef(base_dir=ctx.base_dir, **values)


def check_outlet(outlet_id: str, pairs: Pairs, where: str, ctx: Context) -> None:
    outlets = ctx.outlets
    if not outlet_id or outlet_id in outlets:
        return
    hint = did_you_mean(outlet_id, list(outlets))
    if not hint and outlets:
        hint = f"; defined outlets: {', '.join(sorted(outlets))}"
    message = f"{where}.outlet: {quoted(outlet_id)} is not defined in outlets{hint}"
    ctx.problems.append(Problem(line_of(pairs["outlet"][1]), message))


def build_catalog_parts(root: Node, base_dir: str) -> tuple[dict[str, Outlet], tuple[Story, ...], list[Problem]]:
    """Outlets, stories and every problem found in the document."""
    outlets, stories, _, problems = build_sources_parts(root, base_dir)
    return outlets, stories, problems


def build_sources_parts(
    root: Node, base_dir: str
) -> tuple[dict[str, Outlet], tuple[Story, ...], tuple[FeedRef, ...], list[Problem]]:
    """Outlets, stories, feeds and every problem found in the document."""
    problems: list[Problem] = []
    pairs = mapping_pairs(root, "top level", problems)
    if pairs is None:
        return {}, (), (), problems
    check_keys(pairs, TOP_KEYS, "top level", root, problems)
    check_top_level(pairs, root, problems)
    outlets = build_outlets(pairs.get("outlets", (None, None))[1], problems)
    ctx = Context(outlets, base_dir, problems)
    stories = build_stories(pairs.get("stories", (None, None))[1], ctx)
    feeds = build_feeds(pairs.get("feeds", (None, None))[1], ctx)
    return outlets, stories, feeds, problems


def check_top_level(pairs: Pairs, root: Node, problems: list[Problem]) -> None:
    if "stories" not in pairs and "feeds" not in pairs:
        problems.append(Problem(line_of(root), "top level: missing 'stories' (or 'feeds' to find stories in)"))
    elif "stories" in pairs and "outlets" not in pairs:
        problems.append(Problem(line_of(root), "top level: missing 'outlets'"))


@dataclass(frozen=True)
class FeedRef:
    """A feed listed in sources.yaml: its address or file, an optional name, and the outlet that publishes it."""

    url: str = ""
    file: str = ""
    name: str = ""
    outlet: str = ""
    base_dir: str = ""

    @property
    def source(self) -> str:
        return self.url or self.file


def build_feeds(node: Node | None, ctx: Context) -> tuple[FeedRef, ...]:
    return build_list(node, "feeds", "feeds", build_feed, ctx)


def build_feed(node: Node, where: str, ctx: Context) -> FeedRef | None:
    pairs = mapping_pairs(node, where, ctx.problems)
    if pairs is None:
        return None
    check_keys(pairs, FEED_KEYS, where, node, ctx.problems)
    values = {key: text_value(pairs, key, where, ctx.problems) for key in FEED_KEYS}
    if values["outlet"]:
        check_outlet(values["outlet"], pairs, where, ctx)
    if bool(values["file"]) == bool(values["url"]):
        wrong = "not both" if values["file"] else "found neither"
        ctx.problems.append(Problem(line_of(node), f"{where}: expected exactly one of 'url' or 'file', {wrong}"))
        return None
    return FeedRef(base_dir=ctx.base_dir, **values)
