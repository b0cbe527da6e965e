//! The Python package's typed stub (`python/llmcost/__init__.pyi`) is
//! written from [`TOOLS`]: a new count in the quantity table reaches
//! Python's type checkers with no hand edit. This test fails when the
//! stub's tool signatures are stale; `LLMCOST_BLESS=1 cargo test
//! python_stub` writes them.

use super::{TOOLS, Tool};

const STUB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/llmcost/__init__.pyi");
const BEGIN: &str =
    "# <tools>: written from src/tools by `LLMCOST_BLESS=1 cargo test python_stub`\n";
const END: &str = "# </tools>\n";

/// One tool's Python signature: its first argument positional, the rest
/// keyword-only, each optional one defaulting to `None` (`...` in a stub).
fn signature(tool: &Tool) -> String {
    let returns = if tool.name == "cost" {
        "CostResult"
    } else {
        "Dict[str, Any]"
    };
    let mut out = format!("def {}(\n", tool.name);
    for (index, param) in tool.arguments().enumerate() {
        let kind = param.kind.python_type();
        let line = if param.required {
            format!("    {}: {kind},\n", param.key)
        } else {
            format!("    {}: Optional[{kind}] = ...,\n", param.key)
        };
        out.push_str(&line);
        if index == 0 {
            out += "    *,\n";
        }
    }
    out + &format!(") -> {returns}: ...\n")
}

#[test]
fn python_stub_has_every_tools_arguments() {
    let stub = std::fs::read_to_string(STUB).expect("the Python stub is in the repository");
    let (head, rest) = stub.split_once(BEGIN).expect("the stub marks its tools");
    let (_, tail) = rest.split_once(END).expect("the stub ends its tools");
    let written: String = TOOLS.iter().map(signature).collect();
    let wanted = format!("{head}{BEGIN}{written}{END}{tail}");
    if std::env::var_os("LLMCOST_BLESS").is_some() {
        std::fs::write(STUB, &wanted).expect("the stub can be written");
    } else {
        assert!(
            stub == wanted,
            "python/llmcost/__init__.pyi is stale: run `LLMCOST_BLESS=1 cargo test python_stub`"
        );
    }
}
