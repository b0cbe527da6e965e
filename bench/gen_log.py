#!/usr/bin/env python3
"""Writes a deterministic usage log (JSON Lines) for the tally benchmark.

usage: gen_log.py LINES OUT [--three]
Mixes eight record shapes: llmcost's flat rows, OpenAI Chat Completions
and Anthropic Messages usage (as earlier benchmarks did), then Gemini
generateContent, Bedrock Converse, the OpenAI Responses API, Claude Code
session lines and OpenAI Batch output lines, each with the fields its API
writes besides the usage (ids, object types, short content). --three writes
the first three only, the mix of earlier benchmarks.
"""
import json
import random
import sys

lines, out = int(sys.argv[1]), sys.argv[2]
shapes = 3 if "--three" in sys.argv[3:] else 8
rng = random.Random(42)
models = ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "mistral-small-3-1-24b-instruct", "gemini-2.5-flash"]


def record(i, shape, model, ts, inp, outp):
    cached = inp // 4
    if shape == 0:
        return {"model": model, "input_tokens": inp, "output_tokens": outp, "cached_input_tokens": cached, "timestamp": ts}
    if shape == 1:
        return {"model": model, "timestamp": ts, "usage": {"prompt_tokens": inp, "completion_tokens": outp,
                "prompt_tokens_details": {"cached_tokens": cached}, "completion_tokens_details": {"reasoning_tokens": 0}}}
    if shape == 2:
        return {"model": model, "timestamp": ts, "usage": {"input_tokens": inp, "output_tokens": outp,
                "cache_read_input_tokens": cached, "cache_creation_input_tokens": 0}}
    if shape == 3:
        return {"candidates": [{"content": {"parts": [{"text": "Hi"}], "role": "model"}, "finishReason": "STOP"}],
                "usageMetadata": {"promptTokenCount": inp, "cachedContentTokenCount": cached, "candidatesTokenCount": outp,
                                  "totalTokenCount": inp + outp},
                "modelVersion": "gemini-2.5-flash", "responseId": f"r-{i}"}
    if shape == 4:
        return {"modelId": "anthropic.claude-haiku-4-5-20251001-v1:0",
                "output": {"message": {"role": "assistant", "content": [{"text": "Hi"}]}}, "stopReason": "end_turn",
                "usage": {"inputTokens": inp, "outputTokens": outp, "cacheReadInputTokens": cached, "cacheWriteInputTokens": 0,
                          "totalTokens": inp + outp + cached}}
    if shape == 5:
        return {"id": f"resp_{i}", "object": "response", "created_at": 1790000000 + i, "status": "completed", "model": "gpt-4o",
                "output": [], "usage": {"input_tokens": inp, "input_tokens_details": {"cached_tokens": cached},
                                        "output_tokens": outp, "output_tokens_details": {"reasoning_tokens": 0},
                                        "total_tokens": inp + outp}}
    if shape == 6:
        return {"parentUuid": None, "isSidechain": False, "type": "assistant", "sessionId": f"s-{i % 50}", "cwd": "/work/app",
                "message": {"id": f"msg_cc_{i}", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
                            "content": [], "stop_reason": "end_turn",
                            "usage": {"input_tokens": inp, "cache_read_input_tokens": cached, "output_tokens": outp}},
                "requestId": f"req_{i}", "timestamp": ts, "uuid": f"u-{i}"}
    return {"id": f"batch_req_{i}", "custom_id": f"request-{i}",
            "response": {"status_code": 200, "request_id": f"req_{i}",
                         "body": {"id": f"chatcmpl-b{i}", "object": "chat.completion", "created": 1790000000 + i,
                                  "model": "gpt-4o-mini", "choices": [],
                                  "usage": {"prompt_tokens": inp, "completion_tokens": outp, "total_tokens": inp + outp}}},
            "error": None}


with open(out, "w") as f:
    for i in range(lines):
        model = models[i % len(models)]
        day = 1 + i % 28
        ts = f"2026-10-{day:02d}T12:00:00Z"
        inp, outp = rng.randrange(100, 20000), rng.randrange(10, 2000)
        f.write(json.dumps(record(i, i % shapes, model, ts, inp, outp), separators=(",", ":")) + "\n")
