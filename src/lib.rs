//! vanban: Vietnamese administrative documents (NĐ 30/2020/NĐ-CP) from YAML to
//! PDF and DOCX.
//!
//! The pipeline, one module a stage:
//! [`model`] (load the YAML) → [`check`] (validate, lint) → [`indicators`]
//! (derived columns, evaluation) → [`resolve`] (the display-ready
//! [`resolve::Document`]) → [`render::pdf`] (typst) and [`render::docx`] (docx-rs),
//! both behind [`render::Renderer`].
//! Every stage reports through [`diag`] (the one diagnostic type, at the
//! bottom: no stage imports a later one to report). [`output`] writes files
//! atomically.

pub mod check;
pub mod diag;
pub mod fonts;
pub mod indicators;
pub mod layout;
pub mod measure;
pub mod model;
pub mod output;
pub mod phrase;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod sign;
pub mod trace;
pub mod xlsx;

use std::path::Path;

use check::glyphs::FontCoverage;
use check::Diagnostic;
use layout::{Profile, SizeProfile};
use resolve::Document;

/// Loads, checks and resolves a report: everything short of drawing it, for the
/// bundled font. `Err` carries the diagnostics when there is at least one error;
/// `Ok` carries the document and any warnings.
///
/// # Panics
///
/// If the layout profile compiled into the binary does not load: a build defect,
/// which `layout`'s tests catch. The command line uses [`prepare_with`] and
/// reports a broken profile as an internal error instead.
pub fn prepare(path: &Path, profile: SizeProfile) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    prepare_for(path, profile, bundled_coverage())
}

/// Like [`prepare`], for typesetting with the font `font` (the one `--font-dir`
/// and `--font` chose): a character it lacks is an error.
///
/// # Panics
///
/// As [`prepare`].
pub fn prepare_for(path: &Path, profile: SizeProfile, font: &FontCoverage) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    prepare_with(path, &bundled_layout(profile), font)
}

/// Like [`prepare_for`], with a layout profile already loaded (by
/// [`SizeProfile::load`], whose error is vanban's, not the report's): every
/// error this returns is about the report.
pub fn prepare_with(path: &Path, layout: &Profile, font: &FontCoverage) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Some(loaded) = model::load::load_report(path, &mut diags) else { return Err(diags) };
    trace::mark("report read");
    prepare_loaded(&loaded, layout, font, diags)
}

/// Like [`prepare`], on YAML text given as if it were `path` (tests, fuzzing).
///
/// # Panics
///
/// As [`prepare`].
pub fn prepare_str(path: &Path, text: &str, profile: SizeProfile) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Some(loaded) = model::load::load_report_from_str(path, text, &mut diags) else { return Err(diags) };
    prepare_loaded(&loaded, &bundled_layout(profile), bundled_coverage(), diags)
}

/// The compiled-in profile; see [`prepare`] on why failing here is a panic.
fn bundled_layout(profile: SizeProfile) -> Profile {
    profile.load().unwrap_or_else(|e| panic!("{e}"))
}

/// What the bundled Liberation Serif can draw (read once).
pub fn bundled_coverage() -> &'static FontCoverage {
    static COVERAGE: std::sync::LazyLock<FontCoverage> = std::sync::LazyLock::new(fonts::bundled_coverage);
    &COVERAGE
}

fn prepare_loaded(
    loaded: &model::load::LoadedReport,
    layout: &Profile,
    font: &FontCoverage,
    mut diags: Vec<Diagnostic>,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let checked = check::check(loaded, font, &mut diags);
    trace::mark("checked");
    // Needs the layout (the text width, the body's size): checked here.
    check::overflow::check_text(&loaded.file, &loaded.text, layout, &mut diags);
    check::overflow::check_header_names(&loaded.file, &loaded.report, layout, &mut diags);
    let Some(checked) = checked.filter(|_| !check::has_errors(&diags)) else { return Err(diags) };
    match resolve::resolve(&checked, layout.clone()) {
        Ok(doc) => Ok((doc, diags)),
        Err(errors) => {
            diags.extend(errors);
            Err(diags)
        }
    }
}

/// The checked indicator tables of a report, in the order they appear (for
/// `--format xlsx`). `Err` carries the diagnostics when there is an error.
/// `font`: the coverage of the font the report is rendered with (as for
/// [`prepare_for`]).
pub fn indicator_tables(path: &Path, font: &FontCoverage) -> Result<Vec<indicators::Table>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Some(loaded) = model::load::load_report(path, &mut diags) else { return Err(diags) };
    match check::check(&loaded, font, &mut diags) {
        Some(checked) if !check::has_errors(&diags) => Ok(checked.tables),
        _ => Err(diags),
    }
}

/// All text of a document in reading order, one block per line (for tests and
/// for checking that nothing of the content was lost).
pub fn plain_text(doc: &Document) -> String {
    use resolve::Block;
    let mut out = Vec::new();
    let join = |v: &[resolve::Inline]| v.iter().map(|i| i.text.as_str()).collect::<String>();
    for block in doc.blocks() {
        match block {
            Block::Part { label, title } => {
                let lines: Vec<String> = title.iter().map(|l| join(&l.0)).collect();
                out.push(format!("{label}\n{}", lines.join(" ")))
            }
            Block::Heading { number, title, run_in, .. } => {
                let run = join(run_in);
                let head = if number.is_empty() { join(title) } else { format!("{number} {}", join(title)) };
                out.push(if run.is_empty() { head } else { format!("{head} {run}") })
            }
            Block::Paragraph { inlines } | Block::Centered { inlines, .. } => out.push(join(inlines)),
            Block::Item { marker, inlines } => out.push(format!("{marker} {}", join(inlines))),
            Block::Table(t) => {
                if !t.caption.is_empty() {
                    out.push(t.caption.clone());
                }
                // The indicator table's heading is fixed wording: only a plain
                // table's headings are content.
                if t.origin == resolve::TableOrigin::Plain {
                    for row in &t.head {
                        out.push(row.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "));
                    }
                }
                for row in &t.rows {
                    out.push(row.texts().join(" | "));
                }
            }
        }
    }
    out.join("\n")
}
