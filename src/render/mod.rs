//! The renderers. Each draws a [`crate::resolve::Document`] and decides nothing;
//! all of them are called the same way, through [`Renderer`] (after mdBook's
//! `Renderer` trait), and fail with one error type, [`RenderError`].

pub mod docx;
pub mod pdf;
pub mod typeset;

use crate::diag::Msg;
use crate::resolve::Document;
use std::cell::RefCell;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// One output format drawn from the display-ready document.
pub trait Renderer: Sync {
    /// The format's name, as `--format` spells it ("pdf", "docx", "png").
    fn name(&self) -> &str;

    /// Draws `doc` in memory: the files to write, named after `stem` (the
    /// report's file name without its extension), and any warnings.
    fn render(&self, doc: &Document, stem: &str) -> Result<Rendered, RenderError>;

    /// Whether this renderer lays pages out with typst, which spreads its
    /// layout over every core: see [`render_all`]. Such a renderer calls
    /// [`layout_over`] when its layout is done.
    fn lays_out(&self) -> bool {
        false
    }
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

/// Runs `renderers` over `doc` side by side: the first on the calling thread,
/// each other one on a thread of its own. Their outputs in the renderers'
/// order, or the first error in that order.
///
/// When the first lays pages out with typst (the PDF), the others start when
/// that layout is over, and build while typst exports the PDF: typst's layout
/// runs on every core, its export on one, and a DOCX built beside the layout
/// slowed the render by about 3 ms in 90 (benches/RESULTS.md, tenth session).
pub fn render_all(renderers: &[&dyn Renderer], doc: &Document, stem: &str) -> Result<Vec<Rendered>, RenderError> {
    let Some((first, others)) = renderers.split_first() else { return Ok(Vec::new()) };
    let gate = Arc::new(Gate::default());
    std::thread::scope(|scope| {
        // Opens the gate however the first renderer ends: done, failed before
        // its layout, or panicking (the scope waits for the others, which must
        // not wait for ever).
        let _open_at_the_end = OpenOnDrop(Arc::clone(&gate));
        let wait_for_layout = first.lays_out() && !others.is_empty();
        if wait_for_layout {
            LAYOUT_GATE.with(|g| *g.borrow_mut() = Some(Arc::clone(&gate)));
        } else {
            gate.open();
        }
        let handles: Vec<_> = others
            .iter()
            .map(|r| {
                let gate = Arc::clone(&gate);
                let spawned = std::thread::Builder::new()
                    .name(format!("vanban-{}", r.name()))
                    .stack_size(RENDER_STACK)
                    .spawn_scoped(scope, move || {
                        gate.wait();
                        r.render(doc, stem)
                    });
                (*r, spawned)
            })
            .collect();
        let first_result = first.render(doc, stem);
        // Not left for another document's render on this thread.
        LAYOUT_GATE.with(|g| g.borrow_mut().take());
        gate.open();
        let mut results = vec![first_result];
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

/// Says that the layout of the document [`render_all`] is drawing on this
/// thread is over: the renderers waiting for it start. Elsewhere (a renderer on
/// a thread of its own, a test calling the typesetter) it does nothing.
pub fn layout_over() {
    if let Some(gate) = LAYOUT_GATE.with(|g| g.borrow_mut().take()) {
        gate.open();
    }
}

thread_local! {
    /// The gate of the render [`render_all`] runs on this thread, while its
    /// first renderer lays out.
    static LAYOUT_GATE: RefCell<Option<Arc<Gate>>> = const { RefCell::new(None) };
}

/// Shut until opened once; then open for good.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn open(&self) {
        // A poisoned lock still holds the flag: nothing else runs under it.
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        *open = true;
        self.opened.notify_all();
    }

    fn wait(&self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        while !*open {
            open = self.opened.wait(open).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

struct OpenOnDrop(Arc<Gate>);

impl Drop for OpenOnDrop {
    fn drop(&mut self) {
        // Also after a panic: no gate is left on this thread for the next document.
        let _ = LAYOUT_GATE.try_with(|g| g.borrow_mut().take());
        self.0.open();
    }
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

    /// A first renderer that "lays out" for a while, then fails, panics or
    /// says its layout is over; and a second that notes when it starts.
    struct Layouter<'a> {
        log: &'a Mutex<Vec<&'static str>>,
        ends: &'static str,
    }

    impl Renderer for Layouter<'_> {
        fn name(&self) -> &str {
            "pdf"
        }
        fn lays_out(&self) -> bool {
            true
        }
        fn render(&self, _: &Document, stem: &str) -> Result<Rendered, RenderError> {
            std::thread::sleep(std::time::Duration::from_millis(60));
            match self.ends {
                "fails" => return Err(RenderError::new("template error")),
                "panics" => panic!("fake layout"),
                _ => {}
            }
            self.log.lock().unwrap().push("layout over");
            layout_over();
            std::thread::sleep(std::time::Duration::from_millis(20));
            self.log.lock().unwrap().push("exported");
            Ok(Rendered { files: vec![(format!("{stem}.pdf"), vec![1])], warnings: Vec::new() })
        }
    }

    struct Noted<'a>(&'a Mutex<Vec<&'static str>>);

    impl Renderer for Noted<'_> {
        fn name(&self) -> &str {
            "docx"
        }
        fn render(&self, _: &Document, stem: &str) -> Result<Rendered, RenderError> {
            self.0.lock().unwrap().push("docx starts");
            Ok(Rendered { files: vec![(format!("{stem}.docx"), vec![1])], warnings: Vec::new() })
        }
    }

    #[test]
    fn the_others_start_when_the_first_renderers_layout_is_over() {
        let doc = seed();
        let log = Mutex::new(Vec::new());
        let out = render_all(&[&Layouter { log: &log, ends: "ok" }, &Noted(&log)], &doc, "r").expect("renders");
        assert_eq!(names(&out), ["r.pdf", "r.docx"]);
        let log = log.into_inner().unwrap();
        assert_eq!(log[0], "layout over", "the DOCX started during the layout: {log:?}");
        assert!(log.contains(&"docx starts") && log.contains(&"exported"), "{log:?}");
        // Nothing is left waiting on this thread for the next document.
        assert!(LAYOUT_GATE.with(|g| g.borrow().is_none()));
    }

    #[test]
    fn a_first_renderer_failing_or_panicking_before_its_layout_is_over_holds_nobody() {
        let doc = seed();
        for (ends, error) in [("fails", "template error"), ("panics", "panic while building the PDF")] {
            let log = Mutex::new(Vec::new());
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render_all(&[&Layouter { log: &log, ends }, &Noted(&log)], &doc, "r")
            }));
            match result {
                Ok(r) => assert_eq!(r.unwrap_err().message, error),
                // The first renderer runs on the calling thread: its panic is the caller's.
                Err(_) => assert_eq!(ends, "panics"),
            }
            assert_eq!(log.into_inner().unwrap_or_else(PoisonError::into_inner), ["docx starts"], "{ends}");
            assert!(LAYOUT_GATE.with(|g| g.borrow().is_none()), "{ends}");
        }
    }
}
