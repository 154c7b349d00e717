//! Text widths measured with the bundled font's metrics, for every stage that
//! must know how wide a text will be set: resolve (table columns fitted to
//! their content) and the DOCX renderer (balanced title lines, rule lengths).
//! Liberation Serif is metric-compatible with Times New Roman, so the widths
//! hold for the PDF (typst) and for Word and LibreOffice (the DOCX) alike.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInstance, FontVariant, FontVariations};

/// The bundled faces: regular, bold, italic, bold italic. The one copy in the
/// binary: the PDF renderer's fonts and the measures here share it.
pub(crate) static BUNDLED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

fn face(bold: bool, italic: bool) -> Option<&'static FontInstance> {
    static FONTS: OnceLock<[Option<FontInstance>; 4]> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            BUNDLED.map(|data| {
                let font = Font::new(Bytes::new(data), 0)?;
                // Static fonts: the variant and size change nothing here.
                Some(font.instantiate(FontVariant::default(), Abs::pt(10.0), &FontVariations::default()))
            })
        })
        .get(usize::from(bold) + 2 * usize::from(italic))
        .and_then(Option::as_ref)
}

/// The advance width of `text` in pt, set in Times New Roman (regular or bold)
/// without kerning, as Word sets it. A character the font lacks counts 0.5 em.
pub fn text_width_pt(text: &str, size: f32, bold: bool) -> f32 {
    styled_width_pt(text, size, bold, false)
}

/// Like [`text_width_pt`], in any of the four faces.
pub fn styled_width_pt(text: &str, size: f32, bold: bool, italic: bool) -> f32 {
    let Some(font) = face(bold, italic) else {
        return text.chars().count() as f32 * 0.5 * size;
    };
    let ttf = font.ttf();
    let em: f64 = text
        .chars()
        .map(|c| ttf.glyph_index(c).and_then(|g| font.x_advance(g.0)).map_or(0.5, |advance| advance.get()))
        .sum();
    em as f32 * size
}

/// Like [`styled_width_pt`], but only for text whose width the advances alone
/// decide: `None` if a character is missing from the face (its width would be
/// a guess), is a combining mark (placed by the shaper, not by its advance) or
/// a control character (a line break).
pub fn known_width_pt(text: &str, size: f32, bold: bool, italic: bool) -> Option<f32> {
    let font = face(bold, italic)?;
    let ttf = font.ttf();
    let mut em = 0.0_f64;
    for c in text.chars() {
        if c.is_control() || unicode_normalization::char::is_combining_mark(c) {
            return None;
        }
        em += ttf.glyph_index(c).and_then(|g| font.x_advance(g.0))?.get();
    }
    Some(em as f32 * size)
}
