from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Sequence

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
    lines: List[Dict[str, Any]]
    notes: List[str]
    warnings: List[str]
    confidence: Optional[str]
    shape: Optional[str]
    row: Optional[Dict[str, Any]]
    report: Dict[str, Any]
    def __getitem__(self, key: str) -> Any: ...

def cost(
    model: str,
    *,
    input_tokens: Optional[int] = ...,
    output_tokens: Optional[int] = ...,
    cached_input_tokens: Optional[int] = ...,
    cache_write_tokens: Optional[int] = ...,
    cache_ttl: Optional[str] = ...,
    reasoning_tokens: Optional[int] = ...,
    audio_input_tokens: Optional[int] = ...,
    audio_output_tokens: Optional[int] = ...,
    cached_audio_input_tokens: Optional[int] = ...,
    image_input_tokens: Optional[int] = ...,
    image_output_tokens: Optional[int] = ...,
    video_input_tokens: Optional[int] = ...,
    video_output_tokens: Optional[int] = ...,
    citation_tokens: Optional[int] = ...,
    web_searches: Optional[int] = ...,
    requests: Optional[int] = ...,
    batch: Optional[bool] = ...,
    service_tier: Optional[str] = ...,
    region: Optional[str] = ...,
    at: Optional[str] = ...,
    strict: Optional[bool] = ...,
    provider: Optional[str] = ...,
    as_of: Optional[str] = ...,
) -> CostResult: ...
def compare(
    models: Optional[Sequence[str]] = ...,
    *,
    input_tokens: Optional[int] = ...,
    output_tokens: Optional[int] = ...,
    cached_input_tokens: Optional[int] = ...,
    cache_write_tokens: Optional[int] = ...,
    cache_ttl: Optional[str] = ...,
    reasoning_tokens: Optional[int] = ...,
    audio_input_tokens: Optional[int] = ...,
    audio_output_tokens: Optional[int] = ...,
    cached_audio_input_tokens: Optional[int] = ...,
    image_input_tokens: Optional[int] = ...,
    image_output_tokens: Optional[int] = ...,
    video_input_tokens: Optional[int] = ...,
    video_output_tokens: Optional[int] = ...,
    citation_tokens: Optional[int] = ...,
    web_searches: Optional[int] = ...,
    requests: Optional[int] = ...,
    batch: Optional[bool] = ...,
    service_tier: Optional[str] = ...,
    region: Optional[str] = ...,
    at: Optional[str] = ...,
    strict: Optional[bool] = ...,
    capability: Optional[Sequence[str]] = ...,
    min_context: Optional[int] = ...,
    top: Optional[int] = ...,
) -> Dict[str, Any]: ...
def show(model: str, *, provider: Optional[str] = ...) -> Dict[str, Any]: ...
def search(query: str, *, limit: Optional[int] = ...) -> Dict[str, Any]: ...
def related(model: str, *, provider: Optional[str] = ..., limit: Optional[int] = ...) -> Dict[str, Any]: ...
def snippet(
    model: str, *, lang: Optional[str] = ..., prompt: Optional[str] = ..., provider: Optional[str] = ...
) -> Dict[str, Any]: ...
def price_response(body: Any, provider: Optional[str] = ...) -> CostResult: ...
