//! Lines in the DOCX: a text's runs with explicit line breaks where resolve or
//! the shared wrapping (`crate::measure::{wrap, balanced_breaks}`) put them.

use docx_rs::{BreakType, Run};

use crate::resolve::Inline;

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
