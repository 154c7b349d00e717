//! Header and title lines, decided once for both renderers: where a centred
//! title breaks (balanced lines, measured with the bundled font's advance
//! widths: src/measure.rs), where a header line may not break (the same spans
//! as in the body: [`no_break_spans`]), and how long the short rules under the
//! issuer, the Tiêu ngữ and the trích yếu are. The PDF template and the DOCX
//! set exactly these lines and rules.

use super::{no_break_spans, Inline, Line};
use crate::layout::Profile;
use crate::measure::{balanced_words, styled_width_pt, text_width_pt, Word};
use crate::phrase::{breaks_before, BreakBefore};

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The text width of a portrait page, pt.
pub(crate) fn text_width_pt_of(p: &Profile) -> f32 {
    p.text_width() * PT_PER_MM
}

/// A header line of plain text, with the spans no line may break in marked (a
/// document symbol "06/QĐ-TTg", a spaced dash with its words).
pub(crate) fn spans(text: &str) -> Line {
    Line(no_break_spans(vec![Inline::plain(text)]))
}

/// The width of a line, pt, set at `size` in bold (`bold`, or where an inline is
/// bold) and italic (`italic`, or where an inline is italic).
pub(crate) fn line_width(line: &Line, size: f32, bold: bool, italic: bool) -> f32 {
    line.0.iter().map(|i| styled_width_pt(&i.text, size, bold || i.bold, italic || i.italic)).sum()
}

/// The words of `inlines` set at `size` (bold if `bold` or the inline is) for
/// wrapping: what lies between the spaces a line may break at, none inside an
/// unbreakable inline, each with how a break before it reads
/// ([`crate::phrase::breaks_before`]); and those spaces, as (inline, byte offset).
pub(crate) fn words_of(inlines: &[Inline], size: f32, bold: bool) -> (Vec<Word>, Vec<(usize, usize)>) {
    let mut words: Vec<Word> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut at: Vec<(usize, usize)> = Vec::new();
    let mut current = Word { space: 0.0, width: 0.0, before: BreakBefore::Plain };
    let mut text = String::new();
    for (k, i) in inlines.iter().enumerate() {
        let (b, it) = (bold || i.bold, i.italic);
        if i.unbreakable {
            current.width += styled_width_pt(&i.text, size, b, it);
            text.push_str(&i.text);
            continue;
        }
        let mut start = 0;
        for (offset, _) in i.text.match_indices(' ') {
            current.width += styled_width_pt(&i.text[start..offset], size, b, it);
            text.push_str(&i.text[start..offset]);
            words.push(current);
            texts.push(std::mem::take(&mut text));
            at.push((k, offset));
            current = Word { space: styled_width_pt(" ", size, b, it), width: 0.0, before: BreakBefore::Plain };
            start = offset + 1;
        }
        current.width += styled_width_pt(&i.text[start..], size, b, it);
        text.push_str(&i.text[start..]);
    }
    words.push(current);
    texts.push(text);
    for (w, before) in words.iter_mut().zip(breaks_before(&texts)) {
        w.before = before;
    }
    (words, at)
}

/// A centred title (`inlines`, set at `size`, bold if `bold`) as lines for a
/// width of `max_width` pt: one line when it fits; else as few lines as it
/// needs, of nearly equal length and broken at phrase boundaries, rather than
/// inside a word or with a word left alone on the last line ([`balanced_words`];
/// every line keeps a safety margin, so that typst and the word processor never
/// wrap it again). Lines break only at spaces outside the
/// unbreakable inlines; the space at a break is dropped.
pub(crate) fn balanced(inlines: Vec<Inline>, size: f32, bold: bool, max_width: f32) -> Vec<Line> {
    if inlines.iter().all(|i| i.text.is_empty()) {
        return Vec::new();
    }
    let (words, at) = words_of(&inlines, size, bold);
    let (starts, _) = balanced_words(&words, max_width);
    let breaks: Vec<(usize, usize)> = starts.iter().map(|&w| at[w - 1]).collect();

    let mut lines = Vec::new();
    let mut line = Vec::new();
    for (k, i) in inlines.into_iter().enumerate() {
        let mut start = 0;
        for &(_, offset) in breaks.iter().filter(|(bk, _)| *bk == k) {
            if offset > start {
                line.push(Inline { text: i.text[start..offset].to_owned(), ..i.clone() });
            }
            lines.push(Line(std::mem::take(&mut line)));
            start = offset + 1;
        }
        if start < i.text.len() {
            line.push(Inline { text: i.text[start..].to_owned(), ..i });
        }
    }
    lines.push(Line(line));
    lines
}

/// The trích yếu (ô 5a) as printed: the author's lines as given when each fits
/// the text width; else (a line would wrap and leave a word alone) all of them
/// run together and broken into balanced lines. Bold, size_summary.
pub(crate) fn summary(given: &[String], p: &Profile) -> Vec<Line> {
    let width = text_width_pt_of(p);
    if given.iter().all(|l| text_width_pt(l, p.size_summary, true) <= width) {
        return given.iter().map(|l| spans(l)).collect();
    }
    balanced(no_break_spans(vec![Inline::plain(given.join(" "))]), p.size_summary, true, width)
}

/// A công văn's "V/v …" (ô 5b) as printed under the số: the author's lines as
/// given when each fits the left header column; else all of them run together
/// and broken into balanced lines of that column. Upright,
/// size_summary_under_number; symbols such as "06/QĐ-TTg" never split.
pub(crate) fn subject(given: &[String], p: &Profile) -> Vec<Line> {
    let width = p.header_columns[0] * PT_PER_MM;
    let size = p.size_summary_under_number;
    let fits = |l: &Line| line_width(l, size, false, false) <= width;
    let as_given: Vec<Line> = given.iter().map(|l| spans(l)).collect();
    if as_given.iter().all(fits) {
        return as_given;
    }
    balanced(no_break_spans(vec![Inline::plain(given.join(" "))]), size, false, width)
}

/// The lines of the cơ quan chủ quản (`bold` false) or of the tên cơ quan ban
/// hành (`bold`) in the header's left column: each line as typed, split into
/// balanced lines where it is wider than the column. Decided here so that typst
/// and the word processor, which would each wrap it their own way, set the same
/// lines; `check` warns of each line split.
pub fn header_name_lines(typed: &[String], bold: bool, p: &Profile) -> Vec<String> {
    let column = p.header_columns[0] * PT_PER_MM;
    let mut out = Vec::with_capacity(typed.len());
    for line in typed {
        let (breaks, _) = crate::measure::balanced_breaks(line, p.size_issuer, bold, column);
        let mut at = 0;
        for space in breaks {
            out.push(line[at..space].to_owned());
            at = space + 1;
        }
        out.push(line[at..].to_owned());
    }
    out
}

/// The rule under the issuer: issuer_rule_fraction × its longest bold line (at
/// most the left column), pt; 0 without an issuer.
pub(crate) fn issuer_rule(issuing_body: &[String], p: &Profile) -> f32 {
    let widest = issuing_body.iter().map(|l| text_width_pt(l, p.size_issuer, true)).fold(0.0, f32::max);
    p.issuer_rule_fraction * widest.min(p.header_columns[0] * PT_PER_MM)
}

/// The rule under the Tiêu ngữ: as long as it (at most the right column), pt.
pub(crate) fn motto_rule(motto: &str, p: &Profile) -> f32 {
    text_width_pt(motto, p.size_motto, true).min(p.header_columns[1] * PT_PER_MM)
}

/// The rule under the tên loại and trích yếu: summary_rule_fraction × the
/// widest trích yếu line, or × the tên loại when there is no trích yếu (a giấy
/// giới thiệu); at most the text width, pt. 0 for a type without a tên loại
/// (a công văn: no rule).
pub(crate) fn title_rule(doc_type: &str, summary: &[Line], p: &Profile) -> f32 {
    if doc_type.is_empty() {
        return 0.0;
    }
    let widest = if summary.is_empty() {
        text_width_pt(doc_type, p.size_doc_type, true)
    } else {
        summary.iter().map(|l| line_width(l, p.size_summary, true, false)).fold(0.0, f32::max)
    };
    p.summary_rule_fraction * widest.min(text_width_pt_of(p))
}

/// The rule under an attached text's title: summary_rule_fraction × the widest
/// of its trích yếu lines (bold) and its "(Kèm theo …)" lines (italic, body
/// size), at most the text width, pt.
pub(crate) fn attachment_rule(summary: &[Line], reference: &[Line], p: &Profile) -> f32 {
    let widest = summary
        .iter()
        .map(|l| line_width(l, p.size_summary, true, false))
        .chain(reference.iter().map(|l| line_width(l, p.size_body, false, true)))
        .fold(0.0, f32::max);
    p.summary_rule_fraction * widest.min(text_width_pt_of(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SizeProfile;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn a_title_that_fits_stays_on_one_line() {
        let p = SizeProfile::P14.load().unwrap();
        let lines = balanced(vec![Inline::plain("Phần thứ nhất")], 14.0, true, text_width_pt_of(&p));
        assert_eq!(texts(&lines), ["Phần thứ nhất"]);
    }

    #[test]
    fn a_long_trich_yeu_is_balanced_without_a_lone_last_word() {
        let p = SizeProfile::P14.load().unwrap();
        let width = text_width_pt_of(&p);
        let given = [
            "Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh 6 tháng đầu năm 2023".to_owned(),
        ];
        // As one line it is wider than the page: plain wrapping would leave a
        // word or two alone on the second line.
        assert!(text_width_pt(&given[0], p.size_summary, true) > width);
        let lines = summary(&given, &p);
        assert_eq!(lines.len(), 2, "{:?}", texts(&lines));
        assert_eq!(texts(&lines).join(" "), given[0], "the text is unchanged");
        let w: Vec<f32> = lines.iter().map(|l| line_width(l, p.size_summary, true, false)).collect();
        assert!(w.iter().all(|&w| w <= width * crate::measure::BALANCE_SLACK), "{w:?}");
        // Nearly equal: the shorter line is at least half the longer.
        assert!(w[0].min(w[1]) > 0.5 * w[0].max(w[1]), "{w:?}");
        // The spaced dashes keep their words: no line ends or starts with "-".
        for l in texts(&lines) {
            assert!(!l.starts_with('-') && !l.ends_with('-'), "{l:?}");
        }
    }

    #[test]
    fn lines_break_only_outside_unbreakable_spans() {
        // A width that would break inside "27/7/1947 - 27/7/2023" if it could.
        let inlines = no_break_spans(vec![Inline::plain("Kỷ niệm 76 năm ngày Thương binh - Liệt sĩ 27/7/1947 - 27/7/2023")]);
        let full = line_width(&Line(inlines.clone()), 14.0, true, false);
        for fraction in [0.55, 0.6, 0.7, 0.8] {
            let lines = balanced(inlines.clone(), 14.0, true, full * fraction);
            let all = texts(&lines);
            assert!(all.iter().any(|l| l.contains("27/7/1947 - 27/7/2023")), "{fraction}: {all:?}");
            assert!(all.iter().any(|l| l.contains("binh - Liệt")), "{fraction}: {all:?}");
            // The unbreakable marks survive the split.
            let kept = lines.iter().flat_map(|l| &l.0).filter(|i| i.unbreakable).count();
            assert_eq!(kept, 2, "{fraction}: {lines:?}");
        }
    }

    #[test]
    fn a_long_v_v_line_is_balanced_in_the_left_column_and_keeps_its_symbols() {
        let p = SizeProfile::P13.load().unwrap();
        let width = p.header_columns[0] * PT_PER_MM;
        let given = ["V/v triển khai thực hiện Quyết định số 06/QĐ-TTg về phát triển ứng dụng dữ liệu dân cư".to_owned()];
        let lines = subject(&given, &p);
        assert!(lines.len() >= 2, "{:?}", texts(&lines));
        for l in &lines {
            assert!(line_width(l, p.size_summary_under_number, false, false) <= width, "{:?}", texts(&lines));
        }
        // Nothing lost, and the symbol whole on one line.
        assert_eq!(texts(&lines).join(" "), given[0]);
        assert!(texts(&lines).iter().any(|l| l.contains("06/QĐ-TTg")), "{:?}", texts(&lines));
        // Balanced: the last line is not a lone word.
        assert!(texts(&lines).last().unwrap().contains(' '), "{:?}", texts(&lines));
        // Lines that fit stay as the author wrote them.
        let short = ["V/v Đề nghị hỗ trợ kinh phí sửa chữa".to_owned(), "kênh mương nội đồng".to_owned()];
        assert_eq!(texts(&subject(&short, &p)), short);
    }

    #[test]
    fn titles_set_by_resolve_break_at_phrase_boundaries() {
        // Sample titles run together into one line (as an author may give them):
        // width alone broke "kinh | phí", "kế | hoạch", "nhân dân | xã tại".
        let p = SizeProfile::P14.load().unwrap();
        let v_v = ["V/v Đề nghị hỗ trợ kinh phí sửa chữa kênh mương nội đồng sau mưa lũ".to_owned()];
        assert_eq!(texts(&subject(&v_v, &p)), ["V/v Đề nghị hỗ trợ kinh phí", "sửa chữa kênh mương", "nội đồng sau mưa lũ"]);
        let plan = ["Kết quả thực hiện nhiệm vụ năm 2023 và kế hoạch phát triển kinh tế - xã hội năm 2024".to_owned()];
        assert_eq!(
            texts(&balanced(no_break_spans(vec![Inline::plain(plan[0].clone())]), p.size_summary, true, text_width_pt_of(&p))),
            ["Kết quả thực hiện nhiệm vụ năm 2023", "và kế hoạch phát triển kinh tế - xã hội năm 2024"]
        );
        let conclusion = ["Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp giao ban tháng 9 năm 2026".to_owned()];
        assert_eq!(
            texts(&balanced(no_break_spans(vec![Inline::plain(conclusion[0].clone())]), p.size_summary, true, text_width_pt_of(&p))),
            ["Kết luận của Chủ tịch Ủy ban nhân dân xã", "tại cuộc họp giao ban tháng 9 năm 2026"]
        );
    }

    #[test]
    fn rules_are_fractions_of_their_lines() {
        let p = SizeProfile::P14.load().unwrap();
        let issuer = ["ỦY BAN NHÂN DÂN".to_owned(), "THỊ TRẤN BÚT SƠN".to_owned()];
        let widest = text_width_pt("THỊ TRẤN BÚT SƠN", p.size_issuer, true).max(text_width_pt("ỦY BAN NHÂN DÂN", p.size_issuer, true));
        assert!((issuer_rule(&issuer, &p) - p.issuer_rule_fraction * widest).abs() < 1e-3);
        assert_eq!(issuer_rule(&[], &p), 0.0);
        // A name longer than the column is split into balanced lines that fit it.
        let split = header_name_lines(&["ỦY BAN NHÂN DÂN THỊ TRẤN NÔNG TRƯỜNG MỘC CHÂU HUYỆN MỘC CHÂU".to_owned(), "PHÒNG Y TẾ".to_owned()], true, &p);
        assert_eq!(split[..3], ["ỦY BAN NHÂN DÂN", "THỊ TRẤN NÔNG TRƯỜNG", "MỘC CHÂU HUYỆN"], "{split:?}");
        assert_eq!(split.join(" "), "ỦY BAN NHÂN DÂN THỊ TRẤN NÔNG TRƯỜNG MỘC CHÂU HUYỆN MỘC CHÂU PHÒNG Y TẾ");
        assert!(split.iter().all(|l| text_width_pt(l, p.size_issuer, true) <= p.header_columns[0] * PT_PER_MM), "{split:?}");
        assert_eq!(split.last().map(String::as_str), Some("PHÒNG Y TẾ"), "a line that fits is kept as typed");
        // A name longer than the column: the rule is a fraction of the column.
        let long = ["ỦY BAN NHÂN DÂN THỊ TRẤN NÔNG TRƯỜNG MỘC CHÂU HUYỆN".to_owned()];
        assert!((issuer_rule(&long, &p) - p.issuer_rule_fraction * p.header_columns[0] * PT_PER_MM).abs() < 1e-3);
        // No trích yếu: a fraction of the tên loại; no tên loại: no rule.
        let by_type = title_rule("GIẤY GIỚI THIỆU", &[], &p);
        assert!((by_type - p.summary_rule_fraction * text_width_pt("GIẤY GIỚI THIỆU", p.size_doc_type, true)).abs() < 1e-3);
        assert_eq!(title_rule("", &[spans("V/v")], &p), 0.0);
        let m = motto_rule(super::super::MOTTO, &p);
        assert!((170.0..172.5).contains(&m), "{m}");
    }
}

/// A signer alone in the signature's right column: each title line wider
/// than the column broken into balanced lines at phrase boundaries ("PHÓ CHỦ
/// TỊCH THƯỜNG TRỰC" / "ỦY BAN NHÂN DÂN XÃ"), decided here as for the signers
/// of a biên bản, instead of wrapped word by word by each renderer ("… ỦY" /
/// "BAN NHÂN DÂN XÃ").
pub(crate) fn single_signer(mut signer: super::Signature, p: &Profile) -> super::Signature {
    balance_titles(&mut signer, p.signature_columns[1] * PT_PER_MM, p);
    signer
}

/// A signer's title lines, each wider than `width` pt broken into balanced
/// lines at phrase boundaries.
fn balance_titles(signer: &mut super::Signature, width: f32, p: &Profile) {
    signer.authority = std::mem::take(&mut signer.authority).into_iter().flat_map(|l| balanced(l.0, p.size_signature, true, width)).collect();
}

/// A biên bản's signers laid out side by side ([`super::SignerGrid`]): two in
/// Mẫu 1.9's columns (thư ký | gap | chủ tọa), three in three equal columns,
/// four in two rows of two. Each title line is broken to its column (balanced,
/// as a centred title) and, within a row, the signers with fewer lines get
/// empty ones after their titles, so that the rooms and the names are level.
pub(crate) fn signer_grid(mut signers: Vec<super::Signature>, p: &Profile) -> super::SignerGrid {
    let (columns, rows): (Vec<f32>, Vec<Vec<Option<usize>>>) = match signers.len() {
        2 => (p.two_signer_columns.to_vec(), vec![vec![Some(0), None, Some(1)]]),
        3 => (p.three_signer_columns.to_vec(), vec![vec![Some(0), Some(1), Some(2)]]),
        // Four (and, should `check` be passed by, more): rows of two.
        n => (p.four_signer_columns.to_vec(), (0..n).step_by(2).map(|i| vec![Some(i), (i + 1 < n).then_some(i + 1)]).collect()),
    };
    for row in &rows {
        for (column, i) in row.iter().enumerate() {
            let Some(s) = i.and_then(|i| signers.get_mut(i)) else { continue };
            balance_titles(s, columns.get(column).copied().unwrap_or_default() * PT_PER_MM, p);
        }
        let tallest = row.iter().flatten().filter_map(|&i| signers.get(i)).map(|s| s.authority.len()).max().unwrap_or(0);
        for &i in row.iter().flatten() {
            if let Some(s) = signers.get_mut(i) {
                s.authority.resize(tallest, Line(Vec::new()));
            }
        }
    }
    let recipients_width = columns.first().copied().unwrap_or_default().max(p.signature_columns[0]);
    super::SignerGrid { columns, rows, signers, recipients_width }
}
