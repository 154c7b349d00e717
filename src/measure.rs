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

use crate::phrase::{breaks_before, BreakBefore};

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

/// The widest advance in the regular face, in em (at least 0.5, what a
/// character the face lacks counts): no text of `n` characters is wider than
/// `n` times this, which lets a check skip measuring what cannot be too wide.
pub fn widest_advance_em() -> f64 {
    static WIDEST: OnceLock<f64> = OnceLock::new();
    *WIDEST.get_or_init(|| {
        let Some(face) = face(false, false) else { return 0.5 };
        let glyphs = face.font.ttf().number_of_glyphs();
        (0..glyphs).filter_map(|g| face.font.x_advance(g)).map(|a| a.get()).fold(0.5, f64::max)
    })
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

/// One word to wrap: the width of the space before it and its own width, pt,
/// and how a line break before it reads. A "word" is what lies between two
/// spaces a line may break at (a symbol such as "27/7/1947 - 27/7/2023" that
/// may not break is one word, spaces and all).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word {
    pub space: f32,
    pub width: f32,
    pub before: BreakBefore,
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

/// What a balanced break costs beyond the lines' imbalance (the sum of the
/// squared differences of each line's width from the mean, relative to the
/// mean): a break between two words of one phrase costs as much as two lines
/// 20 % off the mean, so a phrase boundary nearby is preferred to exact balance;
/// a break inside a word or after a function word costs more than lines as
/// unequal as 1 : 4 (a last resort, when no other break gives that few lines).
fn break_cost(before: BreakBefore) -> f32 {
    match before {
        BreakBefore::Phrase => 0.0,
        BreakBefore::Plain => 0.08,
        BreakBefore::InsideWord => 2.0,
    }
}

/// A line holding one word only: as bad as lines 1 : 3, less bad than a word
/// split.
const LONE_WORD_COST: f32 = 1.0;

/// Where to break a centred title so that it takes as few lines as at
/// `BALANCE_SLACK` × `max_width` pt, of nearly equal length, broken at phrase
/// boundaries ([`crate::phrase`]) rather than inside a word or with a word left
/// alone on the last line: the indices of the words that begin a new line, and
/// the widest line's width in pt. No breaks when the whole fits on one line of
/// `max_width`. Every way to break into that many lines is weighed (titles are
/// short): imbalance plus [`break_cost`] per break plus [`LONE_WORD_COST`].
pub fn balanced_words(words: &[Word], max_width: f32) -> (Vec<usize>, f32) {
    let (none, natural) = wrap_words(words, f32::INFINITY);
    if natural <= max_width {
        return (none, natural);
    }
    let limit = max_width * BALANCE_SLACK;
    let first_fit = wrap_words(words, limit);
    let lines = first_fit.0.len() + 1;
    let n = words.len();
    // ends[i]: the width of words 0..i set on one line, with the space before
    // word 0; a line of words a..b is ends[b] - ends[a] - words[a].space.
    let mut ends = vec![0.0_f32; n + 1];
    for (i, w) in words.iter().enumerate() {
        ends[i + 1] = ends[i] + w.space + w.width;
    }
    let width = |a: usize, b: usize| ends[b] - ends[a] - words[a].space;
    // The least cost of breaking into `lines` lines, and the line starts.
    let solve = |lines: usize| -> Option<(f32, Vec<usize>)> {
        let mean = natural / lines as f32;
        // best[m][j]: the least cost of words 0..j in m lines, and where the
        // last of those lines starts.
        let mut best = vec![vec![(f32::INFINITY, 0_usize); n + 1]; lines + 1];
        best[0][0].0 = 0.0;
        for m in 1..=lines {
            for j in m..=n {
                for a in (m - 1)..j {
                    let before = best[m - 1][a].0;
                    let w = width(a, j);
                    // A word wider than the limit has a line of its own.
                    if before.is_infinite() || (w > limit && j - a > 1) {
                        continue;
                    }
                    let mut cost = before + ((w - mean) / mean).powi(2);
                    if a > 0 {
                        cost += break_cost(words[a].before);
                    }
                    if j - a == 1 {
                        cost += LONE_WORD_COST;
                    }
                    if cost < best[m][j].0 {
                        best[m][j] = (cost, a);
                    }
                }
            }
        }
        if best[lines][n].0.is_infinite() {
            return None;
        }
        let mut starts = Vec::with_capacity(lines - 1);
        let mut j = n;
        for m in (1..=lines).rev() {
            let a = best[m][j].1;
            if a > 0 {
                starts.push(a);
            }
            j = a;
        }
        starts.reverse();
        Some((best[lines][n].0, starts))
    };
    let Some((cost, mut starts)) = solve(lines) else { return first_fit };
    // As few lines as fit, unless that splits a word ("kiên | cố hóa") where
    // one more line would not: a title a line longer reads better than one
    // with a word broken in two.
    if cost >= break_cost(BreakBefore::InsideWord) && n > lines {
        if let Some((more, more_starts)) = solve(lines + 1) {
            if more + EXTRA_LINE_COST < cost {
                starts = more_starts;
            }
        }
    }
    let mut widest = 0.0_f32;
    let mut a = 0;
    for &b in starts.iter().chain([n].iter()) {
        widest = widest.max(width(a, b));
        a = b;
    }
    (starts, widest)
}

/// What one more line of a balanced title costs against a break inside a word
/// in fewer lines: less than that break, more than a line's imbalance.
const EXTRA_LINE_COST: f32 = 1.0;

/// The words of a plain `text` (split at single spaces), in one face.
fn plain_words(text: &str, size: f32, bold: bool) -> Vec<Word> {
    let space = text_width_pt(" ", size, bold);
    let texts: Vec<&str> = text.split(' ').collect();
    texts
        .iter()
        .zip(breaks_before(&texts))
        .map(|(w, before)| Word { space, width: text_width_pt(w, size, bold), before })
        .collect()
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
    fn no_character_is_wider_than_the_widest_advance() {
        let widest = widest_advance_em();
        // Liberation Serif's widest glyphs are about one em; a bound of the
        // fallback 0.5 would let the overflow check skip real overflows.
        assert!((0.9..2.0).contains(&widest), "{widest}");
        let chars = crate::fonts::vietnamese_letters().into_iter().chain((' '..='~').chain(['—', '…', '%', '‰', 'W', 'M']));
        for c in chars {
            let w = text_width_pt(&c.to_string(), 1.0, false) as f64;
            assert!(w <= widest + 1e-6, "{c:?}: {w} em > {widest}");
        }
    }

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

    /// `title` broken by [`balanced_breaks`] for `width`, as lines.
    fn balanced_lines(title: &str, width: f32) -> Vec<String> {
        let (breaks, _) = balanced_breaks(title, 14.0, true, width);
        let mut lines = Vec::new();
        let mut start = 0;
        for b in breaks {
            lines.push(title[start..b].to_owned());
            start = b + 1;
        }
        lines.push(title[start..].to_owned());
        lines
    }

    /// Every width from `from` × 5 % to 95 % of `title` on one line: as few lines as
    /// first-fit wrapping, each within the width; and the lines, for the caller.
    fn at_every_width(title: &str, from: u8) -> Vec<(f32, Vec<String>)> {
        let natural = text_width_pt(title, 14.0, true);
        (from..=19)
            .map(|k| {
                let width = natural * k as f32 * 0.05;
                let lines = balanced_lines(title, width);
                let fewest = wrap(title, 14.0, true, width * BALANCE_SLACK).0.len() + 1;
                assert_eq!(lines.len(), fewest, "{width}: {lines:?}");
                for l in &lines {
                    assert!(text_width_pt(l, 14.0, true) <= width * BALANCE_SLACK, "{width}: {lines:?}");
                }
                assert_eq!(lines.join(" "), title);
                (width, lines)
            })
            .collect()
    }

    #[test]
    fn a_title_breaks_at_phrase_boundaries_not_inside_a_word() {
        // Plain balancing gave "… phòng, chống thiên | tai …", "… công | tác …".
        for title in [
            "Về việc tăng cường công tác phòng, chống thiên tai năm 2024",
            "Về việc tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn xã năm 2024",
        ] {
            // Narrower, "tăng cường" alone is wider than a line.
            for (width, lines) in at_every_width(title, 8) {
                for l in &lines[..lines.len() - 1] {
                    for split in [" thiên", " công", " tăng", "phòng,", " tìm", " cứu", " trên", " năm", " và"] {
                        assert!(!l.ends_with(split), "{width}: {lines:?}");
                    }
                }
            }
        }
        // A title that fits stays on one line, phrase openers and all.
        let fits = "Về việc tăng cường công tác phòng, chống thiên tai năm 2024";
        assert!(balanced_breaks(fits, 14.0, true, text_width_pt(fits, 14.0, true) + 0.5).0.is_empty());
        // "… kinh | tế - xã hội …", "phát | triển", "xã | hội" before.
        // Narrower, no three lines keep "kinh tế - xã hội" whole here (resolve
        // keeps a spaced dash with its words: an unbreakable span).
        for (width, lines) in at_every_width("Kế hoạch phát triển kinh tế - xã hội năm 2025", 10) {
            for l in &lines {
                assert!(!l.starts_with(['-', '2']) && !l.ends_with('-'), "{width}: {lines:?}");
                for split in [" kinh", " xã", " phát", " năm"] {
                    assert!(!l.ends_with(split), "{width}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn the_seed_trich_yeu_keeps_its_time_phrase_whole() {
        // The seed's two given lines run together (the first is wider than the
        // page): before, "… QP-AN 6 tháng" / "đầu năm 2023 và …" split "6 tháng
        // đầu năm 2023"; now the break is before the count, after the comma pair.
        let title = "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN 6 tháng đầu năm 2023 và nhiệm vụ trọng tâm 6 tháng cuối năm 2023";
        let lines = balanced_lines(title, 165.0 * 72.0 / 25.4);
        assert_eq!(
            lines,
            [
                "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN",
                "6 tháng đầu năm 2023 và nhiệm vụ trọng tâm 6 tháng cuối năm 2023"
            ]
        );
    }

    #[test]
    fn balance_still_decides_between_breaks_that_read_alike() {
        // Every break of "Ban hành Quy chế làm việc của Tổ công tác chuyển đổi
        // số xã An Bình" at half its width: before "của" reads best and is near
        // the middle.
        let title = "Ban hành Quy chế làm việc của Tổ công tác chuyển đổi số xã An Bình";
        let lines = balanced_lines(title, text_width_pt(title, 14.0, true) * 0.7);
        assert_eq!(lines, ["Ban hành Quy chế làm việc", "của Tổ công tác chuyển đổi số xã An Bình"]);
    }
}
