//! Writing outputs atomically: a temporary file in the target folder, flushed,
//! then renamed over the old one. A failed render never leaves a partial file
//! and never replaces an older good one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".vanban-").suffix(".tmp").tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    // tempfile creates 0600 files; an output is an ordinary document (0644), or
    // keeps the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0o644);
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    // On error the temporary file is removed when `tmp` is dropped.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes several files, each atomically; all bytes are ready before the first
/// write, so a render error can never leave a mix of old and new files. If a
/// write fails midway, files already renamed stay (they are complete and new).
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> std::io::Result<()> {
    for (path, bytes) in files {
        write_atomic(path, bytes)?;
    }
    Ok(())
}
