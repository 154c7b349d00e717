//! Lines in the DOCX: the lines resolve decided (`crate::resolve::Line`: the
//! trích yếu, a part's title, Kính gửi, Nơi nhận, the signer's titles), drawn
//! as they are: one paragraph per line, or line breaks between the lines of
//! one paragraph; the spans no line may break in kept by the unbreakable-run
//! mechanism of [`super::runs`].

use docx_rs::{BreakType, Paragraph, Run};

use super::runs::{inline_run, title_run};
use crate::resolve::Line;

/// The runs of a line. `bold_style`: the paragraph's style is bold, and the
/// line with it (a title: bold even where its inlines are not marked bold).
pub(super) fn line_runs(line: &Line, bold_style: bool) -> Vec<Run> {
    line.0
        .iter()
        .map(|i| if bold_style { title_run(i, &i.text) } else { inline_run(i, false) })
        .collect()
}

/// A paragraph of style `style_id` holding one line.
pub(super) fn line_paragraph(style_id: &str, line: &Line, bold_style: bool) -> Paragraph {
    line_runs(line, bold_style)
        .into_iter()
        .fold(Paragraph::new().style(style_id), Paragraph::add_run)
}

/// The runs of several lines in one paragraph, a line break after each line
/// but the last.
pub(super) fn lines_runs(lines: &[Line], bold_style: bool) -> Vec<Run> {
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let mut runs = line_runs(line, bold_style);
        if k + 1 < lines.len() {
            let last = runs.pop().unwrap_or_else(Run::new);
            runs.push(last.add_break(BreakType::TextWrapping));
        }
        out.extend(runs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Inline;
    use docx_rs::BuildXML;

    #[test]
    fn lines_break_between_them_and_keep_their_spans() {
        let lines = [
            Line(vec![Inline::plain("theo Quyết định số "), Inline { unbreakable: true, ..Inline::plain("06/QĐ-TTg") }]),
            Line(vec![Inline::plain("của Thủ tướng")]),
        ];
        let xml: Vec<String> = lines_runs(&lines, true).iter().map(|r| String::from_utf8(r.build()).unwrap()).collect();
        assert_eq!(xml.len(), 3, "{xml:?}");
        assert!(!xml[0].contains("<w:br"), "{xml:?}");
        // The symbol: its hyphen non-breaking (the post-pass makes it Word's
        // element), nothing after "/", and the line break after it.
        assert!(xml[1].contains("06/QĐ\u{2011}TTg") && xml[1].contains("<w:br"), "{xml:?}");
        assert!(xml[2].contains(">của Thủ tướng<") && !xml[2].contains("<w:br"), "{xml:?}");
    }
}
