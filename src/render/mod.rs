//! The renderers. Each draws a [`crate::resolve::Document`] and decides nothing;
//! all of them are called the same way, through [`Renderer`] (after mdBook's
//! `Renderer` trait), and fail with one error type, [`RenderError`].

pub mod docx;
pub mod pdf;
pub mod typeset;

use crate::diag::Msg;
use crate::resolve::Document;

/// One output format drawn from the display-ready document.
pub trait Renderer: Sync {
    /// The format's name, as `--format` spells it ("pdf", "docx", "png").
    fn name(&self) -> &str;

    /// Draws `doc` in memory: the files to write, named after `stem` (the
    /// report's file name without its extension), and any warnings.
    fn render(&self, doc: &Document, stem: &str) -> Result<Rendered, RenderError>;
}

/// What a renderer made of one document.
#[derive(Debug, Default)]
pub struct Rendered {
    /// File names (no folder) and their bytes, in the order they are written:
    /// "bao-cao.pdf", "bao-cao.sig.json", "bao-cao-1.png" …
    pub files: Vec<(String, Vec<u8>)>,
    /// What the reader should know about the output (a PDF that meets a lesser
    /// standard than intended).
    pub warnings: Vec<Msg>,
}

/// A renderer could not draw a document that passed `check`: vanban's failure
/// (its template, its fonts, a bug), never the report's, so the command line
/// reports it as an internal error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
}

impl RenderError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}

/// The stack of a renderer's thread: typst's PDF export recurses deeply.
const RENDER_STACK: usize = 64 * 1024 * 1024;

/// Runs `renderers` over `doc` side by side (the DOCX builds while typst lays
/// out the PDF): the first on the calling thread, each other one on a thread of
/// its own. Their outputs in the renderers' order, or the first error in that
/// order.
pub fn render_all(renderers: &[&dyn Renderer], doc: &Document, stem: &str) -> Result<Vec<Rendered>, RenderError> {
    let Some((first, others)) = renderers.split_first() else { return Ok(Vec::new()) };
    std::thread::scope(|scope| {
        let handles: Vec<_> = others
            .iter()
            .map(|r| {
                let spawned = std::thread::Builder::new()
                    .name(format!("vanban-{}", r.name()))
                    .stack_size(RENDER_STACK)
                    .spawn_scoped(scope, move || r.render(doc, stem));
                (*r, spawned)
            })
            .collect();
        let mut results = vec![first.render(doc, stem)];
        for (r, spawned) in handles {
            let panicked = || RenderError::new(format!("panic while building the {}", r.name().to_uppercase()));
            results.push(match spawned {
                Ok(handle) => handle.join().unwrap_or_else(|_| Err(panicked())),
                // No thread to be had: render here instead.
                Err(_) => r.render(doc, stem),
            });
        }
        results.into_iter().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A renderer that makes one file, or fails, or panics.
    struct Fake(&'static str, Option<&'static str>, bool);

    impl Renderer for Fake {
        fn name(&self) -> &str {
            self.0
        }
        fn render(&self, _: &Document, stem: &str) -> Result<Rendered, RenderError> {
            if self.2 {
                panic!("fake renderer");
            }
            match self.1 {
                Some(e) => Err(RenderError::new(e)),
                None => Ok(Rendered { files: vec![(format!("{stem}.{}", self.0), vec![1])], warnings: Vec::new() }),
            }
        }
    }

    fn seed() -> Document {
        crate::prepare(std::path::Path::new("content/but-son-2023-6-thang.yaml"), crate::layout::SizeProfile::P14).expect("the seed prepares").0
    }

    fn names(out: &[Rendered]) -> Vec<String> {
        out.iter().flat_map(|r| r.files.iter().map(|f| f.0.clone())).collect()
    }

    #[test]
    fn outputs_come_in_the_renderers_order() {
        let doc = seed();
        let (a, b, c) = (Fake("pdf", None, false), Fake("docx", None, false), Fake("png", None, false));
        let out = render_all(&[&a, &b, &c], &doc, "r").expect("renders");
        assert_eq!(names(&out), ["r.pdf", "r.docx", "r.png"]);
        assert!(render_all(&[], &doc, "r").expect("nothing to do").is_empty());
    }

    #[test]
    fn the_first_failure_in_order_is_the_error_and_a_panic_is_one() {
        let doc = seed();
        let (ok, bad, worse) = (Fake("pdf", None, false), Fake("docx", Some("docx failed"), false), Fake("png", Some("png failed"), false));
        assert_eq!(render_all(&[&ok, &bad, &worse], &doc, "r").unwrap_err().message, "docx failed");
        let panics = Fake("docx", None, true);
        assert_eq!(render_all(&[&ok, &panics], &doc, "r").unwrap_err().message, "panic while building the DOCX");
    }
}
