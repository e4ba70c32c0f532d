"""Safe YAML loading that keeps source positions, for located validation errors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ldncheck.errors import KnowledgeBaseError

if TYPE_CHECKING:
    import yaml

# PyYAML is imported only when a file is parsed: a knowledge base served from the cache never
# needs it, and its import is a noticeable share of a single check's start-up.


def _yaml() -> Any:
    import yaml

    return yaml


def _loader_class() -> Any:
    import yaml

    # The C loader is several times faster; both are safe loaders.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Knowledge-base files are small; a cap refuses huge or hostile files before parsing.
MAX_YAML_BYTES = 8 * 1024 * 1024
_MAX_NODES = 500_000


@dataclass(frozen=True, slots=True)
class Located:
    """A parsed YAML document and the node tree that says where each value came from."""

    data: Any
    root: yaml.Node | None
    path: str

    def line_of(self, keys: Sequence[str | int]) -> tuple[int | None, int | None]:
        """1-based line and column of the value at ``keys``, or of its nearest parent."""
        node = self.root
        best: tuple[int | None, int | None] = (None, None)
        for key in keys:
            if node is None:
                break
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
            node = _child(node, key)
        if node is not None:
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best

    def error(self, keys: Sequence[str | int], message: str) -> KnowledgeBaseError:
        """A KnowledgeBaseError located at ``keys``."""
        line, column = self.line_of(keys)
        return KnowledgeBaseError(message, path=self.path, line=line, column=column)


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    yaml = _yaml()
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def _check_tree(root: yaml.Node, path: str) -> None:
    """Refuse anchors/aliases (the billion-laughs shape) and absurdly large trees."""
    yaml = _yaml()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            raise KnowledgeBaseError(
                "YAML aliases (*name) are not allowed in a knowledge base",
                path=path,
                line=mark.line + 1,
                column=mark.column + 1,
            )
        seen.add(id(node))
        if len(seen) > _MAX_NODES:
            raise KnowledgeBaseError(f"more than {_MAX_NODES} YAML nodes; refusing", path=path)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar node, in document order."""
    yaml = _yaml()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(reversed([n for pair in node.value for n in pair]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _bad_value(root: yaml.Node, path: str, exc: Exception) -> KnowledgeBaseError:
    """Locate a scalar the safe constructor rejects (a date like 2026-13-45, a 5,000-digit int)."""
    probe = _loader_class()("")
    try:
        for node in _scalars(root):
            try:
                probe.construct_object(node)
            except (ValueError, OverflowError):
                mark = node.start_mark
                return KnowledgeBaseError(
                    f"YAML error: invalid {node.tag.rsplit(':', 1)[-1]} {node.value[:40]!r}",
                    path=path,
                    line=mark.line + 1,
                    column=mark.column + 1,
                )
    finally:
        probe.dispose()
    return KnowledgeBaseError(f"YAML error: invalid value ({exc})", path=path)


def load_located(text: str, path: str) -> Located:
    """Parse ``text`` with the safe loader, raising a located error on any problem."""
    if len(text) > MAX_YAML_BYTES:
        raise KnowledgeBaseError(
            f"file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MiB; refusing to parse it",
            path=path,
        )
    yaml = _yaml()
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return Located(None, None, path)
        _check_tree(root, path)
        try:
            data = loader.construct_document(root)
        except (ValueError, OverflowError) as exc:  # bad dates and huge ints are not YAMLErrors
            raise _bad_value(root, path, exc) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        raise KnowledgeBaseError(
            f"YAML error: {problem}", path=path, line=line, column=column
        ) from None
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"YAML error: {exc}", path=path) from None
    finally:
        loader.dispose()
    return Located(data, root, path)
