//! Text widths measured with the bundled font's metrics, for every stage that
//! must know how wide a text will be set: resolve (table columns fitted to
//! their content, balanced title lines, rule lengths) and the DOCX renderer
//! (the height of Nơi nhận).
//! Liberation Serif is metric-compatible with Times New Roman, so the widths
//! hold for the PDF (typst) and for Word and LibreOffice (the DOCX) alike.

use std::sync::atomic::{AtomicU64, Ordering};
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

/// One bundled face with its advances, looked up once a character: a title,
/// a table of 2 000 rows and the checks measure the same few hundred
/// characters again and again, and a cmap lookup per character was a quarter
/// of `check`'s time.
struct Face {
    font: FontInstance,
    /// The advance in em of characters below `CACHED`, as f64 bits;
    /// `UNKNOWN` until first asked, `NO_GLYPH` when the face lacks it.
    advances: Box<[AtomicU64]>,
}

/// Characters below U+2100 are cached: Vietnamese letters (Latin-1, Latin
/// Extended-A/B, Latin Extended Additional U+1E00–U+1EFF), combining marks and
/// general punctuation (dashes, quotes).
const CACHED: usize = 0x2100;
const UNKNOWN: u64 = u64::MAX;
const NO_GLYPH: u64 = u64::MAX - 1;

impl Face {
    /// The advance of `c` in em, `None` if the face has no glyph for it.
    fn advance(&self, c: char) -> Option<f64> {
        let lookup = || self.font.ttf().glyph_index(c).and_then(|g| self.font.x_advance(g.0)).map(|a| a.get());
        let Some(slot) = self.advances.get(c as usize) else { return lookup() };
        // Relaxed: every thread computes the same value for a slot.
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let advance = lookup();
                slot.store(advance.map_or(NO_GLYPH, f64::to_bits), Ordering::Relaxed);
                advance
            }
            NO_GLYPH => None,
            bits => Some(f64::from_bits(bits)),
        }
    }
}

fn face(bold: bool, italic: bool) -> Option<&'static Face> {
    static FONTS: OnceLock<[Option<Face>; 4]> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            BUNDLED.map(|data| {
                let font = Font::new(Bytes::new(data), 0)?;
                // Static fonts: the variant and size change nothing here.
                let font = font.instantiate(FontVariant::default(), Abs::pt(10.0), &FontVariations::default());
                Some(Face { font, advances: (0..CACHED).map(|_| AtomicU64::new(UNKNOWN)).collect() })
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
    let em: f64 = text.chars().map(|c| font.advance(c).unwrap_or(0.5)).sum();
    em as f32 * size
}

/// Like [`styled_width_pt`], but only for text whose width the advances alone
/// decide: `None` if a character is missing from the face (its width would be
/// a guess), is a combining mark (placed by the shaper, not by its advance) or
/// a control character (a line break).
pub fn known_width_pt(text: &str, size: f32, bold: bool, italic: bool) -> Option<f32> {
    let font = face(bold, italic)?;
    let mut em = 0.0_f64;
    for c in text.chars() {
        if c.is_control() || unicode_normalization::char::is_combining_mark(c) {
            return None;
        }
        em += font.advance(c)?;
    }
    Some(em as f32 * size)
}

/// Lines are balanced within this fraction of the width they may take, so that
/// a line resolve decides is never wrapped again by typst or the word processor
/// (their shaping may differ from the advance widths by a little).
pub const BALANCE_SLACK: f32 = 0.98;

/// One word to wrap: the width of the space before it and its own width, pt. A
/// "word" is what lies between two spaces a line may break at (a symbol such as
/// "27/7/1947 - 27/7/2023" that may not break is one word, spaces and all).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word {
    pub space: f32,
    pub width: f32,
}

/// First-fit wrapping of `words` into lines of at most `width` pt, as a word
/// processor wraps: the indices of the words that begin a new line, and the
/// width of the widest line. (A word wider than `width` has a line of its own.)
pub fn wrap_words(words: &[Word], width: f32) -> (Vec<usize>, f32) {
    let mut breaks = Vec::new();
    let (mut line, mut widest) = (0.0_f32, 0.0_f32);
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            line = w.width;
        } else if line + w.space + w.width > width {
            breaks.push(i);
            widest = widest.max(line);
            line = w.width;
        } else {
            line += w.space + w.width;
        }
    }
    (breaks, widest.max(line))
}

/// Where to break a centred title so that it takes as few lines as at
/// `BALANCE_SLACK` × `max_width` pt, but lines of nearly equal length rather
/// than a word left alone on the last line: the indices of the words that begin
/// a new line, and the widest line's width in pt. No breaks when the whole
/// fits on one line of `max_width`.
pub fn balanced_words(words: &[Word], max_width: f32) -> (Vec<usize>, f32) {
    let (none, natural) = wrap_words(words, f32::INFINITY);
    if natural <= max_width {
        return (none, natural);
    }
    let limit = max_width * BALANCE_SLACK;
    let lines = wrap_words(words, limit).0.len();
    // The narrowest width that still needs no more lines, by bisection.
    let (mut lo, mut hi) = (0.0_f32, limit);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if wrap_words(words, mid).0.len() <= lines {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap_words(words, hi)
}

/// The words of a plain `text` (split at single spaces), in one face.
fn plain_words(text: &str, size: f32, bold: bool) -> Vec<Word> {
    let space = text_width_pt(" ", size, bold);
    text.split(' ').map(|w| Word { space, width: text_width_pt(w, size, bold) }).collect()
}

/// The byte offsets of the spaces before the words at `starts` (word indices of
/// `text` split at single spaces).
fn space_offsets(text: &str, starts: &[usize]) -> Vec<usize> {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    starts.iter().map(|&w| spaces[w - 1]).collect()
}

/// First-fit wrapping of the words of `text` (split at single spaces) into lines
/// of at most `width` pt: the byte offsets of the spaces where lines break, and
/// the width of the widest line.
pub fn wrap(text: &str, size: f32, bold: bool, width: f32) -> (Vec<usize>, f32) {
    let (starts, widest) = wrap_words(&plain_words(text, size, bold), width);
    (space_offsets(text, &starts), widest)
}

/// [`balanced_words`] for a plain `text` in one face: the byte offsets of the
/// spaces to turn into line breaks, and the widest line's width in pt.
pub fn balanced_breaks(text: &str, size: f32, bold: bool, max_width: f32) -> (Vec<usize>, f32) {
    let (starts, widest) = balanced_words(&plain_words(text, size, bold), max_width);
    (space_offsets(text, &starts), widest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_motto_is_measured_at_its_real_width() {
        // Times New Roman Bold 14 pt: 171.2 pt (typst's measure of the PDF).
        let w = text_width_pt("Độc lập - Tự do - Hạnh phúc", 14.0, true);
        assert!((170.5..172.0).contains(&w), "{w}");
    }

    #[test]
    fn a_long_title_breaks_into_balanced_lines() {
        let title = "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN 6 tháng đầu năm 2023";
        let width = 165.0 * 72.0 / 25.4;
        let (breaks, widest) = balanced_breaks(title, 14.0, true, width);
        // typst: "… nhiệm vụ phát triển" / "KT-XH, QP-AN 6 tháng đầu năm 2023".
        assert_eq!(breaks, vec![title.find(" KT-XH").unwrap()]);
        assert!(widest < width * 0.6, "{widest}");
        // A short one stays on its line.
        assert_eq!(
            balanced_breaks("Phần thứ nhất", 14.0, true, width).0,
            Vec::<usize>::new()
        );
    }
}
