"""The Python package, installed from the wheel into a fresh venv by
.ci/run: exact Decimal results equal to the command's JSON, raw SDK
responses priced, and the command's errors as Python exceptions."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest

import llmcost

SEED = "mistral-small-3-1-24b-instruct"


def command_json(*args):
    """The installed `llmcost` command's JSON report, numbers as Decimal."""
    out = subprocess.run(
        ["llmcost", *args, "--json"], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out, parse_float=Decimal)


def no_floats(value, path="report"):
    if isinstance(value, float):
        raise AssertionError(f"{path} is a float: {value!r}")
    if isinstance(value, dict):
        for key, item in value.items():
            no_floats(item, f"{path}.{key}")
    if isinstance(value, list):
        for i, item in enumerate(value):
            no_floats(item, f"{path}[{i}]")


def test_the_readme_one_liner_prints_0_91():
    code = (
        "import llmcost; print(llmcost.cost('mistral-small-3-1-24b-instruct', "
        "input_tokens=1_000_000, output_tokens=1_000_000).total)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout == "0.91\n"


@pytest.mark.parametrize(
    "model, arguments, flags",
    [
        # 1M × $0.35 + 1M × $0.56 = $0.91
        (SEED, {"input_tokens": 1_000_000, "output_tokens": 1_000_000}, ["--in", "1M", "--out", "1M"]),
        # 1,000 × (1,500 × $0.15 + 500 × $0.075 + 500 × $0.60) / 1M = $0.5625
        ("gpt-4o-mini", {"input_tokens": 2000, "cached_input_tokens": 500, "output_tokens": 500, "requests": 1000},
         ["--in", "2000", "--cached-in", "500", "--out", "500", "--requests", "1000"]),
        # Above 200k input tokens the whole request is at Gemini 2.5 Pro's higher rates.
        ("gemini-2.5-pro", {"input_tokens": 200_001, "output_tokens": 1000}, ["--in", "200001", "--out", "1000"]),
        # A Bedrock in-region profile carries its region's multiplier.
        ("us.anthropic.claude-haiku-4-5-20251001-v1:0", {"input_tokens": 1_000_000, "output_tokens": 1_000_000},
         ["--in", "1M", "--out", "1M"]),
        ("claude-haiku-4-5", {"input_tokens": 100_000, "cached_input_tokens": 60_000, "cache_write_tokens": 20_000,
                              "output_tokens": 2000, "requests": 1000, "batch": True},
         ["--in", "100k", "--cached-in", "60k", "--cache-write", "20k", "--out", "2k", "--requests", "1k", "--batch"]),
    ],
)
def test_cost_is_the_commands_total_exactly(model, arguments, flags):
    result = llmcost.cost(model, **arguments)
    expected = command_json("cost", model, *flags)
    assert isinstance(result.total, Decimal)
    assert result.total == Decimal(str(expected["total"]))
    assert [line["amount"] for line in result.lines] == [
        Decimal(str(line["amount"])) for line in expected["lines"]
    ]
    no_floats(result.report)


def test_known_totals():
    assert llmcost.cost(SEED, input_tokens=1_000_000, output_tokens=1_000_000).total == Decimal("0.91")
    # 2,000 × ... see above: 1,000 × $0.0005625 = $0.5625
    assert llmcost.cost(
        "gpt-4o-mini", input_tokens=2000, cached_input_tokens=500, output_tokens=500, requests=1000
    ).total == Decimal("0.5625")
    # us. profile: $6.00 × 1.1 = $6.60
    assert llmcost.cost(
        "us.anthropic.claude-haiku-4-5-20251001-v1:0", input_tokens=1_000_000, output_tokens=1_000_000
    ).total == Decimal("6.6")


def test_price_response_reads_real_sdk_objects():
    from anthropic.types import Message
    from openai.types.chat import ChatCompletion

    chat = ChatCompletion.model_validate(
        {
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1764000000, "model": "gpt-4o-mini-2024-07-18",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "Hi"}}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 500, "total_tokens": 1500,
                      "prompt_tokens_details": {"cached_tokens": 200}},
        }
    )
    priced = llmcost.price_response(chat)
    # 800 × $0.15 + 200 × $0.075 + 500 × $0.60 = 120 + 15 + 300 µ$ = $0.000435
    assert priced["usd"] == Decimal("0.000435")
    assert priced["model"] == "gpt-4o-mini-2024-07-18"
    # The same result type as cost(): .total is a Decimal.
    assert isinstance(priced, llmcost.CostResult)
    assert priced.total == Decimal("0.000435") and isinstance(priced.total, Decimal)
    assert priced.shape == "openai-chat-completions"
    # Its flat row, read when asked: the counts and the cost as tally writes them.
    assert priced.row["input_tokens"] == 1000 and priced.row["cached_input_tokens"] == 200
    assert priced.row["cost"] == Decimal("0.000435")
    message = Message.model_validate(
        {
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
            "content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": 100, "output_tokens": 50, "cache_read_input_tokens": 1000,
                      "cache_creation_input_tokens": 200},
        }
    )
    # 100 × $1 + 1,000 × $0.10 + 200 × $1.25 + 50 × $5 = 100 + 100 + 250 + 250 µ$ = $0.0007
    assert llmcost.price_response(message)["usd"] == Decimal("0.0007")
    # A Gemini response as its SDK's to_dict() gives it:
    # 1,000 × $1.25 + 100 × $10 = 1,250 + 1,000 µ$ = $0.00225
    gemini = {"modelVersion": "gemini-2.5-pro",
              "usageMetadata": {"promptTokenCount": 1000, "candidatesTokenCount": 100, "totalTokenCount": 1100}}
    assert llmcost.price_response(gemini)["usd"] == Decimal("0.00225")
    # A bare model id priced at the provider the caller names.
    bare = {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1_000_000, "completion_tokens": 0}}
    assert llmcost.price_response(bare, provider="openai")["usd"] == Decimal("0.15")
    # The dict is written as JSON in Rust: tuples are lists, other values
    # their str() (as json.dumps(default=str)), escapes kept; the same body
    # as JSON text prices the same. 1M × $0.15 = $0.15.
    import datetime
    odd = {"model": "gpt-4o-mini", "created": datetime.date(2026, 1, 2), "tags": ("a", "\"q\"\n"),
           "usage": {"prompt_tokens": 1_000_000, "completion_tokens": 0, "ratio": 0.5, "ok": True, "none": None}}
    assert llmcost.price_response(odd, provider="openai").total == Decimal("0.15")
    import json as json_module
    text = json_module.dumps(odd, default=str)
    assert llmcost.price_response(json_module.loads(text), provider="openai").total == Decimal("0.15")
    # A float JSON cannot hold is refused, as json.dumps(allow_nan=False) would.
    with pytest.raises(TypeError, match="not JSON data"):
        llmcost.price_response({"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1, "x": float("nan")}})


def test_errors_are_python_exceptions_with_the_commands_words():
    with pytest.raises(llmcost.UnknownModel) as unknown:
        llmcost.cost("gtp-4o-mini", input_tokens=1)
    assert "gpt-4o-mini" in unknown.value.suggestions
    assert str(unknown.value).startswith("unknown model 'gtp-4o-mini'")
    with pytest.raises(TypeError, match="must be a whole number, not a number with a fraction"):
        llmcost.cost(SEED, input_tokens=1.5)
    with pytest.raises(TypeError, match="must be a whole number, not a boolean"):
        llmcost.cost(SEED, input_tokens=True)
    with pytest.raises(TypeError, match="must be a whole number, not a string"):
        llmcost.cost(SEED, input_tokens="1M")
    with pytest.raises(TypeError):
        llmcost.cost(SEED, input_tokens=Decimal("1"))
    with pytest.raises(ValueError, match="'-5' is negative; a count must be 0 or more"):
        llmcost.cost(SEED, input_tokens=-5)
    with pytest.raises(ValueError, match="are parts of --in"):
        llmcost.cost(SEED, input_tokens=10, cached_input_tokens=20)
    with pytest.raises(TypeError):
        llmcost.compare("gpt-4o-mini", input_tokens=1)
    with pytest.raises(ValueError, match="no token usage|not a usage record"):
        llmcost.price_response({"hello": "world"})
    with pytest.raises(TypeError):
        llmcost.price_response("not a dict")


def test_the_other_tools_return_dicts_with_decimal_money():
    card = llmcost.show(SEED)
    assert card["prices_per_million"]["input"] == Decimal("0.35")
    assert card["context_window"] == 128000
    found = llmcost.search("mistral small", limit=3)
    assert found["results"][0]["model"].startswith("mistral-small")
    rows = llmcost.compare(["gpt-4o-mini", SEED], input_tokens=1_000_000, output_tokens=1_000_000)["rows"]
    assert [(r["model"], r["total"]) for r in rows] == [("gpt-4o-mini", Decimal("0.75")), (SEED, Decimal("0.91"))]
    assert llmcost.related(SEED, limit=2)["related"][0]["model"]
    assert "from openai import OpenAI" in llmcost.snippet(SEED, lang="python")["code"]
    for report in (card, found, rows):
        no_floats(report)


def test_the_python_doors_price_as_the_command_does():
    """One bill whatever the door: seeded workloads over models of every
    kind, priced by llmcost.cost(), by price_response() of the same usage
    as a Chat Completions body, and by the command; to the last digit."""
    import random

    rng = random.Random(20261205)
    models = [
        "openai/gpt-4o-mini", "openai/gpt-5.4", "anthropic/claude-sonnet-4-5",
        "google/gemini-2.5-pro", "deepseek/deepseek-r1", "alibaba/qwen-plus-latest",
        "bedrock/openai.gpt-5.6-sol", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "deepinfra/anthropic/claude-sonnet-4-6", "anthropic/claude-3-opus-latest", SEED,
    ]
    for _ in range(40):
        model = rng.choice(models)
        input_tokens = rng.choice([1, 999, 200_000, 200_001, 272_001, 300_000, rng.randrange(1, 50_000)])
        cached = rng.randrange(0, input_tokens // 2 + 1) if rng.random() < 0.5 else 0
        output_tokens = rng.randrange(0, 20_000)
        requests = rng.choice([1, 1, 3, 1000])
        flags = ["cost", model, "--in", str(input_tokens), "--out", str(output_tokens),
                 "--cached-in", str(cached), "--requests", str(requests)]
        want = command_json(*flags)["total"]
        got = llmcost.cost(model, input_tokens=input_tokens, output_tokens=output_tokens,
                           cached_input_tokens=cached, requests=requests).total
        assert got == want, (flags, got, want)
        if requests == 1:
            provider, _, model_id = model.partition("/") if "/" in model else ("", "", model)
            body = {"model": model_id if provider else model,
                    "usage": {"prompt_tokens": input_tokens, "completion_tokens": output_tokens,
                              "prompt_tokens_details": {"cached_tokens": cached}}}
            priced = llmcost.price_response(body, provider=provider or None)
            assert priced.total == want, (flags, priced.total, want)


def test_the_keywords_are_the_tools_arguments():
    """Python's keywords and the MCP tools' arguments come from one table
    (the quantity table, src/usage.rs, and the tools' own): the same names,
    none missing on either side."""
    import inspect

    messages = "\n".join(
        json.dumps(m)
        for m in [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                        "clientInfo": {"name": "test", "version": "1"}}},
            {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        ]
    ) + "\n"
    out = subprocess.run(["llmcost", "mcp"], input=messages, check=True,
                         capture_output=True, text=True).stdout
    tools = {t["name"]: t for t in json.loads(out.splitlines()[1])["result"]["tools"]}
    for name in ("cost", "compare"):
        schema = set(tools[name]["inputSchema"]["properties"])
        keywords = set(inspect.signature(getattr(llmcost, name)).parameters)
        assert schema == keywords, (name, schema ^ keywords)
