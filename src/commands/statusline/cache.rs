//! The status line's cache of quiet logs. Claude Code runs the status line
//! after every message, and of the logs written in the last day and a half
//! only the session being written changes between two runs. So a log not
//! written for a minute is read once into llmcost's flat rows (`tally
//! --normalize`'s, each naming its message, so that a message a resumed
//! session copied into another log is still billed once), kept in
//! llmcost's cache folder under the log's path, size and modification
//! time (and the catalog's date and llmcost's version), and read in the
//! log's place until the log changes.
//!
//! Entries are written whole to a file of their own and renamed into
//! place, so runs at the same time never read half of one; anything that
//! fails (a full disk, a log written while it was read) leaves the log to
//! be read itself. An entry not used for three days is removed.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crate::catalog::model::Catalog;
use crate::cli::TallyArgs;
use crate::commands::tally;

/// How long a log is left unwritten before its rows are cached: a log
/// written since could still be the session in progress.
const QUIET: Duration = Duration::from_secs(60);

/// How long an entry is kept without being read.
const UNUSED: Duration = Duration::from_secs(3 * 86_400);

/// How many bytes of logs one run reads into new entries (the log that
/// passes it still is, so a larger log is cached too): making an entry
/// costs several readings of its log, so a home whose day of logs all fell
/// quiet at once is cached over a few runs (about 60 ms more each), not in
/// one slow one.
const BUILT_PER_RUN: u64 = 8 << 20;

/// The folder of entries.
pub struct RowsCache {
    dir: PathBuf,
}

impl RowsCache {
    /// The cache in `<cache dir>/llmcost/statusline` (made when first
    /// written), or `None` where the system names no cache folder.
    pub fn open() -> Option<RowsCache> {
        let dir = dirs::cache_dir()?.join("llmcost").join("statusline");
        Some(RowsCache { dir })
    }

    /// What to read for each of `logs`, in their order (which decides
    /// which log bills a message several hold): a quiet log's cached rows,
    /// cached now if they were not, else the log itself.
    pub fn stand_ins(&self, catalog: &Catalog, logs: Vec<String>) -> Vec<String> {
        let now = SystemTime::now();
        let mut budget = BUILT_PER_RUN;
        let read = logs
            .into_iter()
            .map(|log| {
                self.stand_in(catalog, &log, now, &mut budget)
                    .unwrap_or(log)
            })
            .collect();
        self.prune(now);
        read
    }

    /// The cached rows of `log`, if it is quiet and they can be had: made
    /// now while `budget` (bytes of logs) allows.
    fn stand_in(
        &self,
        catalog: &Catalog,
        log: &str,
        now: SystemTime,
        budget: &mut u64,
    ) -> Option<String> {
        let before = std::fs::metadata(log).ok()?;
        let modified = before.modified().ok()?;
        if now.duration_since(modified).map_or(true, |age| age < QUIET) {
            return None;
        }
        let mut key = DefaultHasher::new();
        (env!("CARGO_PKG_VERSION"), &catalog.as_of, log, before.len()).hash(&mut key);
        modified.hash(&mut key);
        let key = key.finish();
        let entry = self.dir.join(format!("{key:016x}.jsonl"));
        if let Ok(cached) = std::fs::metadata(&entry) {
            // Read now: kept from pruning (marked once a day, not each run).
            let age = cached
                .modified()
                .ok()
                .and_then(|at| now.duration_since(at).ok());
            if age.is_some_and(|age| age > Duration::from_secs(86_400)) {
                let touched = std::fs::File::options().append(true).open(&entry);
                let _ = touched.and_then(|file| file.set_modified(now));
            }
            return Some(entry.display().to_string());
        }
        if *budget == 0 {
            return None;
        }
        *budget = budget.saturating_sub(before.len());
        std::fs::create_dir_all(&self.dir).ok()?;
        let mut rows = Vec::new();
        let args = TallyArgs::blocks_of(vec![log.to_string()], "UTC".to_string());
        tally::write_keyed_rows(catalog, &args, &mut rows).ok()?;
        // A log written while it was read is read itself this time.
        let after = std::fs::metadata(log).ok()?;
        if after.len() != before.len() || after.modified().ok()? != modified {
            return None;
        }
        let partial = self
            .dir
            .join(format!(".{key:016x}.{}.partial", std::process::id()));
        let written =
            std::fs::write(&partial, &rows).and_then(|()| std::fs::rename(&partial, &entry));
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
            return None;
        }
        Some(entry.display().to_string())
    }

    /// Removes the entries not read for [`UNUSED`], and what a run that
    /// stopped mid-write left.
    fn prune(&self, now: SystemTime) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let age = entry
                .metadata()
                .and_then(|meta| meta.modified())
                .ok()
                .and_then(|modified| now.duration_since(modified).ok());
            let name = entry.file_name();
            let partial = name.to_string_lossy().ends_with(".partial");
            let limit = if partial { QUIET * 60 } else { UNUSED };
            if age.is_some_and(|age| age > limit) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
