//! Runs and paragraphs: the small pieces every part of the document is made of.

use docx_rs::{Paragraph, Run, Table, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType, LineSpacing};

use super::styles::style;
use super::units::{pt, unsigned, ASCENT_EM};
use crate::resolve::Inline;

/// A run of text. `bold`: Some(false) switches off a bold the style gives.
pub(super) fn run(text: &str, bold: Option<bool>, italic: bool) -> Run {
    // A table cell's own line breaks: Word's line break (Shift+Enter), since a
    // newline in <w:t> reads as a space.
    let mut r = Run::new();
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    match bold {
        Some(true) => r = r.bold(),
        Some(false) => r = r.disable_bold(),
        None => {}
    }
    if italic {
        r = r.italic();
    }
    r
}

/// An inline as a run; in a bold style (`bold_style`) a non-bold inline switches
/// bold off explicitly.
pub(super) fn inline_run(i: &Inline, bold_style: bool) -> Run {
    let bold = match (i.bold, bold_style) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    run(&line_text(i, &i.text), bold, i.italic)
}

/// A piece of a title's inline in a bold style: bold stays on (a title is bold
/// even when its inlines are not marked bold, as in typst), italic as marked.
pub(super) fn title_run(i: &Inline, text: &str) -> Run {
    run(&line_text(i, text), None, i.italic)
}

/// No-break space (Word: Ctrl+Shift+Space).
const NO_BREAK_SPACE: char = '\u{a0}';
/// Non-breaking hyphen. It stands in the run's text only until the post-pass
/// writes it as Word's own `<w:noBreakHyphen/>` (Ctrl+Shift+-), which Word and
/// LibreOffice draw as "-" and text readers (python-docx) read as "-".
pub(super) const NON_BREAKING_HYPHEN: char = '\u{2011}';

/// The text of a run as the word processor must see it so that it breaks lines
/// only where typst may: in an unbreakable inline, spaces become no-break
/// spaces and "-" a non-breaking hyphen. Nothing invisible is added: the word
/// joiners this used to put after "-", "–" and "/" kept every line but made the
/// text differ from the document's (Word's Find, copy-paste, text readers).
/// Without them a break stays possible after "/" and "–"; LibreOffice's print
/// of every sample and of the seed has the PDF's lines all the same.
fn line_text(i: &Inline, text: &str) -> String {
    if !i.unbreakable {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            ' ' => NO_BREAK_SPACE,
            '-' => NON_BREAKING_HYPHEN,
            c => c,
        })
        .collect()
}

/// Space above the first line of two side-by-side cells of different sizes that
/// puts their first baselines level (typst: `ascent`): (pad of a, pad of b).
pub(super) fn level_pads(size_a: f32, size_b: f32) -> (i32, i32) {
    let first = size_a.max(size_b) * ASCENT_EM;
    (
        pt(first - size_a * ASCENT_EM),
        pt(first - size_b * ASCENT_EM),
    )
}

pub(super) fn line(style_id: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style_id)
        .add_run(Run::new().add_text(text))
}

/// A short solid rule of `width` twips centred in `available` twips.
pub(super) fn rule(width: i32, available: i32) -> Paragraph {
    let side = ((available - width) / 2).max(0);
    Paragraph::new()
        .style(style::RULE)
        .indent(Some(side), None, Some(side), None)
}

/// Sets the space above and/or below a paragraph (twips), keeping its style's
/// other spacing (direct formatting, where a block ends or begins: the style
/// cannot know).
pub(super) fn spaced(p: Paragraph, before: Option<i32>, after: Option<i32>) -> Paragraph {
    let mut spacing = LineSpacing::new();
    if let Some(before) = before {
        spacing = spacing.before(unsigned(before) as u32);
    }
    if let Some(after) = after {
        spacing = spacing.after(unsigned(after) as u32);
    }
    p.line_spacing(spacing)
}

pub(super) fn cell(width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

/// A borderless layout table (header block, signature block) with no cell padding,
/// so that its columns are exactly the profile's.
pub(super) fn layout_table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let total = widths.iter().sum();
    Table::new(rows)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .clear_all_border()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smaller_text_is_pushed_down_to_a_common_baseline() {
        let (a, b) = level_pads(12.0, 14.0);
        assert_eq!((a, b), (pt(2.0 * ASCENT_EM), 0));
    }
}
