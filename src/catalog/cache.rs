//! The user cache written by `catalog update`: written atomically (a
//! temporary file in the same folder, fsync, rename) under an exclusive lock,
//! with the previous cache kept as `catalog.json.bak`. A failed or
//! interrupted write leaves the old cache byte for byte as it was.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The backup of the previous cache, beside it.
pub fn backup_path(cache: &Path) -> PathBuf {
    cache.with_extension("json.bak")
}

fn lock_path(cache: &Path) -> PathBuf {
    cache.with_extension("json.lock")
}

/// Holds the cache folder's lock until dropped.
pub struct CacheLock {
    file: File,
}

impl Drop for CacheLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Takes the exclusive update lock, waiting for another update to finish.
pub fn lock(cache: &Path) -> Result<CacheLock> {
    let dir = cache.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)
        .with_context(|| format!("could not create the cache folder '{}'", dir.display()))?;
    let path = lock_path(cache);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("could not open the lock file '{}'", path.display()))?;
    file.lock()
        .with_context(|| format!("could not lock '{}'", path.display()))?;
    Ok(CacheLock { file })
}

/// Replaces the cache with `text` atomically; the old cache becomes the
/// backup. Call with the lock held.
pub fn write_atomically(cache: &Path, text: &str, _lock: &CacheLock) -> Result<()> {
    let dir = cache.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("could not create a temporary file in '{}'", dir.display()))?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("could not write the new cache in '{}'", dir.display()))?;
    if cache.exists() {
        fs::copy(cache, backup_path(cache))
            .with_context(|| format!("could not back up '{}'", cache.display()))?;
    }
    temp.persist(cache)
        .map_err(|e| e.error)
        .with_context(|| format!("could not write cache file '{}'", cache.display()))?;
    // Make the rename itself durable.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Removes the cache (keeping its backup). Returns whether there was one.
pub fn reset(cache: &Path) -> Result<bool> {
    if !cache.exists() {
        return Ok(false);
    }
    let lock = lock(cache)?;
    if cache.exists() {
        fs::copy(cache, backup_path(cache))
            .with_context(|| format!("could not back up '{}'", cache.display()))?;
    }
    fs::remove_file(cache).with_context(|| format!("could not remove '{}'", cache.display()))?;
    drop(lock);
    Ok(true)
}
