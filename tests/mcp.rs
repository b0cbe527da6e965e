//! `llmcost mcp`: JSON-RPC over stdio, driven line by line as an agent's
//! client would. (The official MCP Python SDK's client is tested in
//! tests/python/, run by `.ci/run`.)

use crate::common;

use common::llmcost_fixture;
use serde_json::{Value, json};

/// Sends `messages`, one per line, and returns the server's answers.
fn exchange(messages: &[String]) -> Vec<Value> {
    let input = messages.join("\n") + "\n";
    let output = llmcost_fixture()
        .arg("mcp")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn call(id: u64, tool: &str, arguments: &Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
           "params": {"name": tool, "arguments": arguments}})
    .to_string()
}

#[test]
fn an_agent_lists_the_tools_and_prices_a_workload() {
    let answers = exchange(&[
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                          "clientInfo": {"name": "test", "version": "1"}}})
        .to_string(),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}).to_string(),
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}).to_string(),
        call(
            3,
            "cost",
            &json!({"model": "mistral-small-3-1-24b-instruct",
                                "input_tokens": 1_000_000, "output_tokens": 1_000_000}),
        ),
        call(
            4,
            "compare",
            &json!({"models": ["gpt-4o-mini", "mistral-small-3.1"],
                                   "input_tokens": 1_000_000, "output_tokens": 1_000_000}),
        ),
        call(
            5,
            "snippet",
            &json!({"model": "gpt-4o-mini", "lang": "python"}),
        ),
    ]);
    // The notification gets no answer: five answers for six messages.
    assert_eq!(answers.len(), 5);
    assert_eq!(answers[0]["result"]["protocolVersion"], "2025-06-18");
    let names: Vec<&str> = answers[1]["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["cost", "compare", "show", "search", "related", "snippet"]
    );
    assert_eq!(
        answers[1]["result"]["tools"][0]["inputSchema"]["properties"]["input_tokens"]["type"],
        "integer"
    );
    // 1M × $0.35 + 1M × $0.56 = $0.91, as the command's own JSON report.
    let cost = &answers[2]["result"];
    assert_eq!(cost["isError"], false);
    assert_eq!(cost["structuredContent"]["total"].to_string(), "0.91");
    assert!(
        cost["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("$0.91")
    );
    // gpt-4o-mini: 1M × $0.15 + 1M × $0.60 = $0.75, cheaper than $0.91.
    let rows = &answers[3]["result"]["structuredContent"]["rows"];
    assert_eq!(rows[0]["model"], "gpt-4o-mini");
    assert_eq!(rows[0]["total"].to_string(), "0.75");
    assert_eq!(rows[1]["total"].to_string(), "0.91");
    let code = answers[4]["result"]["structuredContent"]["code"]
        .as_str()
        .unwrap();
    assert!(code.contains("from openai import OpenAI"), "{code}");
}

#[test]
fn bad_calls_are_errors_and_the_server_keeps_serving() {
    let answers = exchange(&[
        "{not json".to_string(),
        call(
            1,
            "cost",
            &json!({"model": "gpt-4o-mini", "input_tokens": 1.5}),
        ),
        call(
            2,
            "cost",
            &json!({"model": "gpt-4o-mini", "input_tokens": -5}),
        ),
        call(
            3,
            "cost",
            &json!({"model": "gtp-4o-mini", "input_tokens": 5}),
        ),
        call(4, "cost", &json!({"input_tokens": 5})),
        call(5, "cost", &json!({"model": "gpt-4o-mini", "tokens": 5})),
        call(6, "nope", &json!({})),
        json!({"jsonrpc": "2.0", "id": 7, "method": "resources/list"}).to_string(),
        json!([1, 2]).to_string(),
        call(8, "show", &json!({"model": "gpt-4o-mini"})),
    ]);
    assert_eq!(answers.len(), 10);
    assert_eq!(answers[0]["error"]["code"], -32700);
    let tool_error = |i: usize| {
        assert_eq!(answers[i]["result"]["isError"], true, "{}", answers[i]);
        answers[i]["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        tool_error(1),
        "cost() argument 'input_tokens' must be a whole number, not a number with a fraction"
    );
    assert!(tool_error(2).contains("'-5' is negative"));
    assert!(tool_error(3).starts_with("unknown model 'gtp-4o-mini'"));
    assert!(tool_error(3).contains("Closest ids: gpt-4o-mini"));
    assert_eq!(tool_error(4), "cost() is missing its argument 'model'");
    assert_eq!(tool_error(5), "cost() got an unexpected argument 'tokens'");
    assert_eq!(answers[6]["error"]["code"], -32602);
    assert_eq!(answers[7]["error"]["code"], -32601);
    assert_eq!(answers[8]["error"]["code"], -32600);
    // Still serving after all that.
    assert_eq!(
        answers[9]["result"]["structuredContent"]["id"],
        "gpt-4o-mini"
    );
}

#[test]
fn the_cost_tool_takes_the_time_of_a_request() {
    // DeepSeek R1 off-peak (16:30–00:30 UTC): 1M × $0.135 + 1M × $0.55 = $0.685;
    // at 03:00 UTC the standard 1M × $0.55 + 1M × $2.19 = $2.74.
    let workload = |at: &str| {
        json!({"model": "deepseek/deepseek-r1", "input_tokens": 1_000_000,
               "output_tokens": 1_000_000, "at": at})
    };
    let input = [
        call(1, "cost", &workload("2025-06-03T17:00Z")),
        call(2, "cost", &workload("2025-06-03T03:00Z")),
    ]
    .join("\n");
    // The bundled catalog: the fixture one has no off-peak window.
    let out = common::stdout_of(common::llmcost().arg("mcp").write_stdin(input + "\n"));
    let totals: Vec<String> = out
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .map(|a| a["result"]["structuredContent"]["total"].to_string())
        .collect();
    assert_eq!(totals, ["0.685", "2.74"]);
}

#[test]
fn the_cost_tools_notes_are_the_python_results_notes() {
    // One result type: the notes the command prints on stderr (the
    // lookup, the retirement) are in structuredContent's `notes`, as in
    // Python's CostResult.notes; gpt-4o-mini retires 2027-01-14.
    let call = call(
        1,
        "cost",
        &json!({"model": "gpt-4o-mini", "input_tokens": 1000, "output_tokens": 1000}),
    );
    let out = common::stdout_of(common::llmcost().arg("mcp").write_stdin(call + "\n"));
    let answer: Value = serde_json::from_str(out.trim()).unwrap();
    let notes = &answer["result"]["structuredContent"]["notes"];
    assert!(
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "gpt-4o-mini retires 2027-01-14"),
        "{notes}"
    );
}
