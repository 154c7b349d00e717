//! Helpers shared by the integration tests: run the built `vanban` binary, and
//! find the external tools the tests inspect its output with.
//!
//! Tests never skip silently. A test that needs an outside tool (poppler,
//! LibreOffice, a Python package) carries `#[ignore = "needs TOOL (.ci/run
//! installs it)"]`, so that `cargo test --release` on a machine with only Rust
//! lists it as ignored, with what it needs, and `.ci/run` runs it with
//! `-- --include-ignored`. Run that way, a missing tool is a failure with a
//! message that says what to install (and, under CI, `VANBAN_REQUIRE_TOOLS=1`,
//! that CI must provide it). The PDF itself is read back in Rust
//! ([`pdf_read`]), so most PDF checks need no tool at all.

#![allow(dead_code)]

pub mod pdf_read;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where Cargo.toml, content/ and fonts/ are).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed report.
pub fn seed_yaml() -> PathBuf {
    repo().join("content/but-son-2023-6-thang.yaml")
}

/// Runs the built binary with `args`, from the repository root, and returns its
/// output whatever the exit code.
pub fn vanban<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", env!("CARGO_BIN_EXE_vanban")))
}

/// The result of [`render`]: the temporary output folder (deleted on drop) and
/// the files written into it, sorted.
pub struct Rendered {
    pub dir: tempfile::TempDir,
    pub files: Vec<PathBuf>,
    pub stderr: String,
}

impl Rendered {
    /// The written file with this extension (the first one, in name order).
    pub fn file(&self, ext: &str) -> &Path {
        self.files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} file written; files: {:?}; stderr:\n{}", self.files, self.stderr))
    }

    pub fn pdf(&self) -> &Path {
        self.file("pdf")
    }
}

/// Renders `yaml` with `vanban render YAML -o <fresh temp dir> EXTRA…` and
/// asserts success (exit 0).
pub fn render(yaml: &Path, extra: &[&str]) -> Rendered {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<&OsStr> = vec![OsStr::new("render"), yaml.as_os_str(), OsStr::new("-o"), dir.path().as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    let out = vanban(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "vanban {args:?} failed ({}):\n{stderr}", out.status);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("read output dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    files.sort();
    Rendered { dir, files, stderr }
}

/// The first executable called `name` on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Fails the test, clearly, because `what` is missing. Under CI
/// (`VANBAN_REQUIRE_TOOLS=1`) it says CI must provide it; otherwise it says how
/// to get it. Either way the test fails: it never passes without checking.
pub fn missing_tool(what: &str, how: &str) -> ! {
    if std::env::var("VANBAN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{what} is required (VANBAN_REQUIRE_TOOLS=1) but missing: CI must install it (.ci/run). {how}");
    }
    panic!("{what} is missing, so this test cannot check anything; it fails rather than skip. {how}");
}

/// The path of the tool `name` on PATH; fails the test (see [`missing_tool`])
/// when it is not there.
pub fn require_tool(name: &str) -> PathBuf {
    which(name).unwrap_or_else(|| {
        missing_tool(
            &format!("the tool `{name}`"),
            "Install it (pdftotext, pdffonts, pdfinfo, pdftoppm: apt-get install poppler-utils; \
             soffice: libreoffice-writer-nogui), or run .ci/run.",
        )
    })
}

/// A Python interpreter that can import all of `modules`: `python` or `python3`
/// on PATH (CI puts .venv/bin first), else the repository's .venv. Fails the
/// test when none can.
pub fn require_python(modules: &[&str]) -> PathBuf {
    let import = format!("import {}", if modules.is_empty() { "sys".to_owned() } else { modules.join(", ") });
    let candidates = ["python", "python3"]
        .iter()
        .filter_map(|n| which(n))
        .chain([repo().join(".venv/bin/python")].into_iter().filter(|p| is_executable(p)));
    for py in candidates {
        let ok = Command::new(&py).args(["-c", &import]).output().is_ok_and(|o| o.status.success());
        if ok {
            return py;
        }
    }
    missing_tool(
        &format!("a Python with {}", modules.join(", ")),
        "Create it with: python3 -m venv .venv && .venv/bin/pip install pdfplumber fonttools \
         (or run .ci/run, which also puts .venv/bin on PATH).",
    )
}

/// Runs `program ARGS…`, asserts exit 0, returns stdout as UTF-8.
pub fn run_ok<I, S>(program: &Path, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<_> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = Command::new(program)
        .args(&args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?} failed ({}):\n{}",
        program.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{} printed non-UTF-8: {e}", program.display()))
}

/// Runs an inline Python `script` with `args` (sys.argv[1:]) using an
/// interpreter that has `modules`; returns its stdout.
pub fn run_python<S: AsRef<OsStr>>(modules: &[&str], script: &str, args: &[S]) -> String {
    let py = require_python(modules);
    let mut all: Vec<&OsStr> = vec![OsStr::new("-c"), OsStr::new(script)];
    all.extend(args.iter().map(AsRef::as_ref));
    run_ok(&py, all)
}
