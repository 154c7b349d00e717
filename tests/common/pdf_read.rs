//! Reads a PDF back in Rust: every glyph's text, position, size and font, and the
//! bounding boxes of drawn paths (rules, cell borders), page by page.
//!
//! It uses hayro (`hayro-syntax` parses, `hayro-interpret` runs the content
//! streams into a [`Device`]), which typst itself already builds, so these
//! checks need nothing but Rust: `cargo test --release` runs them on a fresh
//! machine. Coordinates are PDF points from the page's top-left corner, y
//! downwards, like pdfplumber's `top`.

#![allow(dead_code)]

use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings,
    Paint, PathDrawMode, SoftMask,
};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

/// One drawn glyph.
#[derive(Debug, Clone)]
pub struct Glyph1 {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline, from the top of the page.
    pub base: f64,
    pub size: f64,
    /// PostScript name of the embedded font ("LiberationSerif-Bold"), or "" if
    /// the PDF gives none.
    pub font: String,
    /// Whether the font program is embedded (hayro found font data).
    pub embedded: bool,
}

/// A word: glyphs on one baseline with no gap wider than a fraction of the size.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub base: f64,
    pub size: f64,
    pub font: String,
}

impl Word {
    pub fn bold(&self) -> bool {
        self.font.contains("Bold")
    }
    pub fn italic(&self) -> bool {
        self.font.contains("Italic")
    }
    pub fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The bounding box of a drawn path (a rule, a cell border, a rectangle).
#[derive(Debug, Clone, Copy)]
pub struct PathBox {
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Debug, Clone)]
pub struct PageContent {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph1>,
    pub paths: Vec<PathBox>,
}

impl PageContent {
    /// Glyphs grouped into words: same baseline (±0.6 pt), left to right, split
    /// where the gap between two glyphs exceeds 0.15 of the size (a space).
    pub fn words(&self) -> Vec<Word> {
        let mut glyphs: Vec<&Glyph1> = self.glyphs.iter().filter(|g| !g.text.trim().is_empty()).collect();
        glyphs.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.x0.total_cmp(&b.x0)));
        let mut lines: Vec<Vec<&Glyph1>> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(line) if (line[0].base - g.base).abs() < 0.6 => line.push(g),
                _ => lines.push(vec![g]),
            }
        }
        let mut words = Vec::new();
        for mut line in lines {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut current: Vec<&Glyph1> = Vec::new();
            for g in line {
                if let Some(last) = current.last() {
                    if g.x0 - last.x1 > 0.15 * g.size.max(last.size) {
                        words.push(word_of(&current));
                        current.clear();
                    }
                }
                current.push(g);
            }
            if !current.is_empty() {
                words.push(word_of(&current));
            }
        }
        words
    }

    /// The page's lines: each baseline with its words joined by single spaces.
    pub fn lines(&self) -> Vec<(f64, String)> {
        let mut out: Vec<(f64, String)> = Vec::new();
        for w in self.words() {
            match out.last_mut() {
                Some((base, line)) if (*base - w.base).abs() < 0.6 => {
                    line.push(' ');
                    line.push_str(&w.text);
                }
                _ => out.push((w.base, w.text.clone())),
            }
        }
        out
    }

    /// The page's text, line by line (words joined by single spaces).
    pub fn text(&self) -> String {
        let words = self.words();
        let mut out = String::new();
        let mut last_base: Option<f64> = None;
        for w in &words {
            match last_base {
                Some(b) if (b - w.base).abs() < 0.6 => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(&w.text);
            last_base = Some(w.base);
        }
        out
    }
}

fn word_of(glyphs: &[&Glyph1]) -> Word {
    let size = glyphs[0].size;
    let base = glyphs[0].base;
    Word {
        text: glyphs.iter().map(|g| g.text.as_str()).collect(),
        x0: glyphs.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min),
        x1: glyphs.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max),
        // As pdfminer (pdfplumber) boxes a glyph: from the font's descent
        // (Liberation Serif: 0.216 em) below the baseline, one em tall.
        top: base + 0.216 * size - size,
        bottom: base + 0.216 * size,
        base,
        size,
        font: glyphs[0].font.clone(),
    }
}

/// Every page of `pdf`, read with hayro. Panics (failing the test) when the
/// bytes are not a PDF hayro can open.
pub fn read(pdf: &[u8]) -> Vec<PageContent> {
    let doc = open(pdf);
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut pages = Vec::new();
    for page in doc.pages().iter() {
        let (w, h) = page.render_dimensions();
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, w as f64, h as f64),
            &cache,
            page.xref(),
            settings.clone(),
        );
        let mut collector = Collector::default();
        interpret_page(page, &mut context, &mut collector);
        pages.push(PageContent { width: w as f64, height: h as f64, glyphs: collector.glyphs, paths: collector.paths });
    }
    pages
}

/// Trait `to_kurbo` for hayro's transform type.
use hayro_interpret::TransformExt as _;

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph1>,
    paths: Vec<PathBox>,
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, path: &BezPath, transform: Affine, _: &Paint<'a>, _: &PathDrawMode) {
        let r = (transform * path.clone()).bounding_box();
        self.paths.push(PathBox { x0: r.x0, x1: r.x1, top: r.y0, bottom: r.y1 });
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(&mut self, glyph: &Glyph<'a>, transform: Affine, glyph_transform: Affine, _: &Paint<'a>, mode: &GlyphDrawMode) {
        if matches!(mode, GlyphDrawMode::Invisible) {
            return;
        }
        let full = transform * glyph_transform;
        let origin = full * Point::ZERO;
        let [a, b, _, _, _, _] = full.as_coeffs();
        // Glyph space is 1000 units to the em.
        let size = (a * a + b * b).sqrt() * 1000.0;
        let text = match glyph.as_unicode() {
            Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
            Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
            None => String::from('\u{fffd}'),
        };
        let (font, embedded, advance) = match glyph {
            Glyph::Outline(g) => {
                let data = g.font_data();
                let name = data.as_ref().and_then(|d| d.postscript_name.clone()).unwrap_or_default();
                (strip_subset_tag(&name).to_owned(), data.is_some(), g.advance_width().unwrap_or(0.0) as f64)
            }
            Glyph::Type3(_) => (String::from("Type3"), false, 0.0),
        };
        let x1 = origin.x + advance / 1000.0 * size;
        self.glyphs.push(Glyph1 { text, x0: origin.x, x1, base: origin.y, size, font, embedded });
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// "ABCDEF+LiberationSerif-Bold" → "LiberationSerif-Bold".
fn strip_subset_tag(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// A page's media box and rotation, as the page object says.
#[derive(Debug, Clone, Copy)]
pub struct PageBox {
    pub width: f64,
    pub height: f64,
    /// Degrees clockwise: 0, 90, 180 or 270.
    pub rotation: u32,
}

pub fn page_boxes(pdf: &[u8]) -> Vec<PageBox> {
    use hayro_interpret::hayro_syntax::page::Rotation;
    let doc = open(pdf);
    doc.pages()
        .iter()
        .map(|p| {
            let m = p.media_box();
            let rotation = match p.rotation() {
                Rotation::None => 0,
                Rotation::Horizontal => 90,
                Rotation::Flipped => 180,
                Rotation::FlippedHorizontal => 270,
            };
            PageBox { width: m.x1 - m.x0, height: m.y1 - m.y0, rotation }
        })
        .collect()
}

/// The document information a reader's "Properties" shows, and the XMP packet.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub title: Option<String>,
    pub author: Option<String>,
    /// The catalog's /MarkInfo /Marked: a tagged PDF.
    pub marked: bool,
    /// The catalog's /Metadata stream, decoded.
    pub xmp: Option<String>,
}

pub fn info(pdf: &[u8]) -> DocInfo {
    use hayro_interpret::hayro_syntax::object::{Dict, Stream};
    let doc = open(pdf);
    let meta = doc.metadata();
    let catalog: Dict<'_> = doc.xref().get(doc.xref().root_id()).expect("the PDF has a catalog");
    let marked = catalog.get::<Dict<'_>>("MarkInfo").and_then(|m| m.get::<bool>("Marked")).unwrap_or(false);
    let xmp = catalog
        .get::<Stream<'_>>("Metadata")
        .and_then(|s| s.decoded().ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    DocInfo { title: meta.title.as_deref().map(text_string), author: meta.author.as_deref().map(text_string), marked, xmp }
}

/// The catalog's /Lang.
pub fn catalog_lang(pdf: &[u8]) -> Option<String> {
    use hayro_interpret::hayro_syntax::object::{Dict, String as PdfString};
    let doc = open(pdf);
    let catalog: Dict<'_> = doc.xref().get(doc.xref().root_id())?;
    catalog.get::<PdfString<'_>>("Lang").map(|s| text_string(s.as_ref()))
}

fn open(pdf: &[u8]) -> Pdf {
    Pdf::new(pdf.to_vec()).unwrap_or_else(|e| panic!("hayro cannot open the PDF: {e:?}"))
}

/// A PDF text string: UTF-16BE with a byte-order mark, else (near enough for
/// these tests) Latin-1 / PDFDocEncoding.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => match std::str::from_utf8(bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes)) {
            Ok(s) => s.to_owned(),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        },
    }
}
