//! Which files a `tally` reads: paths as given (`-` is standard input),
//! directories searched recursively for logs (the coding agents' folders
//! are in [`super::agents`]).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

/// File names a directory search picks up: JSON Lines, plain or compressed.
const LOG_SUFFIXES: [&str; 8] = [
    ".jsonl",
    ".ndjson",
    ".json",
    ".log",
    ".jsonl.gz",
    ".json.gz",
    ".jsonl.zst",
    ".json.zst",
];

/// What a directory search found and could not enter.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Files to read, in a stable order (`-` for standard input).
    pub files: Vec<String>,
    /// Directories or entries that could not be read, with why.
    pub unreadable: Vec<String>,
}

/// Expands `paths` into files: a directory becomes the logs under it
/// (each folder's files, then its subfolders', in name order); a path that
/// does not exist but holds a glob pattern (`logs/*/session-*.jsonl`,
/// `**` for any depth; quoted, so the shell left it) becomes what it
/// matches, in name order; a missing path, or a pattern that matches
/// nothing, is an error.
pub fn expand(paths: &[String]) -> Result<Expanded> {
    let mut expanded = Expanded::default();
    for path in paths {
        if path == "-" {
            expanded.files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Ok(_) => add(Path::new(path), &mut expanded),
            Err(e) if is_pattern(path) => {
                let matches = glob::glob(path)
                    .map_err(|bad| anyhow::anyhow!("'{path}' is not a valid pattern: {bad}"))?;
                let mut found: Vec<PathBuf> = matches.filter_map(Result::ok).collect();
                if found.is_empty() {
                    bail!("no file matches '{path}' ({e})");
                }
                found.sort();
                for file in found {
                    add(&file, &mut expanded);
                }
            }
            Err(e) => bail!("could not open '{path}': {e}"),
        }
    }
    Ok(expanded)
}

/// Whether `path` holds glob syntax.
fn is_pattern(path: &str) -> bool {
    path.contains(['*', '?', '['])
}

/// Adds a file, or the logs under a directory.
fn add(path: &Path, expanded: &mut Expanded) {
    if path.is_dir() {
        let mut found = Vec::new();
        walk(path, &mut found, &mut expanded.unreadable);
        expanded
            .files
            .extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
    } else {
        expanded.files.push(path.to_string_lossy().into_owned());
    }
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, unreadable: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            unreadable.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    // A folder's own logs come before its subfolders' (a Claude Code
    // session before its subagents), each in name order.
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else {
            unreadable.push(format!("an entry of {}", dir.display()));
            continue;
        };
        let path = entry.path();
        // Symbolic links to directories are not followed (no cycles).
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => folders.push(path),
            Ok(_) if is_log(&path) => files.push(path),
            Ok(_) => {}
            Err(e) => unreadable.push(format!("{}: {e}", path.display())),
        }
    }
    files.sort();
    folders.sort();
    found.extend(files);
    for folder in folders {
        walk(&folder, found, unreadable);
    }
}

fn is_log(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    LOG_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
        || super::agents::owner(&path.to_string_lossy()).is_some_and(|agent| (agent.wants)(path))
}
