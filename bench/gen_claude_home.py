#!/usr/bin/env python3
"""Writes a Claude Code home for benchmarks: HOME/.claude/projects/<project>/<session>.jsonl.

Each billed message is written once per content block (three lines that share
its message id and request id, as Claude Code writes them), with user lines
between, in sessions of 100 messages spread over 20 projects and 30 days.
Lines carry text of a realistic size, so the bytes per line match real logs.
Usage: gen_claude_home.py MESSAGES HOME [--recent] (--recent: the last day's
sessions are dated today, for the status line).
"""

import datetime
import json
import os
import random
import sys

messages, home = int(sys.argv[1]), sys.argv[2]
recent = "--recent" in sys.argv
rng = random.Random(20261206)
models = ["claude-sonnet-4-6", "claude-haiku-4-5", "claude-opus-4-5"]
filler = "lorem ipsum dolor sit amet, consectetur adipiscing elit " * 12
today = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

per_session = 100
sessions = (messages + per_session - 1) // per_session
written = 0
for s in range(sessions):
    project = f"-home-dev-project-{s % 20}"
    session = f"{s:08x}-5f1c-4a2b-9c3d-{s:012x}"
    folder = os.path.join(home, ".claude", "projects", project)
    os.makedirs(folder, exist_ok=True)
    if recent and s >= sessions - 10:
        start = today - datetime.timedelta(hours=3)
    else:
        start = datetime.datetime(2026, 10, 1 + s % 30, 9, tzinfo=datetime.timezone.utc)
    path = os.path.join(folder, f"{session}.jsonl")
    with open(path, "w") as f:
        for m in range(min(per_session, messages - written)):
            at = (start + datetime.timedelta(seconds=20 * m)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            base = {"parentUuid": f"p-{s}-{m}", "isSidechain": False, "userType": "external",
                    "cwd": f"/home/dev/project-{s % 20}", "sessionId": session, "version": "2.0.31",
                    "gitBranch": "main", "timestamp": at}
            user = dict(base, type="user", uuid=f"u-{s}-{m}",
                        message={"role": "user", "content": [{"type": "text", "text": filler[: rng.randrange(80, 400)]}]})
            f.write(json.dumps(user, separators=(",", ":")) + "\n")
            usage = {"input_tokens": rng.randrange(1, 40), "cache_creation_input_tokens": rng.randrange(0, 4000),
                     "cache_read_input_tokens": rng.randrange(10000, 90000), "output_tokens": rng.randrange(5, 1500),
                     "service_tier": "standard"}
            model = models[(s + m) % len(models)]
            for block, kind in enumerate(["thinking", "text", "tool_use"]):
                content = {"type": kind}
                if kind == "tool_use":
                    content.update(id=f"toolu_{s}_{m}", name="Edit", input={"file_path": "/src/main.rs", "old_string": filler[:120], "new_string": filler[:140]})
                else:
                    content[kind] = filler[: rng.randrange(100, 500)]
                line = dict(base, type="assistant", uuid=f"a-{s}-{m}-{block}", requestId=f"req_{s}_{m}",
                            message={"id": f"msg_{s}_{m}", "type": "message", "role": "assistant", "model": model,
                                     "content": [content], "stop_reason": "tool_use" if block == 2 else None,
                                     "stop_sequence": None, "usage": usage})
                f.write(json.dumps(line, separators=(",", ":")) + "\n")
            written += 1
    # Dated as Claude Code leaves it: last written at the session's end.
    end = (start + datetime.timedelta(seconds=20 * per_session)).timestamp()
    os.utime(path, (end, end))
print(f"gen_claude_home: {written} messages in {sessions} sessions under {home}", file=sys.stderr)
