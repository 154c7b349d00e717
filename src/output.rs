//! Writing outputs atomically: a temporary file in the target folder, flushed,
//! then renamed over the old one. A failed render never leaves a partial file
//! and never replaces an older good one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // On error the temporary file is removed when it is dropped.
    stage(path, bytes)?.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes several files, each atomically; all bytes are ready before the first
/// write, so a render error can never leave a mix of old and new files. The
/// files are written and flushed to disk in parallel (the flushes dominate the
/// time of a small render), then renamed in order. If a write fails, no file is
/// renamed and the temporary files are removed.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> std::io::Result<()> {
    let staged: Vec<std::io::Result<(tempfile::NamedTempFile, &Path)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files.iter().map(|(path, bytes)| scope.spawn(move || stage(path, bytes).map(|t| (t, path.as_path())))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(std::io::Error::other("writer thread failed"))))
            .collect()
    });
    let staged: Vec<(tempfile::NamedTempFile, &Path)> = staged.into_iter().collect::<std::io::Result<_>>()?;
    for (tmp, path) in staged {
        tmp.persist(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// What an earlier render of `stem` left in `dir` that this one (which wrote
/// `written`) would contradict: page images `<stem>-N.png` past the new last
/// page (when PNGs were made), and a `<stem>.sig.json` describing signature
/// fields the new PDF no longer has (when a PDF was made without them). Only
/// names vanban itself gives; another report's files never match
/// (`bao-cao-2.yaml` makes `bao-cao-2-1.png`, never `bao-cao-2.png`).
pub fn stale_outputs(dir: &Path, stem: &str, written: &[PathBuf], pdf: bool, png: bool) -> Vec<PathBuf> {
    let mut stale = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return stale };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let page = name
            .strip_prefix(stem)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_suffix(".png"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let sidecar = name == format!("{stem}.sig.json");
        let path = dir.join(name);
        if ((png && page) || (pdf && sidecar)) && !written.contains(&path) {
            stale.push(path);
        }
    }
    stale.sort();
    stale
}

/// How old a temporary file of ours must be before a later run takes it for
/// the leftover of a run that was killed (not one writing right now).
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files (`.vanban-XXXX.tmp`) that a run killed while
/// writing (power cut, kill -9) left in `dir`, older than an hour.
fn sweep_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| n.starts_with(".vanban-") && n.ends_with(".tmp"));
        let old = entry.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok()).is_some_and(|age| age > STALE_TEMPORARY);
        if ours && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A flushed temporary file beside `path`, holding `bytes`, with the mode the
/// final file should have.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    sweep_stale_temporaries(&dir);
    let mut tmp = tempfile::Builder::new().prefix(".vanban-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644);
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A killed run's temporary file is removed by the next write into the
    /// folder; one younger than an hour (a run writing now) is left alone.
    #[test]
    fn a_killed_runs_temporary_file_is_swept_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".vanban-AbC123.tmp");
        let fresh = dir.path().join(".vanban-XyZ789.tmp");
        let other = dir.path().join(".other-AbC123.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, b"half a PDF").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for p in [&old, &other] {
            std::fs::File::options().write(true).open(p).unwrap().set_modified(two_hours_ago).unwrap();
        }
        write_atomic(&dir.path().join("bao-cao.pdf"), b"%PDF").unwrap();
        assert!(!old.exists(), "the stale temporary file is still there");
        assert!(fresh.exists() && other.exists(), "a fresh temporary file or another program's file was removed");
        assert_eq!(std::fs::read(dir.path().join("bao-cao.pdf")).unwrap(), b"%PDF");
    }
}
