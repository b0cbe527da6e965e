"""Exact LLM API prices from llmcost's catalog, in Python.

Every function runs the same code as the ``llmcost`` command, with the same
rules and the same one-line messages, on a catalog loaded once per process.
Money is always a :class:`decimal.Decimal`, never a float::

    >>> import llmcost
    >>> llmcost.cost("mistral-small-3-1-24b-instruct",
    ...              input_tokens=1_000_000, output_tokens=1_000_000).total
    Decimal('0.91')
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence

from . import _llmcost

__all__ = [
    "CostResult",
    "LlmcostError",
    "UnknownModel",
    "compare",
    "cost",
    "price_response",
    "related",
    "search",
    "show",
    "snippet",
]

__version__: str = _llmcost.__version__


class LlmcostError(Exception):
    """A command failed; the message is the command's own error line."""


class UnknownModel(LlmcostError, LookupError):
    """The catalog has no such model; ``suggestions`` are the closest ids."""

    def __init__(self, message: str, suggestions: Sequence[str]) -> None:
        super().__init__(message)
        self.suggestions: List[str] = list(suggestions)


# Keys whose integer values are money: JSON writes $5 as 5, which Python
# would read as an int. Non-integer amounts already parse as Decimal.
_MONEY_KEYS = frozenset(
    {
        "total", "amount", "usd", "cost", "spent", "left_over", "budget",
        "reference_total", "cost_per_request", "rate_per_million",
        "input", "output", "cached_input", "cache_write", "cache_write_1h",
        "reasoning", "audio_input", "audio_output",
    }
)


def _is_money(key: str) -> bool:
    return key in _MONEY_KEYS or key.endswith("_per_million") or key.endswith("_total")


def _money(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _money(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_money(v, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and _is_money(key):
        return Decimal(value)
    return value


def _loads(text: str) -> Any:
    return _money(json.loads(text, parse_float=Decimal))


def _call(tool: str, arguments: Mapping[str, Any]) -> "tuple[Any, List[str]]":
    given = {k: v for k, v in arguments.items() if v is not None}
    try:
        payload = json.dumps(given, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{tool}() arguments must be strings, integers, booleans or lists: {err}") from None
    status, text, extra = _llmcost.call(tool, payload)
    if status == "ok":
        return _loads(text), list(extra)
    if status == "type":
        raise TypeError(text)
    if status == "value":
        raise ValueError(text)
    if status == "unknown_model":
        raise UnknownModel(text, extra)
    raise LlmcostError(text)


class CostResult:
    """What a workload costs on one model.

    ``total`` is exact; ``lines`` itemizes it (each line's ``amount`` and
    ``rate_per_million`` are Decimals); ``notes`` and ``warnings`` say which
    rules and fallbacks applied; ``report`` is the command's whole JSON report.
    """

    __slots__ = (
        "total", "model", "provider", "name", "_lines", "_notes", "_warnings", "confidence",
        "shape", "_row", "_row_json", "_priced_again", "_report",
    )

    def __init__(self, report: Dict[str, Any], diagnostics: List[str], row_json: str = "") -> None:
        self._report: Optional[Dict[str, Any]] = report
        self.total: Decimal = Decimal(report["total"])
        self.model: str = report["model"]
        self.provider: str = report["provider"]
        self.name: str = report.get("name") or report["model"]
        self._lines: Optional[List[Dict[str, Any]]] = report.get("lines") or []
        self.confidence: Optional[str] = report.get("confidence")
        # Set by price_response: the log shape read and llmcost's flat row
        # (its JSON parsed when first read: most callers want the total).
        self.shape: Optional[str] = report.get("shape")
        self._row: Optional[Dict[str, Any]] = report.get("row")
        self._row_json = row_json
        self._priced_again: Any = None
        self._notes: Optional[List[str]] = list(report.get("notes") or []) + [
            d[len("note: "):] for d in diagnostics if d.startswith("note: ")
        ]
        self._warnings: Optional[List[str]] = list(report.get("warnings") or []) + [
            d[len("warning: "):] for d in diagnostics if d.startswith("warning: ")
        ]

    @classmethod
    def _of_response(
        cls, total: Decimal, model: str, provider: str, shape: str, priced_again: Any
    ) -> "CostResult":
        # price_response's result, built without __init__'s lookups: its
        # report has these four keys and no notes, lines or confidence. Its
        # row is priced again when first read (`priced_again` is the body's
        # JSON text, as priced, and the provider): most callers want the
        # total only.
        self = object.__new__(cls)
        self._report = None
        self.total = total
        self.model = self.name = model
        self.provider = provider
        self.shape = shape
        # No lines, notes or warnings: their lists are made when first read.
        self._lines = self._notes = self._warnings = None
        self.confidence = None
        self._row = None
        self._row_json = ""
        self._priced_again = priced_again
        return self

    @property
    def lines(self) -> List[Dict[str, Any]]:
        """The bill's lines (``price_response``: none)."""
        if self._lines is None:
            self._lines = []
        return self._lines

    @property
    def notes(self) -> List[str]:
        """How a rule or a lookup shaped the answer."""
        if self._notes is None:
            self._notes = []
        return self._notes

    @property
    def warnings(self) -> List[str]:
        """What was worked around."""
        if self._warnings is None:
            self._warnings = []
        return self._warnings

    @property
    def report(self) -> Dict[str, Any]:
        """The command's whole JSON report (for ``price_response``, its
        total, model, provider and shape)."""
        if self._report is None:
            self._report = {
                "total": self.total, "model": self.model, "provider": self.provider, "shape": self.shape,
            }
        return self._report

    @property
    def row(self) -> Optional[Dict[str, Any]]:
        """llmcost's flat row of the priced response (``price_response``)."""
        if self._row is None and self._priced_again is not None:
            body, provider = self._priced_again
            self._row_json = _llmcost.price_response(body, provider, True)[5]
        if self._row is None and self._row_json:
            self._row = _loads(self._row_json)
        return self._row

    def __getitem__(self, key: str) -> Any:
        # price_response() returned a dict before it returned a CostResult;
        # its keys still read (``usd`` is ``total``).
        if key == "usd":
            return self.total
        if key in ("model", "provider", "shape", "row"):
            return getattr(self, key)
        raise KeyError(key)

    def __repr__(self) -> str:
        return f"CostResult(model={self.provider}/{self.model}, total=Decimal('{self.total}'))"


def _with_tool_keywords(tool: str, returns: str, doc: str, body: Any) -> Any:
    # The function `tool(first, *, ...)` with the tool's arguments, read
    # from the native table (the quantity table's counts among them), so a
    # new count needs no Python. It hands `body` its arguments as a dict.
    parts = []
    for index, (key, kind, required) in enumerate(_llmcost.tool_params(tool)):
        parts.append(f"{key}: {kind}" if required else f"{key}: Optional[{kind}] = None")
        if index == 0:
            parts.append("*")
    source = f"def {tool}({', '.join(parts)}) -> {returns}:\n    return _body(dict(locals()))\n"
    namespace: Dict[str, Any] = {
        "_body": body, "Any": Any, "CostResult": CostResult, "Dict": Dict,
        "Literal": Literal, "Optional": Optional, "Sequence": Sequence,
    }
    exec(source, namespace)  # noqa: S102 - the source is built from the native table only
    function = namespace[tool]
    function.__doc__ = doc
    function.__module__ = __name__
    return function


def _cost(arguments: Dict[str, Any]) -> CostResult:
    report, diagnostics = _call("cost", arguments)
    return CostResult(report, diagnostics)


def _compare(arguments: Dict[str, Any]) -> Dict[str, Any]:
    if isinstance(arguments["models"], str):
        raise TypeError("compare() argument 'models' must be a list of strings, not a string")
    for key in ("models", "capability"):
        if arguments[key] is not None:
            arguments[key] = list(arguments[key])
    return _call("compare", arguments)[0]


cost = _with_tool_keywords(
    "cost",
    "CostResult",
    """Prices one request's tokens (times ``requests``) on ``model``, exactly
    as ``llmcost cost`` does. At least one of ``input_tokens`` and
    ``output_tokens`` is needed.""",
    _cost,
)

compare = _with_tool_keywords(
    "compare",
    "Dict[str, Any]",
    """Prices one workload on several models (all current ones when
    ``models`` is None), cheapest first: the ``llmcost compare`` report.""",
    _compare,
)


def show(model: str, *, provider: Optional[str] = None) -> Dict[str, Any]:
    """A model's card: context, capabilities, every price and the sources
    that check it (the ``llmcost show`` report)."""
    return _call("show", {"model": model, "provider": provider})[0]


def search(query: str, *, limit: Optional[int] = None) -> Dict[str, Any]:
    """Models whose name, id or provider match ``query``."""
    return _call("search", {"query": query, "limit": limit})[0]


def related(model: str, *, provider: Optional[str] = None, limit: Optional[int] = None) -> Dict[str, Any]:
    """Alternatives to ``model``: the same model elsewhere, then similar ones."""
    return _call("related", {"model": model, "provider": provider, "limit": limit})[0]


def snippet(
    model: str,
    *,
    lang: Optional[str] = None,
    prompt: Optional[str] = None,
    provider: Optional[str] = None,
) -> Dict[str, Any]:
    """A quickstart program that calls ``model`` (``lang``: curl, python, js)."""
    return _call("snippet", {"model": model, "lang": lang, "prompt": prompt, "provider": provider})[0]


def price_response(body: Any, provider: Optional[str] = None) -> "CostResult":
    """Prices one raw API response: a dict, or an SDK object with
    ``model_dump()`` or ``to_dict()`` (OpenAI, Anthropic, Gemini, Bedrock,
    ...), read with the same shape detection as ``llmcost tally``. Returns
    the same ``CostResult`` as ``cost()``: ``.total`` (a Decimal), ``.model``,
    ``.provider``, ``.notes``, ``.warnings``, and ``.shape`` and ``.row``
    (llmcost's flat row); ``result["usd"]`` still reads ``.total``.
    ``provider`` names the API when the body does not."""
    if type(body) is not dict:
        if hasattr(body, "model_dump"):
            body = body.model_dump(mode="json")
        elif hasattr(body, "to_dict"):
            body = body.to_dict()
        if not isinstance(body, Mapping):
            raise TypeError(f"price_response() takes a response dict or SDK object, not {type(body).__name__}")
        body = dict(body)
    if provider is not None and not isinstance(provider, str):
        raise TypeError(f"price_response() argument 'provider' must be a string, not {type(provider).__name__}")
    # The dict goes to Rust as it is: writing it as JSON text there is
    # several times faster than json.dumps.
    try:
        status, total, model, provider_id, shape, text = _llmcost.price_response(body, provider, False)
    except ValueError as err:
        raise TypeError(f"price_response() body is not JSON data: {err}") from None
    if status == "priced":
        return CostResult._of_response(Decimal(total), model, provider_id, shape, (text, provider))
    # Otherwise the second item is the message.
    if status == "unknown_model":
        raise UnknownModel(f"unknown model '{total}'", [])
    if status == "malformed":
        raise ValueError(f"the response {total}")
    if status == "skipped":
        raise ValueError("the response has no token usage to price")
    raise LlmcostError(total)
