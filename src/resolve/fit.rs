//! Table columns fitted to their content, measured with the bundled font.
//!
//! Every table starts from its designed widths (the profile's columns of the
//! indicator table, the `rong` weights of a plain table). A column is then never
//! narrower than the widest piece of text that may not break in it: a number
//! whole ("99.999.999.999" is one unit), a word whole, a compound only after its
//! "/" or "-" before a letter ("Tr.đồng/" | "người"). Those are exactly the places
//! where typst and LibreOffice/Word (UAX #14) may break, so a column this wide
//! never forces either of them to break inside a word or to overflow. The other
//! columns share what is left in the ratio of their designed widths. When the
//! table cannot fit, its font steps down to the profile's floor, then it goes
//! onto landscape pages, then it is refused.

use crate::layout::Profile;
use crate::measure::{known_width_pt, styled_width_pt};
use crate::model::number::VnNumber;

use super::{CellFit, GridTable, HeadCell};

/// mm per pt.
const MM_PER_PT: f32 = 25.4 / 72.0;
/// Room over a measured width: typst and Word may round a glyph's advance.
const SLACK_PT: f32 = 0.6;
/// Steps of the font size when a table does not fit, pt.
const SIZE_STEP: f32 = 0.5;

/// The pieces of `text` that may not be broken: split at spaces, and after a
/// "/" or "-" that a letter follows (UAX #14 breaks there; between digits,
/// "2023/2022" and "-4.150", it does not). In a formula of the column-number
/// row ("5=4/3*100") a break may also follow "=" or "*", as the seed prints it.
pub fn unbreakable_pieces(text: &str, formula: bool) -> Vec<&str> {
    let mut out = Vec::new();
    for word in text.split([' ', '\n']).filter(|w| !w.is_empty()) {
        let mut start = 0;
        let mut chars = word.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let after_compound = compound_joint(c, i > 0, next);
            let after_formula = formula && matches!(c, '=' | '*') && next.is_some();
            if after_compound || after_formula {
                let end = i + c.len_utf8();
                out.push(&word[start..end]);
                start = end;
            }
        }
        if start < word.len() {
            out.push(&word[start..]);
        }
    }
    out
}

/// Whether a line may break after `c`, the "/" or "-" of a compound ("đồng/ha",
/// "KT-XH"): not first in its word, and a letter follows. The one rule for
/// [`unbreakable_pieces`] and for the DOCX's explicit break opportunities.
pub fn compound_joint(c: char, not_first: bool, next: Option<char>) -> bool {
    matches!(c, '/' | '-') && not_first && next.is_some_and(char::is_alphabetic)
}

/// A piece this long that is no number (a web address, a run of letters with no
/// space) is no word of Vietnamese either: both renderers may break it anywhere
/// rather than widen its column past this share of the table.
const LONG_TOKEN_SHARE: f32 = 0.25;

/// Width in mm a column needs for `text`: its widest unbreakable piece plus the
/// cell's padding.
fn needed_mm(text: &str, size: f32, bold: bool, italic: bool, formula: bool, inset_x: f32, long_token: f32) -> f32 {
    let widest = unbreakable_pieces(text, formula)
        .into_iter()
        .map(|piece| {
            let w = styled_width_pt(piece, size, bold, italic) * MM_PER_PT;
            if w > long_token && VnNumber::parse(piece).is_err() { long_token } else { w }
        })
        .fold(0.0, f32::max);
    if widest == 0.0 {
        return 0.0;
    }
    widest + (2.0 * inset_x + SLACK_PT) * MM_PER_PT
}

/// The least width of each column at `size` pt.
fn least_widths(t: &GridTable, size: f32, p: &Profile, available: f32) -> Vec<f32> {
    let n = t.columns.len();
    let long_token = available * LONG_TOKEN_SHARE;
    let mut least = vec![0.0_f32; n];
    // Spanning cells are settled after the single ones: (first column, span, need).
    let mut spans = Vec::new();
    let mut take = |column: usize, span: usize, need: f32, least: &mut Vec<f32>| {
        if span <= 1 {
            if let Some(l) = least.get_mut(column) {
                *l = l.max(need);
            }
        } else {
            spans.push((column, span, need));
        }
    };
    // The heading rows, each cell at the column it stands in.
    for row in head_places(&t.head, n) {
        for (column, c) in row.into_iter().flatten() {
            let need = needed_mm(&c.text, size, true, c.italic, c.italic, p.table_inset_x, long_token);
            take(column, c.colspan.max(1), need, &mut least);
        }
    }
    for row in &t.rows {
        let mut column = 0;
        for c in &row.cells {
            let span = c.colspan.max(1);
            let need = needed_mm(&c.text, size, c.bold, c.italic, false, p.table_inset_x, long_token);
            take(column, span, need, &mut least);
            column += span;
        }
    }
    for (column, span, need) in spans {
        let end = (column + span).min(n);
        let have: f32 = least[column..end].iter().sum();
        if need > have {
            let extra = (need - have) / (end - column) as f32;
            least[column..end].iter_mut().for_each(|l| *l += extra);
        }
    }
    least
}

/// Widths that add up to `available`: every column at least its `least`, the
/// rest shared in the ratio of the `designed` widths (water-filling).
fn share(designed: &[f32], least: &[f32], available: f32) -> Vec<f32> {
    let n = designed.len();
    let mut fixed = vec![false; n];
    loop {
        let taken: f32 = (0..n).filter(|&i| fixed[i]).map(|i| least[i]).sum();
        let weight: f32 = (0..n).filter(|&i| !fixed[i]).map(|i| designed[i]).sum();
        let left = available - taken;
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] && (weight <= 0.0 || designed[i] / weight * left < least[i]) {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            return (0..n).map(|i| if fixed[i] { least[i] } else { designed[i] / weight * left }).collect();
        }
    }
}

/// Why a table could not be fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct TooWide {
    /// What the columns need at the smallest size, on landscape pages, mm.
    pub needed: f32,
    /// The landscape text width, mm.
    pub available: f32,
}

/// A column squeezed below this share of its designed width crowds its text
/// (a "Chỉ tiêu" column of three-line cells beside thirteen number columns).
const CROWDED_SHARE: f32 = 0.6;

/// Fits the columns of `t` (whose widths are its designed widths) to their
/// content: sets the widths, and the font size and orientation if they must
/// change. A portrait table that fits only crowded (a smaller size, or a
/// column well under its designed width) turns landscape when `may_turn` and
/// landscape holds it at the table size uncrowded, as an office would turn it.
pub fn fit(t: &mut GridTable, p: &Profile, may_turn: bool) -> Result<(), TooWide> {
    let designed: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    let designed_total: f32 = designed.iter().sum::<f32>().max(f32::EPSILON);
    let width = |landscape: bool| {
        if landscape { p.page.height - p.margin.left - p.margin.right } else { p.text_width() }
    };
    let sizes: Vec<f32> = {
        let mut v = vec![p.size_table];
        while let Some(&last) = v.last() {
            let next = last - SIZE_STEP;
            if next < p.size_table_min - 1e-3 {
                break;
            }
            v.push(next);
        }
        v
    };
    let mut needed = 0.0;
    // The widths and size of the first size that fits in an orientation.
    let mut try_fit = |landscape: bool| -> Option<(Vec<f32>, f32)> {
        let available = width(landscape);
        sizes.iter().find_map(|&size| {
            let least = least_widths(t, size, p, available);
            needed = least.iter().sum();
            (needed <= available).then(|| (share(&designed, &least, available), size))
        })
    };
    let crowded = |(widths, size): &(Vec<f32>, f32), landscape: bool| {
        let available = width(landscape);
        *size < p.size_table - 1e-3 || widths.iter().zip(&designed).any(|(w, d)| *w < d / designed_total * available * CROWDED_SHARE)
    };
    let chosen = if t.landscape {
        try_fit(true).map(|f| (f, true))
    } else {
        match try_fit(false) {
            Some(portrait) if !(may_turn && crowded(&portrait, false)) => Some((portrait, false)),
            portrait => match (try_fit(true), portrait) {
                (Some(landscape), None) => Some((landscape, true)),
                (Some(landscape), Some(_)) if !crowded(&landscape, true) => Some((landscape, true)),
                (_, portrait) => portrait.map(|f| (f, false)),
            },
        }
    };
    let Some(((widths, size), landscape)) = chosen else {
        return Err(TooWide { needed, available: width(true) });
    };
    for (c, w) in t.columns.iter_mut().zip(widths) {
        c.width = w;
    }
    t.font_size = size;
    t.landscape = landscape;
    mark_fits(t, p);
    mark_breakable(t, p);
    Ok(())
}

/// Room a text of another script keeps from its cell's inner width, in pt and
/// as a share of its width, before resolve says it fits without typst
/// measuring it: typst shapes the text (a face's substitutions), which the
/// advance widths summed here leave out. Both directions: a text must also be
/// this much wider than the cell before resolve says it does not fit on one
/// line; a text closer to the edge than this is left to the template to
/// measure. Latin text keeps only `LINES_TOLERANCE_PT` ([`cell_fit`]).
const FIT_TOLERANCE_PT: f32 = 0.5;
const FIT_TOLERANCE_SHARE: f32 = 0.02;
/// The room a number keeps instead (rounding only): among the characters of a
/// number the font's one kerning pair is "11", which narrows the pair, so
/// typst sets a number no wider than its advance widths. This marks the widest
/// number of a column, which resolve gave only `SLACK_PT` of room.
const NUMBER_TOLERANCE_PT: f32 = 0.05;

/// Only the characters of a number ("1.234", "-4,5", "87,4%", "(12)").
fn number_like(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%' | '(' | ')' | '+'))
}

/// Marks the body cells whose setting resolve already knows (see [`CellFit`]),
/// so that the PDF template measures only the others. Called once the widths
/// and the font size are final.
fn mark_fits(t: &mut GridTable, p: &Profile) {
    let widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    let size = t.font_size;
    let inner = |column: usize, span: usize| {
        let end = (column + span).min(widths.len());
        widths.get(column..end).map_or(0.0, |w| w.iter().sum::<f32>()) / MM_PER_PT - 2.0 * p.table_inset_x
    };
    // The heading rows (bold; the column-number row bold italic).
    let n = widths.len();
    let places = head_places(&t.head, n);
    // A mark of the column-number row ("5=4/3*100") wider than its column: the
    // row goes down to the profile's size when every mark fits there on one line.
    let marks: Vec<(f32, f32)> = places
        .iter()
        .flatten()
        .flatten()
        .filter(|(_, c)| c.italic && !c.text.is_empty())
        .map(|(column, c)| (styled_width_pt(&c.text, 1.0, true, true), inner(*column, c.colspan.max(1))))
        .collect();
    let fits_at = |s: f32| marks.iter().all(|&(em, room)| em * s + FIT_TOLERANCE_PT + em * s * FIT_TOLERANCE_SHARE <= room);
    let small = p.size_column_numbers.min(size);
    t.number_row_size = (!fits_at(size) && fits_at(small)).then_some(small);
    let number_size = t.number_row_size.unwrap_or(size);
    let head_fit = places
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|place| match place {
                    Some((column, c)) => {
                        let size = if c.italic { number_size } else { size };
                        cell_fit(&c.text, size, true, c.italic, inner(column, c.colspan.max(1)))
                    }
                    // Cells past the last column (a malformed head) stay measured.
                    None => CellFit::Measure,
                })
                .collect()
        })
        .collect();
    t.head_fit = head_fit;
    // The row's size on its cells, which the renderers set as given.
    for c in t.head.iter_mut().flatten().filter(|c| c.italic) {
        c.size = t.number_row_size;
    }
    for row in &mut t.rows {
        let mut column = 0;
        let mut lines = Some(0);
        for c in &mut row.cells {
            let span = c.colspan.max(1);
            let room = inner(column, span);
            c.fit = cell_fit(&c.text, size, c.bold, c.italic, room);
            lines = lines.zip(known_lines(&c.text, c.fit, size, c.bold, c.italic, room)).map(|(a, b)| a.max(b));
            column += span;
        }
        // A row of empty cells is as high as its padding: left to typst.
        row.lines = lines.filter(|&n| n > 0);
    }
}

/// How many lines `text` takes in a cell `room_mm` wide: greedy, at its spaces
/// and after the "/" or "-" of a compound (and "=" or "*" of a formula) where
/// both renderers may break ([`unbreakable_pieces`]); a piece wider than the
/// room takes as many lines as it must.
pub fn wrapped_lines(text: &str, size: f32, bold: bool, italic: bool, room_mm: f32) -> usize {
    // A cell's own line breaks ("\n") start a line each.
    if text.contains('\n') {
        return text.split('\n').map(|line| wrapped_lines(line, size, bold, italic, room_mm)).sum();
    }
    let width = |s: &str| Some(styled_width_pt(s, size, bold, italic));
    greedy(text, italic, room_mm / MM_PER_PT, width).map_or(1, |w| w.lines)
}

/// Lines set greedily in a cell `room` pt wide, at the places
/// [`unbreakable_pieces`] gives; a piece wider than the room takes as many
/// lines as it must.
struct Wrapped {
    lines: usize,
    /// How near to the room any line's width came, at every decision (a piece
    /// taken onto a line or not, a piece starting a line), pt.
    closest: f32,
    /// Whether a piece alone was wider than the room.
    overwide: bool,
}

/// The one greedy line filling of [`wrapped_lines`] and [`known_lines`];
/// `None` when `width` knows no width for a piece.
fn greedy(text: &str, formula: bool, room: f32, width: impl Fn(&str) -> Option<f32>) -> Option<Wrapped> {
    let lines_of = |w: f32| (w / room).ceil().max(1.0) as usize;
    let mut out = Wrapped { lines: 0, closest: f32::INFINITY, overwide: false };
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        for (k, piece) in unbreakable_pieces(word, formula).into_iter().enumerate() {
            let joint = if k == 0 && !line.is_empty() { " " } else { "" };
            let candidate = format!("{line}{joint}{piece}");
            let w = width(&candidate)?;
            out.closest = out.closest.min((w - room).abs());
            if line.is_empty() || w <= room {
                out.overwide |= line.is_empty() && w > room;
                line = candidate;
                line_width = w;
            } else {
                out.lines += lines_of(line_width);
                let alone = width(piece)?;
                out.closest = out.closest.min((alone - room).abs());
                out.overwide |= alone > room;
                line = piece.to_owned();
                line_width = alone;
            }
        }
    }
    if !line.is_empty() {
        out.lines += lines_of(line_width);
    }
    out.lines = out.lines.max(1);
    Some(out)
}

/// How many lines typst sets `text` on in a cell `inner` pt wide, when that
/// is certain: 0 for an empty cell, 1 for a [`CellFit::Line`], and for
/// [`CellFit::Words`] the greedy count at the places typst breaks (spaces, and
/// after the "/" or "-" of a compound, [`unbreakable_pieces`]), as
/// [`wrapped_lines`] counts them. `None` (typst measures the row) when a
/// break is decided within the tolerance of the cell's edge, a piece does
/// not fit, or the text has a character around which UAX #14 may break where
/// [`unbreakable_pieces`] does not (quotes, dashes, a "(" right after other
/// punctuation …): a wrong count would set the row too short for its text.
pub fn known_lines(text: &str, fit: CellFit, size: f32, bold: bool, italic: bool, inner: f32) -> Option<usize> {
    match fit {
        _ if text.is_empty() => Some(0),
        CellFit::Line => Some(1),
        CellFit::Measure => None,
        CellFit::Words if text.contains('\n') => {
            text.split('\n').map(|line| if line.is_empty() { None } else { known_lines(line, CellFit::Words, size, bold, italic, inner) }).sum()
        }
        CellFit::Words => {
            if !breaks_are_known(text) {
                return None;
            }
            let wrapped = greedy(text, false, inner, |s| known_width_pt(s, size, bold, italic))?;
            (wrapped.closest > LINES_TOLERANCE_PT && !wrapped.overwide).then_some(wrapped.lines)
        }
    }
}

/// How close to its cell's edge a line may end before [`known_lines`] leaves
/// the count to typst, and the room [`cell_fit`] keeps for Latin text. For
/// that text typst's widths are the advances summed here: the template sets
/// no kerning, and the bundled faces have no ligatures that apply to it
/// (their `liga`-free GSUB only touches Hebrew, tone letters and Cyrillic).
/// What is left is the template's column edges rounded to the twip (one
/// twip, 0.05 pt, on a cell's width).
const LINES_TOLERANCE_PT: f32 = 0.1;

/// Whether typst's line breaks (UAX #14) in `text` fall only where
/// [`unbreakable_pieces`] puts them: single spaces between words, Latin
/// letters (Vietnamese's among them) and ASCII digits, and the punctuation of numbers, units and compounds (". , ; : % (
/// ) / -"), where each mark stands so that UAX #14 neither breaks before it
/// nor after it except as [`compound_joint`] says. A "/" or "-" that starts a
/// word before a letter, or a mark followed by an opening "(", a "%", "/" or
/// "-", is left to typst.
fn breaks_are_known(text: &str) -> bool {
    if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().all(|(i, &c)| {
        if c.is_ascii_alphanumeric() || c == ' ' || (c.is_alphabetic() && latin(c)) {
            return true;
        }
        if !matches!(c, '.' | ',' | ';' | ':' | '%' | '(' | ')' | '/' | '-') {
            return false;
        }
        let before = i.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(i + 1).copied();
        let word_start = before.is_none_or(|b| b == ' ');
        match c {
            // A compound's joint ("KT-XH"), or none: before a digit ("-4.150",
            // "2023/2022"), alone ("-", no data), at a word's end. At a word's
            // start before a letter, UAX #14 (LB20.1) does not break.
            '/' | '-' if word_start && after.is_some_and(char::is_alphabetic) => false,
            '/' | '-' => after.is_none_or(|a| a.is_alphanumeric() || a == ' ' || matches!(a, ')' | ',' | '.' | ';' | ':')),
            // An opening bracket: after a space or at the start, or glued to a word ("Tr(đ)").
            '(' => after.is_some_and(char::is_alphanumeric),
            _ => after.is_none_or(|a| a.is_alphanumeric() || a == ' ' || matches!(a, ')' | ',' | '.' | ';' | ':')),
        }
    })
}

/// Whether typst sets `c` exactly as wide as its advance in the bundled faces:
/// Latin letters, digits and the punctuation of Latin text (Basic Latin to
/// Latin Extended-B, Latin Extended Additional, General Punctuation). Their
/// GSUB touches only Hebrew, tone letters and Cyrillic, and the template
/// sets no kerning.
fn width_is_exact(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{00A0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2010}'..='\u{205E}')
}

/// A letter of the Latin script, Vietnamese's precomposed letters included
/// (Latin-1, Extended-A and -B, Extended Additional).
fn latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') || c.is_ascii_alphabetic()
}

/// Single line spacing in a table (Word's, the template's), in em.
const TABLE_LINE_EM: f32 = 1.149;
/// A row that takes more than this share of a page's text height under the
/// heading rows breaks across pages: the line count is an estimate, and a row
/// that reaches the foot even by a line loses that line.
const BREAKABLE_SHARE: f32 = 0.85;

/// Marks the rows too tall to stand whole on a page under the heading rows
/// ([`super::GridRow::breakable`]). Called once the widths, the font size and
/// the orientation are final.
fn mark_breakable(t: &mut GridTable, p: &Profile) {
    let widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    let size = t.font_size;
    let room = |column: usize, span: usize| {
        let end = (column + span).min(widths.len());
        widths.get(column..end).map_or(0.0, |w| w.iter().sum::<f32>()) - 2.0 * p.table_inset_x * MM_PER_PT
    };
    let row_pt = |lines: usize, size: f32| lines as f32 * TABLE_LINE_EM * size + 2.0 * p.table_inset_y + p.rule_thickness;
    // The heading rows, each as tall as its tallest one-row cell.
    let places = head_places(&t.head, widths.len());
    let head_pt: f32 = places
        .iter()
        .map(|row| {
            let lines = row.iter().flatten().filter(|(_, c)| c.rowspan <= 1).map(|(column, c)| {
                wrapped_lines(&c.text, c.size.unwrap_or(size), true, c.italic, room(*column, c.colspan.max(1)))
            });
            row_pt(lines.max().unwrap_or(1), size)
        })
        .sum();
    let page_mm = if t.landscape { p.page.width } else { p.page.height } - p.margin.top - p.margin.bottom;
    let limit_pt = (page_mm / MM_PER_PT - head_pt) * BREAKABLE_SHARE;
    let mut heights = Vec::with_capacity(t.rows.len());
    for row in &mut t.rows {
        let mut column = 0;
        let mut lines = 1;
        for c in &row.cells {
            let span = c.colspan.max(1);
            lines = lines.max(wrapped_lines(&c.text, size, c.bold, c.italic, room(column, span)));
            column += span;
        }
        let height = row_pt(lines, size);
        row.breakable = height > limit_pt;
        if row.breakable {
            row.lines = None;
        }
        heights.push(height);
    }
    t.row_heights = heights;
    t.unit_limit = limit_pt;
    // A total's unit (the total and the row above it) never breaks: only
    // when the two stand whole on a page together. A taller unit (a row of
    // a page's length above the total) would run past the page's foot.
    if t.tail_rows.is_some_and(|k| !t.last_rows_fit(k)) {
        t.tail_rows = None;
    }
}

/// How a text of this style sets in a cell `inner` pt wide (see [`CellFit`]).
pub fn cell_fit(text: &str, size: f32, bold: bool, italic: bool, inner: f32) -> CellFit {
    // Lines of their own: set as they are when each line is.
    if text.contains('\n') {
        let each = text.split('\n').map(|line| cell_fit(line, size, bold, italic, inner));
        return if each.into_iter().all(|f| f != CellFit::Measure) { CellFit::Words } else { CellFit::Measure };
    }
    // Text of the Latin script sets exactly as wide as its advances (no
    // kerning, no ligature: see `LINES_TOLERANCE_PT`); other text keeps a
    // shaper's room from the edge.
    let exact = text.chars().all(width_is_exact);
    let tolerance = |w: f32| if exact { LINES_TOLERANCE_PT } else { FIT_TOLERANCE_PT + w * FIT_TOLERANCE_SHARE };
    let Some(whole) = known_width_pt(text, size, bold, italic) else { return CellFit::Measure };
    let room = if number_like(text) { NUMBER_TOLERANCE_PT } else { tolerance(whole) };
    if whole + room <= inner {
        return CellFit::Line;
    }
    if whole - tolerance(whole) <= inner {
        return CellFit::Measure;
    }
    let words_fit = text.split(' ').all(|w| known_width_pt(w, size, bold, italic).is_some_and(|x| x + tolerance(x) <= inner));
    if words_fit { CellFit::Words } else { CellFit::Measure }
}

/// Where each heading cell stands: its first column, walking the grid row by
/// row and skipping the columns a cell above covers with its row span. A cell
/// past the last column (a malformed head) is `None`.
fn head_places(head: &[Vec<HeadCell>], n: usize) -> Vec<Vec<Option<(usize, &HeadCell)>>> {
    let mut covered = vec![0_usize; n];
    head.iter()
        .map(|row| {
            let mut places = Vec::with_capacity(row.len());
            let mut cells = row.iter();
            let mut column = 0;
            while column < n {
                if covered[column] > 0 {
                    covered[column] -= 1;
                    column += 1;
                    continue;
                }
                let Some(c) = cells.next() else { break };
                let span = c.colspan.max(1);
                if c.rowspan > 1 {
                    for k in column..(column + span).min(n) {
                        covered[k] = c.rowspan - 1;
                    }
                }
                places.push(Some((column, c)));
                column += span;
            }
            places.extend(cells.map(|_| None));
            places
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words_stay_whole_compounds_break_after_their_joint() {
        assert_eq!(unbreakable_pieces("99.999.999.999", false), ["99.999.999.999"]);
        assert_eq!(unbreakable_pieces("-4.150", false), ["-4.150"]);
        assert_eq!(unbreakable_pieces("2023/2022(%)", false), ["2023/2022(%)"]);
        assert_eq!(unbreakable_pieces("Tr.đồng/người", false), ["Tr.đồng/", "người"]);
        assert_eq!(unbreakable_pieces("Công nghiệp - xây dựng", false), ["Công", "nghiệp", "-", "xây", "dựng"]);
        assert_eq!(unbreakable_pieces("KT-XH", false), ["KT-", "XH"]);
        assert_eq!(unbreakable_pieces("5=4/3*100", true), ["5=", "4/3*", "100"]);
        assert_eq!(unbreakable_pieces("5=4/3*100", false), ["5=4/3*100"]);
    }

    #[test]
    fn a_cell_is_left_to_the_template_unless_it_clearly_fits_or_clearly_wraps() {
        let w = |s: &str| styled_width_pt(s, 11.0, false, false);
        let one = w("87,4");
        assert_eq!(cell_fit("87,4", 11.0, false, false, one + 5.0), CellFit::Line);
        // A number is set no wider than its advances ("11" is the only kerning
        // pair among its characters, and it narrows): a rounding's room is enough.
        assert_eq!(cell_fit("87,4", 11.0, false, false, one + 0.1), CellFit::Line);
        assert_eq!(cell_fit("87,4", 11.0, false, false, one - 0.1), CellFit::Measure);
        // Latin text sets as wide as its advances (no kerning, no ligature):
        // only the twip rounding of the column's edges is kept from the edge.
        let word = w("Duy trì");
        assert_eq!(cell_fit("Duy trì", 11.0, false, false, word + 0.2), CellFit::Line);
        assert_eq!(cell_fit("Duy trì", 11.0, false, false, word + 0.05), CellFit::Measure);
        assert_eq!(cell_fit("Duy trì", 11.0, false, false, word - 0.05), CellFit::Measure);
        // Text of another script keeps a shaper's room either way.
        let cyrillic = w("Москва");
        assert_eq!(cell_fit("Москва", 11.0, false, false, cyrillic + 0.2), CellFit::Measure);
        assert_eq!(cell_fit("Москва", 11.0, false, false, cyrillic + 5.0), CellFit::Line);
        // Wider than the cell, every word narrower: it wraps at its spaces.
        let text = "Tổng sản phẩm trên địa bàn";
        assert_eq!(cell_fit(text, 11.0, false, false, w("Tổng sản") + 1.0), CellFit::Words);
        // A word wider than the cell: the template breaks or shrinks it.
        assert_eq!(cell_fit(text, 11.0, false, false, w("phẩm") - 1.0), CellFit::Measure);
        // A combining mark: the advances alone do not decide.
        assert_eq!(cell_fit("e\u{301}", 11.0, false, false, 100.0), CellFit::Measure);
        // A cell's own line break: each line decides; both fit, so typst's
        // line breaking sets it (it breaks at "\n" as at a linebreak()).
        assert_eq!(cell_fit("a\nb", 11.0, false, false, 100.0), CellFit::Words);
    }

    #[test]
    fn columns_share_what_is_left_in_their_designed_ratio() {
        let w = share(&[1.0, 1.0, 2.0], &[0.0, 0.0, 0.0], 100.0);
        assert_eq!(w, [25.0, 25.0, 50.0]);
        // A column that needs more than its share gets its need; the others share the rest.
        let w = share(&[1.0, 1.0, 2.0], &[40.0, 0.0, 0.0], 100.0);
        assert!((w[0] - 40.0).abs() < 1e-4 && (w[1] - 20.0).abs() < 1e-4 && (w[2] - 40.0).abs() < 1e-4, "{w:?}");
    }

    #[test]
    fn a_cells_own_line_breaks_count_and_are_never_one_line() {
        let one = wrapped_lines("Thôn Nam", 11.0, false, false, 40.0);
        assert_eq!(one, 1);
        assert_eq!(wrapped_lines("Khu vực số 3\nThôn Nam\nThôn Bắc", 11.0, false, false, 40.0), 3);
        // Short lines that would fit on one line together stay apart.
        assert_eq!(cell_fit("Thôn Nam\nThôn Bắc", 11.0, false, false, 200.0), CellFit::Words);
        assert_eq!(cell_fit("Thôn Nam Thôn Bắc", 11.0, false, false, 200.0), CellFit::Line);
        assert_eq!(unbreakable_pieces("Nam\nBắc", false), ["Nam", "Bắc"]);
    }

    #[test]
    fn a_rows_lines_are_known_only_where_typst_cannot_break_otherwise() {
        let w = |s: &str| styled_width_pt(s, 11.0, false, false);
        let lines = |text: &str, inner: f32| known_lines(text, cell_fit(text, 11.0, false, false, inner), 11.0, false, false, inner);
        let text = "Thôn Nam Thôn Nam Thôn Nam";
        // Two words a line, with room to spare: three lines.
        assert_eq!(lines(text, w("Thôn Nam") + 3.0), Some(3));
        // A line that ends within a tenth of a point of the edge: left to typst.
        assert_eq!(lines(text, w("Thôn Nam") + 0.05), None);
        assert_eq!(lines(text, w("Thôn Nam") - 0.05), None);
        // One line, and no line at all.
        assert_eq!(lines("87,4", 40.0), Some(1));
        assert_eq!(lines("", 40.0), Some(0));
        // A compound breaks after its joint, as typst breaks it.
        let room = w("Thu nhập Tr.đồng/").max(w("Tr.đồng/người")) + 3.0;
        assert!(w("Thu nhập Tr.đồng/người") > room + 1.0);
        assert_eq!(lines("Thu nhập Tr.đồng/người", room), Some(2));
        // Characters around which UAX #14 breaks where the pieces do not.
        for odd in ["Công nghiệp – xây dựng", "“Thôn Nam” Thôn Bắc", "Thôn Nam,(Bắc) Thôn", "Xã -Nam Thôn Bắc"] {
            assert_eq!(lines(odd, w("Thôn Nam") + 3.0), None, "{odd}");
        }
        // A lone "-" (no data) and a negative number stay whole.
        assert_eq!(lines("-", 40.0), Some(1));
        assert_eq!(lines("-4.150 và -2,5", w("-4.150 và") + 3.0), Some(2));
        // Another script: its shaping may change the advances.
        assert_eq!(lines("Москва Москва Москва", w("Москва") + 3.0), None);
        // Each of a cell's own lines counts.
        assert_eq!(lines("Thôn Nam\nThôn Bắc", 200.0), Some(2));
    }
}
