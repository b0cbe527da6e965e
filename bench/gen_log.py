#!/usr/bin/env python3
"""Writes a deterministic usage log (JSON Lines) for the tally benchmark.

usage: gen_log.py LINES OUT
Mixes llmcost, OpenAI and Anthropic record shapes over a few bundled models.
"""
import json
import random
import sys

lines, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
models = ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "mistral-small-3-1-24b-instruct", "gemini-2.5-flash"]
with open(out, "w") as f:
    for i in range(lines):
        model = models[i % len(models)]
        day = 1 + i % 28
        ts = f"2026-10-{day:02d}T12:00:00Z"
        shape = i % 3
        inp, outp = rng.randrange(100, 20000), rng.randrange(10, 2000)
        if shape == 0:
            rec = {"model": model, "input_tokens": inp, "output_tokens": outp, "cached_input_tokens": inp // 4, "timestamp": ts}
        elif shape == 1:
            rec = {"model": model, "timestamp": ts, "usage": {"prompt_tokens": inp, "completion_tokens": outp,
                   "prompt_tokens_details": {"cached_tokens": inp // 4}, "completion_tokens_details": {"reasoning_tokens": 0}}}
        else:
            rec = {"model": model, "timestamp": ts, "usage": {"input_tokens": inp, "output_tokens": outp,
                   "cache_read_input_tokens": inp // 4, "cache_creation_input_tokens": 0}}
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
