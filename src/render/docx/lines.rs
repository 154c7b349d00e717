//! Text widths and balanced lines: where a word processor wraps, and where to
//! break a centred title so that its lines are nearly equal (as typst does).

use docx_rs::{BreakType, Run};

use crate::measure::text_width_pt;
use crate::resolve::Inline;

/// A balanced line this close to the full width is what plain wrapping gives
/// anyway: leave such lines to the word processor, without explicit breaks.
const BALANCE_SLACK: f32 = 0.98;

/// First-fit wrapping of the words of `text` (split at single spaces) into lines
/// of at most `width` pt, as a word processor wraps: the byte offsets of the
/// spaces where lines break, and the width of the widest line.
pub(super) fn wrap(text: &str, size: f32, bold: bool, width: f32) -> (Vec<usize>, f32) {
    let space = text_width_pt(" ", size, bold);
    let mut breaks = Vec::new();
    let (mut line, mut widest) = (0.0_f32, 0.0_f32);
    let mut offset = 0;
    for (i, word) in text.split(' ').enumerate() {
        let w = text_width_pt(word, size, bold);
        if i > 0 && line + space + w > width {
            breaks.push(offset - 1);
            widest = widest.max(line);
            line = w;
        } else if i > 0 {
            line += space + w;
        } else {
            line = w;
        }
        offset += word.len() + 1;
    }
    (breaks, widest.max(line))
}

/// Where to break a centred `text` so that it takes as few lines as at
/// `max_width` pt, but lines of nearly equal length rather than a word left alone
/// on the last line (typst's `balanced` in layouts/vanban.typ): the byte offsets
/// of the spaces to turn into line breaks, and the widest line's width in pt.
/// No breaks when the text fits on one line, or when balancing gains nothing
/// (its lines would be as wide as plain wrapping's).
pub(super) fn balanced_breaks(text: &str, size: f32, bold: bool, max_width: f32) -> (Vec<usize>, f32) {
    let (greedy, natural) = wrap(text, size, bold, max_width);
    if greedy.is_empty() {
        return (greedy, natural);
    }
    // The narrowest width that still needs no more lines, by bisection.
    let (mut lo, mut hi) = (max_width / 2.0, max_width);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if wrap(text, size, bold, mid).0.len() <= greedy.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let (breaks, widest) = wrap(text, size, bold, hi);
    if widest > max_width * BALANCE_SLACK {
        return (Vec::new(), natural.min(max_width));
    }
    (breaks, widest)
}

/// Runs of `inlines` with a line break in place of each space at `breaks` (byte
/// offsets into their joined text); `run_of` styles a piece of an inline.
pub(super) fn runs_with_breaks(
    inlines: &[Inline],
    breaks: &[usize],
    run_of: impl Fn(&Inline, &str) -> Run,
) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut base = 0;
    for inline in inlines {
        let text = inline.text.as_str();
        let mut start = 0;
        for &b in breaks
            .iter()
            .filter(|&&b| b >= base && b < base + text.len())
        {
            let at = b - base;
            runs.push(run_of(inline, &text[start..at]).add_break(BreakType::TextWrapping));
            start = at + 1;
        }
        if start < text.len() {
            runs.push(run_of(inline, &text[start..]));
        }
        base += text.len();
    }
    runs
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

    #[test]
    fn breaks_replace_spaces_across_inlines() {
        use docx_rs::BuildXML;
        let inlines = [Inline::plain("ab c"), Inline::bold("d e")];
        // Joined "ab cd e": breaks at the space in "ab c" (2) and in "d e" (5).
        let runs = runs_with_breaks(&inlines, &[2, 5], |_, t| Run::new().add_text(t));
        let xml: Vec<String> = runs
            .iter()
            .map(|r| String::from_utf8(r.build()).unwrap())
            .collect();
        assert_eq!(xml.len(), 4, "{xml:?}");
        assert!(
            xml[0].contains(">ab<") && xml[0].contains("<w:br"),
            "{xml:?}"
        );
        assert!(
            xml[1].contains(">c<") && !xml[1].contains("<w:br"),
            "{xml:?}"
        );
        assert!(
            xml[2].contains(">d<") && xml[2].contains("<w:br"),
            "{xml:?}"
        );
        assert!(xml[3].contains(">e<"), "{xml:?}");
    }

}
