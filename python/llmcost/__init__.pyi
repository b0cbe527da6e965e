from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence

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
__version__: str

class LlmcostError(Exception): ...

class UnknownModel(LlmcostError, LookupError):
    suggestions: List[str]
    def __init__(self, message: str, suggestions: Sequence[str]) -> None: ...

class CostResult:
    total: Decimal
    model: str
    provider: str
    name: str
    confidence: Optional[str]
    shape: Optional[str]
    def __init__(self, report: Dict[str, Any], diagnostics: List[str], row_json: str = ...) -> None: ...
    @property
    def lines(self) -> List[Dict[str, Any]]: ...
    @property
    def notes(self) -> List[str]: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def row(self) -> Optional[Dict[str, Any]]: ...
    @property
    def report(self) -> Dict[str, Any]: ...
    def __getitem__(self, key: str) -> Any: ...

# <tools>: written from src/tools by `LLMCOST_BLESS=1 cargo test python_stub`
def cost(
    model: str,
    *,
    provider: Optional[str] = ...,
    input_tokens: Optional[int] = ...,
    cached_input_tokens: Optional[int] = ...,
    cached_audio_input_tokens: Optional[int] = ...,
    cache_write_tokens: Optional[int] = ...,
    output_tokens: Optional[int] = ...,
    reasoning_tokens: Optional[int] = ...,
    audio_input_tokens: Optional[int] = ...,
    audio_output_tokens: Optional[int] = ...,
    image_input_tokens: Optional[int] = ...,
    image_output_tokens: Optional[int] = ...,
    video_input_tokens: Optional[int] = ...,
    video_output_tokens: Optional[int] = ...,
    citation_tokens: Optional[int] = ...,
    web_searches: Optional[int] = ...,
    cache_ttl: Optional[Literal['5m', '1h', '12h']] = ...,
    requests: Optional[int] = ...,
    batch: Optional[bool] = ...,
    service_tier: Optional[Literal['standard', 'flex', 'priority', 'ultrafast']] = ...,
    region: Optional[str] = ...,
    at: Optional[str] = ...,
    strict: Optional[bool] = ...,
    as_of: Optional[str] = ...,
) -> CostResult: ...
def compare(
    models: Optional[Sequence[str]] = ...,
    *,
    capability: Optional[Sequence[str]] = ...,
    min_context: Optional[int] = ...,
    top: Optional[int] = ...,
    input_tokens: Optional[int] = ...,
    cached_input_tokens: Optional[int] = ...,
    cached_audio_input_tokens: Optional[int] = ...,
    cache_write_tokens: Optional[int] = ...,
    output_tokens: Optional[int] = ...,
    reasoning_tokens: Optional[int] = ...,
    audio_input_tokens: Optional[int] = ...,
    audio_output_tokens: Optional[int] = ...,
    image_input_tokens: Optional[int] = ...,
    image_output_tokens: Optional[int] = ...,
    video_input_tokens: Optional[int] = ...,
    video_output_tokens: Optional[int] = ...,
    citation_tokens: Optional[int] = ...,
    web_searches: Optional[int] = ...,
    cache_ttl: Optional[Literal['5m', '1h', '12h']] = ...,
    requests: Optional[int] = ...,
    batch: Optional[bool] = ...,
    service_tier: Optional[Literal['standard', 'flex', 'priority', 'ultrafast']] = ...,
    region: Optional[str] = ...,
    at: Optional[str] = ...,
    strict: Optional[bool] = ...,
) -> Dict[str, Any]: ...
def show(
    model: str,
    *,
    provider: Optional[str] = ...,
) -> Dict[str, Any]: ...
def search(
    query: str,
    *,
    limit: Optional[int] = ...,
) -> Dict[str, Any]: ...
def related(
    model: str,
    *,
    provider: Optional[str] = ...,
    limit: Optional[int] = ...,
) -> Dict[str, Any]: ...
def snippet(
    model: str,
    *,
    provider: Optional[str] = ...,
    lang: Optional[Literal['curl', 'python', 'js']] = ...,
    prompt: Optional[str] = ...,
) -> Dict[str, Any]: ...
# </tools>
def price_response(body: Any, provider: Optional[str] = ...) -> CostResult: ...
