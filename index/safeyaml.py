"""YAML for files a user downloaded or wrote: small, plain data, no aliases.

`yaml.safe_load` builds no objects, but an alias makes a node stand for a
whole subtree again: a few hundred bytes of nested aliases ("billion
laughs") expand to gigabytes as soon as anything walks the result. Report
metadata and themes never need aliases, so a document using one is refused,
and the text is bounded before it is parsed.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_METADATA_BYTES = 64 * 1024
"""Front matter or a sidecar: a few keys, never more than a few lines."""


class YamlRefused(yaml.YAMLError):
    """YAML that parses but is not accepted; str() says why."""

    def __init__(self, problem: str, line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _loader(text: str) -> yaml.SafeLoader:
    # libyaml's parser when PyYAML was built with it (its wheels are): ~10× the pure-Python one.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader_class(text)


def compose(text: str, max_chars: int | None = None) -> yaml.Node | None:
    """The node tree of one YAML document, refused if it uses an alias or is too long."""
    if max_chars is not None and len(text) > max_chars:
        raise YamlRefused(f"{len(text):,} characters of YAML, more than the {max_chars:,} accepted")
    loader = _loader(text)
    try:
        root: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    if root is not None:
        _refuse_aliases(root)
    return root


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias is a node met a second time; one visit per node keeps this linear."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlRefused("uses a YAML alias (*name), which reportx does not accept", node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def construct(root: yaml.Node | None) -> Any:
    """The Python data of a node tree from `compose`."""
    if root is None:
        return None
    loader = _loader("")
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def load(text: str, max_chars: int | None = None) -> Any:
    """Like `yaml.safe_load`, without aliases and within `max_chars`."""
    return construct(compose(text, max_chars))
