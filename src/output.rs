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

/// Writes `bytes` to `path` atomically, only if no file is there: between
/// the check for an existing file and the rename another process may have
/// written one (two signers at once); it is never replaced. An existing file
/// gives `ErrorKind::AlreadyExists`.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes several files as one: all bytes are ready before the first write,
/// the files are written and flushed to disk in parallel (the flushes dominate
/// the time of a small render), then renamed in order. If a write fails, no
/// file is renamed and the temporary files are removed; if a rename fails (a
/// folder, or a file Windows holds open, in the way), the files already
/// renamed are put back as they were, from hard links made beforehand, so the
/// folder never holds a new PDF beside an old DOCX. The error names the file.
/// (On a drive without hard links, the old files are copied instead.)
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), OutputError> {
    write_all_atomic_with(files, |old: &Path, link: &Path| std::fs::hard_link(old, link))
}

/// [`write_all_atomic`], keeping the old files with `hard_link` (tests give
/// one that fails, as on a FAT drive).
fn write_all_atomic_with(files: &[(PathBuf, Vec<u8>)], hard_link: impl Fn(&Path, &Path) -> std::io::Result<()> + Copy) -> Result<(), OutputError> {
    let staged: Vec<Result<(tempfile::NamedTempFile, &Path), OutputError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|(path, bytes)| scope.spawn(move || stage(path, bytes).map(|t| (t, path.as_path())).map_err(|e| OutputError::new(path, e))))
            .collect();
        handles
            .into_iter()
            .zip(files)
            .map(|(h, (path, _))| h.join().unwrap_or_else(|_| Err(OutputError::new(path, std::io::Error::other("writer thread failed")))))
            .collect()
    });
    let staged: Vec<(tempfile::NamedTempFile, &Path)> = staged.into_iter().collect::<Result<_, _>>()?;
    // Two processes renaming into one folder at once could leave the PDF of
    // one beside the DOCX of the other: the renames of one report's files
    // hold the folders' locks (advisory, on the folder itself: no lock file
    // is left behind; where a folder cannot be locked, as on Windows, the
    // renames go on unlocked).
    let _locks = lock_folders(files.iter().map(|(p, _)| p.as_path()));
    // What each rename replaced: a hard link to the old file, or nothing.
    let mut done: Vec<(&Path, Option<tempfile::TempPath>)> = Vec::new();
    for (tmp, path) in staged {
        let old = match keep_old_with(path, hard_link) {
            Ok(old) => old,
            Err(e) => {
                undo(done);
                return Err(OutputError::new(path, e));
            }
        };
        if let Err(e) = tmp.persist(path) {
            undo(done);
            return Err(OutputError::new(path, e.error));
        }
        done.push((path, old));
    }
    // The old files' links are removed as the TempPaths drop.
    Ok(())
}

/// Exclusive locks on the distinct folders of `paths`, in a fixed order (so
/// two writers never wait on each other crosswise); a folder that cannot be
/// opened or locked, or whose lock stays held past `LOCK_WAIT`, is skipped.
fn lock_folders<'a>(paths: impl Iterator<Item = &'a Path>) -> Vec<std::fs::File> {
    let mut folders: Vec<PathBuf> = paths
        .filter_map(|p| p.parent())
        .map(|d| if d.as_os_str().is_empty() { PathBuf::from(".") } else { d.to_path_buf() })
        .filter_map(|d| d.canonicalize().ok())
        .collect();
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .filter_map(|d| {
            let folder = std::fs::File::open(d).ok()?;
            // Another vanban renames within milliseconds; a lock held longer
            // is some other program's, not waited for without end.
            let start = std::time::Instant::now();
            loop {
                match folder.try_lock() {
                    Ok(()) => return Some(folder),
                    Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => std::thread::sleep(std::time::Duration::from_millis(10)),
                    Err(_) => return None,
                }
            }
        })
        .collect()
}

/// How long a writer waits for another to finish its renames in a folder.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// A file [`write_all_atomic`] could not write, and why.
#[derive(Debug)]
pub struct OutputError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl OutputError {
    fn new(path: &Path, error: std::io::Error) -> Self {
        Self { path: path.to_path_buf(), error }
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for OutputError {}

/// A hard link to the file at `path`, under a temporary name beside it, to put
/// it back if a later rename fails; `None` when there is no file there. A
/// folder in the way is left for the rename to refuse. Where `hard_link`
/// fails (FAT and exFAT USB sticks and some network shares have no hard
/// links), the old file is copied instead, so a second render onto such a
/// drive still works.
fn keep_old_with(path: &Path, hard_link: impl Fn(&Path, &Path) -> std::io::Result<()>) -> std::io::Result<Option<tempfile::TempPath>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let link = tempfile::Builder::new().prefix(".vanban-").suffix(".tmp").tempfile_in(&dir)?.into_temp_path();
            std::fs::remove_file(&link)?;
            if hard_link(path, &link).is_err() {
                std::fs::copy(path, &link)?;
            }
            Ok(Some(link))
        }
        _ => Ok(None),
    }
}

/// Puts back what the renames in `done` replaced, last first.
fn undo(done: Vec<(&Path, Option<tempfile::TempPath>)>) {
    for (path, old) in done.into_iter().rev() {
        match old {
            Some(link) => {
                let _ = link.persist(path);
            }
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
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

    /// A report's files are renamed while its folder is locked: a second
    /// process's renames wait, so the two never interleave (the probe's two
    /// renders into one folder once left the PDF of one report beside the
    /// DOCX of the other).
    #[test]
    fn the_renames_wait_for_a_writer_that_holds_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let held = std::fs::File::open(dir.path()).unwrap();
        held.lock().unwrap();
        let files = vec![(dir.path().join("a.pdf"), b"pdf".to_vec()), (dir.path().join("a.docx"), b"docx".to_vec())];
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| write_all_atomic(&files));
            std::thread::sleep(std::time::Duration::from_millis(300));
            assert!(!files.iter().any(|(p, _)| p.exists()), "renamed while another writer held the folder");
            held.unlock().unwrap();
            writer.join().unwrap().unwrap();
        });
        assert!(files.iter().all(|(p, b)| std::fs::read(p).unwrap() == *b));
    }

    /// A lock held for long (some other program's `flock`) is not waited for
    /// without end: the files are written after `LOCK_WAIT`.
    #[test]
    fn a_lock_held_for_long_is_not_waited_for_forever() {
        let dir = tempfile::tempdir().unwrap();
        let held = std::fs::File::open(dir.path()).unwrap();
        held.lock().unwrap();
        let files = vec![(dir.path().join("a.pdf"), b"pdf".to_vec())];
        let start = std::time::Instant::now();
        write_all_atomic(&files).unwrap();
        assert!(start.elapsed() >= LOCK_WAIT, "did not wait for the lock at all");
        assert_eq!(std::fs::read(&files[0].0).unwrap(), b"pdf");
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bao-cao.signed.pdf");
        write_new(&path, b"first").unwrap();
        let e = write_new(&path, b"second").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left");
    }

    /// A rename that fails after another succeeded puts the first file back:
    /// an old PDF stays with its old DOCX; a file that was not there before is
    /// removed again; no temporary file is left.
    #[test]
    fn a_failed_rename_puts_back_the_files_already_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, docx, png) = (dir.path().join("r.pdf"), dir.path().join("r.docx"), dir.path().join("r-1.png"));
        std::fs::write(&pdf, b"old pdf").unwrap();
        // A folder where the DOCX goes: its rename fails.
        std::fs::create_dir(&docx).unwrap();
        let files = vec![(png.clone(), b"new png".to_vec()), (pdf.clone(), b"new pdf".to_vec()), (docx.clone(), b"new docx".to_vec())];
        let e = write_all_atomic(&files).unwrap_err();
        assert_eq!(e.path, docx);
        assert_eq!(std::fs::read(&pdf).unwrap(), b"old pdf");
        assert!(!png.exists(), "a new file is removed again");
        let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["r.docx", "r.pdf"]);
        // And when all goes well, the new files and nothing else.
        std::fs::remove_dir(&docx).unwrap();
        write_all_atomic(&files).unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"new pdf");
        let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["r-1.png", "r.docx", "r.pdf"]);
    }

    /// On a drive without hard links (a FAT USB stick: `link` fails with
    /// EPERM), rendering over an earlier render still works, and a failed
    /// rename still puts the old file back, from a copy.
    #[test]
    fn a_drive_without_hard_links_keeps_the_old_files_by_copy() {
        let no_links = |_: &Path, _: &Path| Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let dir = tempfile::tempdir().unwrap();
        let (pdf, docx) = (dir.path().join("r.pdf"), dir.path().join("r.docx"));
        std::fs::write(&pdf, b"old pdf").unwrap();
        std::fs::create_dir(&docx).unwrap();
        let files = vec![(pdf.clone(), b"new pdf".to_vec()), (docx.clone(), b"new docx".to_vec())];
        let e = write_all_atomic_with(&files, no_links).unwrap_err();
        assert_eq!(e.path, docx);
        assert_eq!(std::fs::read(&pdf).unwrap(), b"old pdf", "the old PDF was not put back");
        std::fs::remove_dir(&docx).unwrap();
        std::fs::write(&docx, b"old docx").unwrap();
        write_all_atomic_with(&files, no_links).unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"new pdf");
        assert_eq!(std::fs::read(&docx).unwrap(), b"new docx");
        let mut names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["r.docx", "r.pdf"], "a copy of an old file was left");
    }

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
