//! PDF through typst, used as a library.
//!
//! Our own [`World`] serves exactly three things: the template
//! (`layouts/vanban.typ` as `/main.typ`), the display-ready document as
//! `/data.json`, and the fonts. Text from the YAML reaches typst only inside the
//! JSON, so it is never executed as markup; any other file the template (or a
//! hostile string) might ask for does not exist.

use crate::fonts;

use std::sync::{Arc, LazyLock, OnceLock};

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::resolve::Document;

/// The template, compiled into the binary.
pub const TEMPLATE: &str = include_str!("../../../layouts/vanban.typ");
pub const TEMPLATE_NAME: &str = "layouts/vanban.typ";

// Fixed paths: file ids are interned process-wide and capped, so a batch must
// reuse the same two ids rather than make new ones per document.
static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| fixed_id("/main.typ"));
static DATA_ID: LazyLock<FileId> = LazyLock::new(|| fixed_id("/data.json"));

fn fixed_id(path: &str) -> FileId {
    // Both paths are constant and valid; VirtualPath::new cannot fail on them.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant virtual path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What stays the same across a batch: the library, the template and the fonts.
///
/// typst's standard library and the parsed template (a few milliseconds, as
/// much as reading and checking a report) are made on first use, or ahead of
/// it by [`Typesetter::warm_up`] on another thread while the report is read.
pub struct Typesetter {
    library: OnceLock<LazyHash<Library>>,
    book: LazyHash<FontBook>,
    fonts: Arc<Vec<Font>>,
    pub family: String,
    /// What `family` can draw: `check` refuses text it lacks before layout.
    pub coverage: crate::check::glyphs::FontCoverage,
    template_text: String,
    template: OnceLock<Source>,
}

/// A PDF render failure, located in the template when typst says where.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl Typesetter {
    pub fn new(font_set: fonts::FontSet) -> Self {
        Self::with_template(font_set, TEMPLATE.to_owned())
    }

    /// A typesetter with another template text (tests of template errors).
    pub fn with_template(font_set: fonts::FontSet, template: String) -> Self {
        Self {
            coverage: font_set.coverage(),
            library: OnceLock::new(),
            book: LazyHash::new(font_set.book),
            fonts: Arc::new(font_set.fonts),
            family: font_set.family,
            template_text: template,
            template: OnceLock::new(),
        }
    }

    /// Makes the library and parses the template now. Called on a thread of
    /// its own while the first report is read, it takes them off the path of
    /// a single render; a render that comes first waits for it, never repeats it.
    pub fn warm_up(&self) {
        // typst hashes the library, the fonts' book and the template the first
        // time a compile looks them up in its caches (their hashes are computed
        // once and kept): here, off the render's path. Hashing the library's
        // modules and the template's syntax tree was a sixth of the seed's eval.
        typst::utils::hash128(self.library());
        typst::utils::hash128(&self.book);
        typst::utils::hash128(self.template());
        crate::trace::mark("typst library and template ready");
    }

    fn library(&self) -> &LazyHash<Library> {
        self.library.get_or_init(|| LazyHash::new(Library::default()))
    }

    fn template(&self) -> &Source {
        self.template.get_or_init(|| Source::new(*MAIN_ID, self.template_text.clone()))
    }

    /// The JSON the template reads: the document plus the font family,
    /// indented for a reader (the `--typst` export).
    pub fn data_json(&self, doc: &Document) -> Vec<u8> {
        self.data(doc, true)
    }

    fn data(&self, doc: &Document, pretty: bool) -> Vec<u8> {
        #[derive(serde::Serialize)]
        struct Data<'a> {
            #[serde(flatten)]
            doc: &'a Document,
            font: &'a str,
        }
        let data = Data { doc, font: &self.family };
        // Serialising plain structs of strings and numbers cannot fail.
        if pretty { serde_json::to_vec_pretty(&data) } else { serde_json::to_vec(&data) }.unwrap_or_default()
    }

    /// Lays the document out into pages.
    pub fn layout(&self, doc: &Document) -> Result<PagedDocument, Vec<TemplateError>> {
        // Not indented: typst reads it in the same process, and a 2 000-row
        // table's indentation is half its bytes.
        let world = ReportWorld { ts: self, data: Bytes::new(self.data(doc, false)), doc };
        crate::trace::mark("typst compile begins");
        let warned = typst::compile::<PagedDocument>(&world);
        crate::trace::mark("typst compile ends");
        // A missing font family is only a warning in typst; for us it is an error.
        let font_warnings: Vec<SourceDiagnostic> =
            warned.warnings.iter().filter(|w| w.message.contains("font")).cloned().collect();
        match warned.output {
            Ok(pages) if font_warnings.is_empty() => Ok(pages),
            Ok(_) => Err(self.locate(&world, &font_warnings)),
            Err(errors) => Err(self.locate(&world, &errors)),
        }
    }

    /// Renders the PDF: PDF/A-2a with PDF/UA-1, tagged; if some content cannot
    /// meet the accessibility rules, PDF/A-2b. Byte-identical for identical input.
    pub fn pdf(&self, doc: &Document) -> Result<Pdf, Vec<TemplateError>> {
        let pages = self.layout(doc)?;
        self.export(&pages, doc)
    }

    /// The PDF with empty signature fields where NĐ 30 puts the signatures
    /// (see [`crate::sign::form`]), and those fields. The fields are read from
    /// the same layout the PDF is made of; they cost the PDF/A-2a and PDF/UA-1
    /// claims (the result claims PDF/A-2b).
    /// With them, a text field over each blank the văn thư fills at issue
    /// (the number, the day, the month: [`crate::sign::fields::locate_blanks`]).
    pub fn pdf_with_signature_fields(&self, doc: &Document) -> Result<(Pdf, crate::sign::fields::Placed), Vec<TemplateError>> {
        let pages = self.layout(doc)?;
        let pdf = self.export(&pages, doc)?;
        let internal = |message: String| vec![TemplateError { line: 0, column: 0, message }];
        let fields = crate::sign::fields::locate(&pages, doc, &doc.profile).map_err(internal)?;
        let blanks = crate::sign::fields::locate_blanks(&pages, &doc.profile).map_err(internal)?;
        let placed = crate::sign::fields::Placed { fields, blanks, year: doc.meta.year, month: doc.meta.printed_month };
        let bytes = crate::sign::form::add_fields(&pdf.bytes, &placed).map_err(internal)?;
        Ok((Pdf { bytes, conformance: Conformance::A2b }, placed))
    }

    fn export(&self, pages: &PagedDocument, doc: &Document) -> Result<Pdf, Vec<TemplateError>> {
        let world = ReportWorld { ts: self, data: Bytes::new(Vec::new()), doc };
        let mut last_errors = Vec::new();
        for (conformance, standards) in [
            (Conformance::A2aUa1, &[PdfStandard::A_2a, PdfStandard::Ua_1][..]),
            (Conformance::A2b, &[PdfStandard::A_2b][..]),
        ] {
            let standards = match PdfStandards::new(standards) {
                Ok(s) => s,
                Err(e) => {
                    last_errors = vec![TemplateError { line: 0, column: 0, message: e.message().to_string() }];
                    continue;
                }
            };
            let options = PdfOptions {
                ident: Smart::Custom(format!("vanban/{}", doc.meta.title)),
                creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
                timestamp: None,
                standards,
                tagged: true,
                ..PdfOptions::default()
            };
            let exported = typst_pdf::pdf(pages, &options);
            crate::trace::mark("PDF export ends");
            match exported {
                Ok(bytes) => return Ok(Pdf { bytes: without_suspects_entry(bytes), conformance }),
                Err(errors) => last_errors = self.locate(&world, &errors),
            }
        }
        Err(last_errors)
    }

    /// One PNG per page at `pixel_per_pt` (2.0 ≈ 144 dpi).
    pub fn png_pages(&self, doc: &Document, pixel_per_pt: f32) -> Result<Vec<Vec<u8>>, Vec<TemplateError>> {
        let pages = self.layout(doc)?;
        let options = typst_render::RenderOptions { pixel_per_pt: (pixel_per_pt as f64).into(), ..Default::default() };
        pages
            .pages()
            .iter()
            .map(|page| {
                typst_render::render(page, &options)
                    .encode_png()
                    .map_err(|e| vec![TemplateError { line: 0, column: 0, message: format!("PNG encoding failed: {e}") }])
            })
            .collect()
    }

    fn locate(&self, world: &ReportWorld, diags: &[SourceDiagnostic]) -> Vec<TemplateError> {
        diags
            .iter()
            .map(|d| {
                let (line, column) = world
                    .range(d.span)
                    .and_then(|r| self.template().lines().byte_to_line_column(r.start))
                    .map_or((0, 0), |(l, c)| (l as u64 + 1, c as u64 + 1));
                let mut message = d.message.to_string();
                for hint in &d.hints {
                    message.push_str(&format!(" (hint: {})", hint.v));
                }
                TemplateError { line, column, message }
            })
            .collect()
    }
}

/// The PDF standard a file was made to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// PDF/A-2a with PDF/UA-1: archival and accessible (the aim).
    A2aUa1,
    /// PDF/A-2b: archival; used when the content cannot meet PDF/UA-1.
    A2b,
}

/// A rendered PDF and the standard it meets.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub conformance: Conformance,
}

/// The world of one document.
struct ReportWorld<'a> {
    ts: &'a Typesetter,
    data: Bytes,
    doc: &'a Document,
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.ts.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.ts.book
    }

    fn main(&self) -> FileId {
        *MAIN_ID
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN_ID {
            Ok(self.ts.template().clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            Ok(self.data.clone())
        } else if id == *MAIN_ID {
            Ok(Bytes::from_string(self.ts.template_text.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.ts.fonts.get(index).cloned()
    }

    /// The document's own date, never the clock: output must be reproducible.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        let m = &self.doc.meta;
        Datetime::from_ymd(m.year as i32, m.month as u8, m.day as u8)
    }
}

/// The catalog's `/MarkInfo<</Marked true/Suspects false>>` (krilla's) with
/// `/Suspects false` blanked out in place. poppler before 23.x (Debian 12's
/// pdfinfo 22.12) takes a boolean Suspects for a wrong type and prints "Syntax
/// Error: Suspects object is wrong type (boolean)" for every such file, which
/// reads as a broken PDF to whoever checks it. False is the entry's default
/// (ISO 32000-1, 14.7.1), and PDF/A-2 and PDF/UA-1 allow it absent. Blanked
/// with spaces of the same length, every offset of the file stays; anything
/// but exactly one such entry is left as it is.
fn without_suspects_entry(mut bytes: Vec<u8>) -> Vec<u8> {
    const MARK_INFO: &[u8] = b"/MarkInfo<</Marked true/Suspects false>>";
    const SUSPECTS: &[u8] = b"/Suspects false";
    let found: Vec<usize> = memchr::memmem::find_iter(&bytes, MARK_INFO).collect();
    if let [at] = found[..] {
        let start = at + MARK_INFO.len() - 2 - SUSPECTS.len();
        bytes[start..start + SUSPECTS.len()].fill(b' ');
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SizeProfile;

    #[test]
    fn the_suspects_entry_is_blanked_in_place() {
        let pdf = b"1 0 obj\n<</Type/Catalog/MarkInfo<</Marked true/Suspects false>>/Lang(vi)>>\nendobj\n".to_vec();
        let out = without_suspects_entry(pdf.clone());
        assert_eq!(out.len(), pdf.len());
        assert_eq!(out, b"1 0 obj\n<</Type/Catalog/MarkInfo<</Marked true               >>/Lang(vi)>>\nendobj\n".to_vec());
        // Twice (not a catalog vanban knows): left alone.
        let twice = [pdf.clone(), pdf.clone()].concat();
        assert_eq!(without_suspects_entry(twice.clone()), twice);
    }

    fn seed() -> Document {
        crate::prepare(std::path::Path::new("content/but-son-2023-6-thang.yaml"), SizeProfile::P14)
            .unwrap_or_else(|d| panic!("{d:#?}"))
            .0
    }

    #[test]
    fn a_template_error_names_its_line_and_column() {
        let fonts = fonts::discover(&[], None).unwrap();
        let broken = "#let data = json(\"/data.json\")\n\n#let x = (1, 2\n";
        let errors = Typesetter::with_template(fonts, broken.into()).pdf(&seed()).err().expect("an error, not a panic");
        assert!(errors.iter().any(|e| e.line == 3 && e.column > 0), "{errors:?}");
    }

    #[test]
    fn the_template_cannot_read_other_files() {
        let fonts = fonts::discover(&[], None).unwrap();
        let snooping = "#read(\"/etc/passwd\")\n";
        let errors = Typesetter::with_template(fonts, snooping.into()).pdf(&seed()).err().expect("access refused");
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("denied") || errors[0].message.contains("not found"), "{errors:?}");
    }

    /// The template's marks of the signer's gap (read by `--signature-fields`)
    /// draw nothing: without them the PDF is the same, byte for byte.
    #[test]
    fn the_signature_gap_marks_leave_the_pdf_unchanged() {
        let unmarked: String = TEMPLATE.lines().filter(|l| !l.contains("<vanban-signature-gap>")).map(|l| format!("{l}\n")).collect();
        assert_eq!(TEMPLATE.lines().count() - unmarked.lines().count(), 2, "the template marks two corners");
        let marked = Typesetter::new(fonts::discover(&[], None).unwrap()).pdf(&seed()).unwrap().bytes;
        let plain = Typesetter::with_template(fonts::discover(&[], None).unwrap(), unmarked).pdf(&seed()).unwrap().bytes;
        assert!(marked == plain, "the marks change the PDF ({} vs {} bytes)", marked.len(), plain.len());
    }

    #[test]
    fn a_missing_font_family_is_an_error() {
        let fonts = fonts::discover(&[], None).unwrap();
        let template = "#set text(font: \"No Such Family\", fallback: false)\nXin chào\n";
        let errors = Typesetter::with_template(fonts, template.into()).pdf(&seed()).err().expect("refused");
        assert!(errors.iter().any(|e| e.message.contains("font")), "{errors:?}");
    }
}
