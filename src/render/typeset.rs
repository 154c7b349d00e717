//! The typst renderers behind [`Renderer`]: the PDF (optionally with empty
//! signature fields and their sidecar) and PNG previews. They call
//! [`super::pdf::Typesetter`]'s public functions and nothing else.

use super::pdf::{Conformance, TemplateError, Typesetter, TEMPLATE_NAME};
use super::{RenderError, Rendered, Renderer};
use crate::diag::Msg;
use crate::resolve::Document;

/// The PDF (PDF/A-2a and PDF/UA-1 when the fonts allow).
pub struct PdfRenderer<'a> {
    pub typesetter: &'a Typesetter,
    /// Add empty signature fields where NĐ 30 puts the signatures, and write
    /// `<stem>.sig.json` with their places (the PDF then claims PDF/A-2b).
    pub signature_fields: bool,
}

impl Renderer for PdfRenderer<'_> {
    fn name(&self) -> &str {
        "pdf"
    }

    fn render(&self, doc: &Document, stem: &str) -> Result<Rendered, RenderError> {
        let pdf_name = format!("{stem}.pdf");
        let mut out = Rendered::default();
        if self.signature_fields {
            // With signature fields, PDF/A-2b is the intended claim.
            let (pdf, placed) = self.typesetter.pdf_with_signature_fields(doc)?;
            let json = crate::sign::fields::sidecar_json(&pdf_name, &placed.fields, &placed.blanks);
            out.files.push((pdf_name, pdf.bytes));
            out.files.push((format!("{stem}.sig.json"), json));
        } else {
            let pdf = self.typesetter.pdf(doc)?;
            if pdf.conformance != Conformance::A2aUa1 {
                out.warnings.push(Msg::new("PDF chỉ đạt PDF/A-2b (không đạt PDF/UA-1)", "the PDF meets PDF/A-2b only (not PDF/UA-1)"));
            }
            out.files.push((pdf_name, pdf.bytes));
        }
        Ok(out)
    }
}

/// One PNG a page, `<stem>-1.png`, `<stem>-2.png` …
pub struct PngRenderer<'a> {
    pub typesetter: &'a Typesetter,
    /// Pixels per point (2.0: 144 dpi).
    pub pixel_per_pt: f32,
}

impl Renderer for PngRenderer<'_> {
    fn name(&self) -> &str {
        "png"
    }

    fn render(&self, doc: &Document, stem: &str) -> Result<Rendered, RenderError> {
        let pages = self.typesetter.png_pages(doc, self.pixel_per_pt)?;
        let files = pages.into_iter().enumerate().map(|(i, png)| (format!("{stem}-{}.png", i + 1), png)).collect();
        Ok(Rendered { files, warnings: Vec::new() })
    }
}

/// The template's errors, one `layouts/vanban.typ:line:column: message` a line.
impl From<Vec<TemplateError>> for RenderError {
    fn from(errors: Vec<TemplateError>) -> Self {
        let text = errors
            .iter()
            .map(|e| format!("{}:{}:{}: {}", TEMPLATE_NAME, e.line, e.column, e.message))
            .collect::<Vec<_>>()
            .join("\n");
        RenderError::new(text)
    }
}
