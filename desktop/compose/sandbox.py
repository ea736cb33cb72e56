"""The Jinja2 sandbox note templates run in (imported only when a note is rendered).

User templates are the user's own files, but they may be shared or downloaded, so they get
no way into Python internals and no cheap way to exhaust memory or time: the immutable
sandbox (no `_` attributes, no mutating list/dict methods), a short list of string methods
and filters, no string formatting with widths, bounded `range`, `*`, `**` and `+` results,
and at most two nested loops. What a template prints is cleaned to simple HTML afterwards.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes, pass_environment
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

MAX_SEQUENCE = 10_000  # characters or items made by *, + or replace in a template
MAX_RANGE = 1_000
MAX_INT_BITS = 4_096
MAX_LOOP_DEPTH = 2

_STR_METHODS = frozenset(
    {
        "capitalize",
        "endswith",
        "lower",
        "lstrip",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "title",
        "upper",
        "isdigit",
        "isalpha",
        "isupper",
        "islower",
    }
)
_FILTERS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "float",
        "int",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "reject",
        "reverse",
        "round",
        "safe",
        "select",
        "sort",
        "string",
        "striptags",
        "sum",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "wordcount",
    }
)
_GLOBALS = ("range", "dict", "namespace", "cycler", "joiner")


def _too_big(value: object) -> bool:
    return isinstance(value, (str, list, tuple)) and len(value) > MAX_SEQUENCE


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers)} numbers (at most {MAX_RANGE})")
    return numbers


def _nl2br(value: object) -> Markup:
    """Text with its line breaks as <br>, escaped (for a signature block)."""
    return Markup("<br>\n").join(escape(line) for line in str(value).splitlines())


def _replace(value: object, old: str, new: str, count: int | None = None) -> str:
    text = str(value)
    result = text.replace(old, new) if count is None else text.replace(old, new, count)
    if len(result) > max(len(text), MAX_SEQUENCE):
        raise SecurityError(f"replace() would make {len(result)} characters")
    return escape(result) if isinstance(value, Markup) else result


class NoteSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with resource limits and a short list of filters."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, load: Callable[[str], tuple[str, str, Callable[[], bool]] | None]) -> None:
        from jinja2 import FunctionLoader

        super().__init__(
            loader=FunctionLoader(load),
            undefined=StrictUndefined,
            autoescape=True,
            # No trim_blocks: the body is HTML, where line breaks are spaces anyway, and
            # trimming would glue "…{% endif %}⏎for" into one word.
            auto_reload=True,
        )
        self.filters = {name: f for name, f in self.filters.items() if name in _FILTERS}
        self.filters["nl2br"] = _nl2br
        self.filters["replace"] = _replace
        self.globals = {name: self.globals[name] for name in _GLOBALS}
        self.globals["range"] = _bounded_range
        self.filters[_PACED] = _paced
        # Output is checked for time as it comes out, but a macro or a loop can work for long
        # before printing anything (a macro calling itself twice, two loops over long text):
        # every call and every loop step looks at this clock too.
        self.deadline = float("inf")

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template took more than {_MAX_SECONDS:g} seconds")

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.check_clock()
        return super().call(context, obj, *args, **kwargs)

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> Any:
        # Every `{% for x in items %}` becomes `{% for x in items|_paced %}`.
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _PACED, [], [], None, None, lineno=loop.lineno)
        return super()._generate(source, *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr not in _STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # str.format would bypass the width limits; is_safe_attribute refuses it instead.
        return None

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "%":
            if isinstance(left, str):
                raise SecurityError("'%' string formatting is not available; join text with ~")
            return operator.mod(left, right)
        if operator_ == "**":
            huge = isinstance(left, int) and isinstance(right, int) and right > 0
            if huge and abs(left) > 1 and left.bit_length() * right > MAX_INT_BITS:
                raise SecurityError(f"{left} ** {right} is too large a number")
            return operator.pow(left, right)
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                sequence = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                if sequence and len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError(
                        f"repeating {len(seq)} items {times} times is too large "
                        f"(at most {MAX_SEQUENCE})"
                    )
            return operator.mul(left, right)
        result = operator.add(left, right)
        if _too_big(result):
            raise SecurityError(f"'+' made {len(result)} items (at most {MAX_SEQUENCE})")
        return result


_PACED = "_paced"


@pass_environment
def _paced(env: NoteSandbox, items: Any) -> Iterator[Any]:
    """`items` one by one, stopping the template when it has run out of time."""
    for item in items:
        env.check_clock()
        yield item


def _deep_loop(node: nodes.Node, depth: int = 0) -> nodes.For | None:
    """The first `{% for %}` nested deeper than the limit, if any."""
    for child in node.iter_child_nodes():
        inner = depth + 1 if isinstance(child, nodes.For) else depth
        if inner > MAX_LOOP_DEPTH:
            assert isinstance(child, nodes.For)
            return child
        found = _deep_loop(child, inner)
        if found is not None:
            return found
    return None


def check_limits(env: NoteSandbox, source: str, name: str) -> None:
    """Refuse, before it runs, a template whose loops nest deeper than the limit."""
    loop = _deep_loop(env.parse(source, name=name))
    if loop is not None:
        raise TemplateSyntaxError(
            f"blocked by the sandbox: for-loops nest more than {MAX_LOOP_DEPTH} deep",
            loop.lineno,
            name,
        )


def render_blocks(env: NoteSandbox, name: str, variables: dict[str, object]) -> dict[str, str]:
    """Render template `name` and return what each of its blocks printed."""
    template = env.get_template(name)
    context = template.new_context(variables)
    env.deadline = time.monotonic() + _MAX_SECONDS
    try:
        # Running the whole template first lets `{% extends %}` register its parent's blocks.
        _drain(template.root_render_func(context))
        return {
            block: env.concat(_limited(stack[0](context)))
            for block, stack in context.blocks.items()
        }
    except Exception:
        env.handle_exception()  # re-raises with template line numbers in the traceback
        raise  # not reached
    finally:
        env.deadline = float("inf")


_MAX_OUTPUT = 200_000
_MAX_SECONDS = 2.0


def _limited(chunks: Iterator[str]) -> Iterator[str]:
    """The template's output, stopped when it grows too long or takes too long to print."""
    total = 0
    deadline = time.monotonic() + _MAX_SECONDS
    for chunk in chunks:
        total += len(chunk)
        if total > _MAX_OUTPUT:
            raise SecurityError(f"the template printed more than {_MAX_OUTPUT} characters")
        if time.monotonic() > deadline:
            raise SecurityError(f"the template took more than {_MAX_SECONDS:g} seconds")
        yield chunk


def _drain(chunks: Iterator[str]) -> None:
    for _ in _limited(chunks):
        pass
