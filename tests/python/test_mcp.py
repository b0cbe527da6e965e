"""`llmcost mcp` driven by the official MCP Python SDK's client, as an
agent would: list the tools, call each, and survive bad arguments."""

import asyncio
from decimal import Decimal

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

SEED = "mistral-small-3-1-24b-instruct"


async def session_calls():
    params = StdioServerParameters(command="llmcost", args=["mcp"])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            listed = await session.list_tools()
            calls = {
                "cost": await session.call_tool(
                    "cost", {"model": SEED, "input_tokens": 1_000_000, "output_tokens": 1_000_000}
                ),
                "compare": await session.call_tool(
                    "compare", {"models": ["gpt-4o-mini", SEED], "input_tokens": 1_000_000, "output_tokens": 1_000_000}
                ),
                "show": await session.call_tool("show", {"model": SEED}),
                "search": await session.call_tool("search", {"query": "haiku", "limit": 2}),
                "related": await session.call_tool("related", {"model": SEED, "limit": 3}),
                "snippet": await session.call_tool("snippet", {"model": SEED, "lang": "js"}),
                "bad": await session.call_tool("cost", {"model": SEED, "input_tokens": "lots"}),
                "unknown": await session.call_tool("show", {"model": "no-such-model-xyz"}),
            }
            # Still serving after the errors.
            calls["after"] = await session.call_tool("cost", {"model": "gpt-4o-mini", "output_tokens": 1000})
            return listed, calls


def test_an_agent_calls_every_tool():
    listed, calls = asyncio.run(session_calls())
    assert [t.name for t in listed.tools] == ["cost", "compare", "show", "search", "related", "snippet"]
    for name in ("cost", "compare", "show", "search", "related", "snippet", "after"):
        assert not calls[name].isError, (name, calls[name].content)
        assert calls[name].structuredContent, name
    # 1M × $0.35 + 1M × $0.56 = $0.91
    assert Decimal(str(calls["cost"].structuredContent["total"])) == Decimal("0.91")
    assert "$0.91" in calls["cost"].content[0].text
    assert calls["compare"].structuredContent["rows"][0]["model"] == "gpt-4o-mini"
    assert calls["show"].structuredContent["context_window"] == 128000
    assert "import OpenAI" in calls["snippet"].structuredContent["code"]
    # 1,000 × $0.60 / 1M = $0.0006
    assert Decimal(str(calls["after"].structuredContent["total"])) == Decimal("0.0006")
    assert calls["bad"].isError
    assert "must be a whole number, not a string" in calls["bad"].content[0].text
    assert calls["unknown"].isError
    assert "unknown model 'no-such-model-xyz'" in calls["unknown"].content[0].text
