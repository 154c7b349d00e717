//! Page-flow decisions, made once for both renderers: which titles go onto a
//! landscape table's first page, whether Nơi nhận and the signature are taller
//! than a page (and then flow on), and what of the body's end stays on the page
//! of the signature block. The PDF template and the DOCX renderer only draw
//! what is decided here (layouts/vanban.typ, src/render/docx/).

use super::document::{Block, Line, Recipients, Signature, SignerGrid};
use crate::layout::Profile;
use crate::measure::wrap_words;

const PT_PER_MM: f32 = 72.0 / 25.4;

// Word's single line spacing and typst's line box, em (layouts/vanban.typ,
// "Line metrics").
use crate::layout::{LINE_BOX_EM, SINGLE_LINE_EM as SINGLE_EM};
/// The ascent of a line (its top edge to its baseline), em.
const ASCENT_EM: f32 = 0.891;

/// A wrapped line is taken to need this much more than its advance widths
/// (kerning, typst's shaping), pt and share of the width, as the table cells'
/// measures allow for (src/resolve/fit.rs): a Nơi nhận item is wrapped a little
/// early, so that its lines are never under-counted.
const WRAP_TOLERANCE_PT: f32 = 0.5;
const WRAP_TOLERANCE_SHARE: f32 = 0.02;

/// Is `b` a title that must stay with what follows (a part, a heading without
/// run-in text)?
fn is_title(b: &Block) -> bool {
    matches!(b, Block::Part { .. } | Block::Heading { keep_with_next: true, .. })
}

/// Is `b` a paragraph that introduces what follows ("… như sau:")?
fn introduces(b: &Block) -> bool {
    match b {
        Block::Paragraph { inlines } => inlines.iter().rev().find(|i| !i.text.trim().is_empty()).is_some_and(|i| i.text.trim_end().ends_with(':')),
        _ => false,
    }
}

/// Moves the titles just before each landscape table (a part, headings without
/// run-in text), and a paragraph that introduces it ("… như sau:"), into the
/// table's `lead`: they are printed at the top of its first landscape page,
/// since they cannot stay with a table across the break into rotated pages.
pub(super) fn move_leads(body: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(body.len());
    for block in body {
        match block {
            Block::Table(mut t) if t.landscape => {
                let mut start = out.len();
                if out.last().is_some_and(introduces) {
                    start -= 1;
                }
                while start > 0 && is_title(&out[start - 1]) {
                    start -= 1;
                }
                // Not when that would take the whole body before it: page 1
                // would stand empty under the title block. What introduces the
                // table stays on page 1, the table on the next page.
                if start == 0 {
                    start = out.len();
                }
                t.lead = out.split_off(start);
                out.push(Block::Table(t));
            }
            other => out.push(other),
        }
    }
    out
}

/// The pitch of a single-spaced line of `size` pt, pt: Word's single spacing
/// (1.149 em), or typst's line box with its leading (the template's
/// single-leading, 0.042 em of the body size around these lines) when that is
/// more: the larger of the two, so that a height is never under-estimated.
fn pitch(size: f32, p: &Profile) -> f32 {
    (LINE_BOX_EM * size + (SINGLE_EM - LINE_BOX_EM) * size.max(p.size_body)).max(SINGLE_EM * size)
}

/// The lines of one Nơi nhận item in a column `width` pt wide (at least one),
/// broken only where resolve's lines may break (not inside "06/QĐ-TTg" or
/// "Tài chính - Kế hoạch": [`super::lines::words_of`]).
fn item_lines(item: &Line, size: f32, width: f32) -> usize {
    let width = width * (1.0 - WRAP_TOLERANCE_SHARE) - WRAP_TOLERANCE_PT;
    let (words, _) = super::lines::words_of(&item.0, size, false);
    wrap_words(&words, width).0.len() + 1
}

/// The height of "Nơi nhận:" and its items in a column `width_mm` wide, pt.
fn recipients_height(r: &Recipients, width_mm: f32, p: &Profile) -> f32 {
    let lines: usize = r
        .items
        .iter()
        .enumerate()
        .map(|(k, i)| {
            // A group's member starts set in (its first line the narrower).
            let indent = if r.sub_items.contains(&k) { p.recipients_sub_indent } else { 0.0 };
            item_lines(i, p.size_recipients, (width_mm - indent) * PT_PER_MM)
        })
        .sum();
    pitch(p.size_recipients_label, p) + lines as f32 * pitch(p.size_recipients, p)
}

/// The height of a signer's column, pt: quyền hạn and chức vụ, the room for the
/// signature and the seal, the name (or the empty line of its height).
fn signer_height(s: &Signature, p: &Profile) -> f32 {
    (s.authority.len() + 1) as f32 * pitch(p.size_signature, p) + p.signature_room * PT_PER_MM
}

/// The height of Nơi nhận and the signature block, pt, estimated from above:
/// its lines wrapped a little early, each at the larger of the two renderers'
/// line pitches.
pub fn signature_height(recipients: &Recipients, signature: &Signature, grid: Option<&SignerGrid>, p: &Profile) -> f32 {
    match grid {
        // A biên bản: the signers level in their rows (a body line's size
        // between rows), Nơi nhận under them in the left column, a body
        // line's size below them.
        Some(grid) => {
            let rows: f32 = grid
                .rows
                .iter()
                .map(|row| row.iter().flatten().filter_map(|&i| grid.signers.get(i)).map(|s| signer_height(s, p)).fold(0.0, f32::max))
                .sum();
            let gaps = grid.rows.len() as f32 * p.size_body;
            rows + gaps + recipients_height(recipients, grid.recipients_width, p)
        }
        // Nơi nhận | the signer, their first baselines level (the smaller text
        // pushed down by the difference of the ascents).
        None => {
            let (label, sig) = (p.size_recipients_label, p.size_signature);
            let first = label.max(sig) * ASCENT_EM;
            let left = first - label * ASCENT_EM + recipients_height(recipients, p.signature_columns[0], p);
            let right = first - sig * ASCENT_EM + signer_height(signature, p);
            left.max(right)
        }
    }
}

/// Whether Nơi nhận and the signature are taller than a page's text area:
/// then the block flows on across pages (the signer's column, or a biên bản's
/// two signers, staying whole with Nơi nhận's first lines). Otherwise it is
/// never split. Decided from above (see [`signature_height`]): a block held
/// unbreakable must fit, for typst would cut off the end of one taller than a
/// page; one near the limit rather flows.
///
/// Counted with the space above it that the block keeps at a page's top (a
/// body line's size: the DOCX's first row's space before, kept there by
/// office suites, and the template's `room-at-page-top`), where a block held
/// whole stands when it does not fit under the body: without it, a block
/// that just did not flow ran 14 pt into the bottom margin.
pub fn signature_flows(recipients: &Recipients, signature: &Signature, grid: Option<&SignerGrid>, p: &Profile) -> bool {
    let page = (p.page.height - p.margin.top - p.margin.bottom) * PT_PER_MM;
    p.size_body + signature_height(recipients, signature, grid, p) > page
}

/// Marks what of the body's end stays on the page of the signature block
/// (Nơi nhận and the signature never stand alone on a page): a body ending
/// with a portrait table keeps its last `signature_keeps_rows` rows with the
/// closing mark (`GridTable::signature_rows`), whether or not the block flows.
/// Returns whether the last paragraph is kept with the signature block: the
/// body's last block when it is a paragraph or an item, or the closing mark
/// when it stands alone; not when the block flows.
pub(super) fn mark_keeps(body: &mut [Block], closing_mark: Option<&str>, flows: bool, p: &Profile) -> bool {
    let lone_mark = closing_mark.is_some_and(|m| !m.is_empty());
    match body.last_mut() {
        Some(Block::Table(t)) if !t.landscape && lone_mark => {
            // Never a row taller than a page (`breakable`): kept whole with
            // the signature, it would run past the page's foot.
            // As many of the wanted rows as stand whole on a page together:
            // a taller unit would run past the page's foot (the review's
            // two rows of 0.6 page each).
            let wanted = p.signature_keeps_rows.max(t.tail_rows.unwrap_or(0)).min(t.rows.len());
            let kept = (0..=wanted).rev().find(|&k| t.last_rows_fit(k)).unwrap_or(0);
            t.signature_rows = (kept > 0).then_some(kept);
            true
        }
        Some(Block::Paragraph { .. } | Block::Item { .. }) => !flows,
        _ => lone_mark && !flows,
    }
}

/// Whether every block of the body keeps with the next down to the signature
/// block: the last a paragraph or an item kept with it, and every block
/// before it a title or a centred line ([`Document::body_keeps_to_signature`]).
///
/// [`Document::body_keeps_to_signature`]: super::Document::body_keeps_to_signature
pub(super) fn keeps_to_signature(body: &[Block], keep_with_signature: bool, closing_mark: Option<&str>) -> bool {
    let Some((last, before)) = body.split_last() else { return false };
    keep_with_signature
        && closing_mark.is_none()
        && matches!(last, Block::Paragraph { .. } | Block::Item { .. })
        && before.iter().all(|b| is_title(b) || matches!(b, Block::Centered { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{GridTable, Inline, TableOrigin};

    fn profile() -> Profile {
        crate::layout::SizeProfile::P14.load().expect("the bundled profile")
    }

    fn heading(number: &str, run_in: bool) -> Block {
        Block::Heading {
            level: 1,
            number: number.into(),
            title: vec![Inline::plain("Tiêu đề")],
            run_in: if run_in { vec![Inline::plain("Chạy tiếp.")] } else { Vec::new() },
            keep_with_next: !run_in,
        }
    }

    fn table(landscape: bool) -> Block {
        Block::Table(GridTable {
            origin: TableOrigin::Plain,
            caption: String::new(),
            columns: Vec::new(),
            head: Vec::new(),
            rows: Vec::new(),
            font_size: 11.0,
            landscape,
            head_fit: Vec::new(),
            number_row_size: None,
            lead: Vec::new(),
            signature_rows: None,
            tail_rows: None,
            row_heights: Vec::new(),
            unit_limit: 0.0,
        })
    }

    fn para() -> Block {
        Block::Paragraph { inlines: vec![Inline::plain("Văn bản.")] }
    }

    #[test]
    fn the_titles_before_a_landscape_table_move_onto_its_page() {
        let part = Block::Part { label: "Phần thứ hai".into(), title: vec![Line(vec![Inline::plain("KẾT QUẢ")])] };
        let body = vec![para(), heading("I.", true), part, heading("I.", false), heading("1.", false), table(true), para()];
        let body = move_leads(body);
        assert_eq!(body.len(), 4, "{body:#?}");
        let Block::Table(t) = &body[2] else { panic!("{body:#?}") };
        let kinds: Vec<&str> = t
            .lead
            .iter()
            .map(|b| match b {
                Block::Part { .. } => "part",
                Block::Heading { number, .. } => number.as_str(),
                _ => "other",
            })
            .collect();
        // The heading with run-in text is content: it stays, and the walk stops there.
        assert_eq!(kinds, ["part", "I.", "1."]);
        assert!(matches!(body[1], Block::Heading { keep_with_next: false, .. }));
        // A portrait table takes nothing.
        let body = move_leads(vec![para(), heading("I.", false), table(false)]);
        assert_eq!(body.len(), 3);
        assert!(matches!(&body[2], Block::Table(t) if t.lead.is_empty()));
    }

    /// What `check` advises for a landscape table that opens the body ("put a
    /// paragraph before it") must not leave page 1 empty again: when the
    /// table's lead would be the whole body before it, it takes nothing.
    #[test]
    fn a_landscape_table_leaves_page_1_what_comes_before_it() {
        let intro = Block::Paragraph { inlines: vec![Inline::plain("Số liệu cụ thể như sau:")] };
        let body = move_leads(vec![intro.clone(), table(true)]);
        assert_eq!(body.len(), 2, "{body:#?}");
        assert!(matches!(&body[1], Block::Table(t) if t.lead.is_empty()));
        let body = move_leads(vec![heading("I.", false), intro.clone(), table(true)]);
        assert_eq!(body.len(), 3, "{body:#?}");
        // With content before them, the title and the introduction go with it.
        let body = move_leads(vec![para(), heading("I.", false), intro, table(true)]);
        assert_eq!(body.len(), 2, "{body:#?}");
        assert!(matches!(&body[1], Block::Table(t) if t.lead.len() == 2));
    }

    #[test]
    fn a_landscape_table_right_after_another_takes_only_its_own_titles() {
        let body = move_leads(vec![para(), heading("I.", false), table(true), heading("II.", false), table(true)]);
        assert_eq!(body.len(), 3);
        for b in &body[1..] {
            let Block::Table(t) = b else { panic!("{body:#?}") };
            assert_eq!(t.lead.len(), 1);
        }
    }

    fn recipients(n: usize) -> Recipients {
        Recipients {
            label: "Nơi nhận:".into(),
            items: (1..=n)
                .map(|i| super::super::lines::spans(&format!("- Thành viên số {i} của Ban Chỉ đạo phòng, chống thiên tai;")))
                .collect(),
            sub_items: Vec::new(),
        }
    }

    fn signer() -> Signature {
        Signature { authority: vec![super::super::lines::spans("TM. ỦY BAN NHÂN DÂN"), super::super::lines::spans("CHỦ TỊCH")], name: "Lê Văn Bình".into() }
    }

    #[test]
    fn signers_in_a_row_get_as_many_title_lines_and_four_make_two_rows() {
        let p = profile();
        let one = |title: &str| Signature { authority: vec![super::super::lines::spans(title)], name: "Trần Văn An".into() };
        let witness = Signature { authority: vec![super::super::lines::spans("NGƯỜI CHỨNG KIẾN"), super::super::lines::spans("TRƯỞNG THÔN ĐÔNG HẢI")], name: "Lê Thị Bình".into() };
        let three = super::super::lines::signer_grid(vec![one("ĐẠI DIỆN BÊN GIAO"), one("ĐẠI DIỆN BÊN NHẬN"), witness.clone()], &p);
        assert_eq!(three.rows, vec![vec![Some(0), Some(1), Some(2)]]);
        let counts: Vec<usize> = three.signers.iter().map(|s| s.authority.len()).collect();
        assert!(counts.iter().all(|&n| n == counts[0]) && counts[0] >= 2, "{counts:?}");
        // Each line fits its column (55 mm): none is wider.
        for s in &three.signers {
            for l in &s.authority {
                assert!(super::super::lines::line_width(l, p.size_signature, true, false) <= p.three_signer_columns[0] * PT_PER_MM, "{l:?}");
            }
        }
        // The padding is empty lines after the titles, not before them.
        assert!(three.signers[0].authority.last().is_some_and(|l| l.0.is_empty()));
        let four = super::super::lines::signer_grid(vec![one("A"), witness.clone(), one("C"), one("D")], &p);
        assert_eq!(four.rows, vec![vec![Some(0), Some(1)], vec![Some(2), Some(3)]]);
        assert_eq!(four.signers[0].authority.len(), 2);
        assert_eq!(four.signers[2].authority.len(), 1, "the second row is levelled on its own");
        // Two rows are taller than one.
        assert!(signature_height(&recipients(2), &s_of(&four), Some(&four), &p) > signature_height(&recipients(2), &s_of(&three), Some(&three), &p));
    }

    fn s_of(g: &SignerGrid) -> Signature {
        g.signers.last().cloned().unwrap()
    }

    /// A block held whole that stands at a page's top keeps a body line's
    /// room above it: it flows as soon as room and block outgrow the page,
    /// not only the block (which ran 14 pt into the bottom margin).
    #[test]
    fn only_a_body_of_titles_and_one_kept_paragraph_keeps_to_the_signature() {
        assert!(keeps_to_signature(&[para()], true, None));
        assert!(keeps_to_signature(&[heading("I.", false), para()], true, None));
        assert!(!keeps_to_signature(&[para()], false, None), "not kept with the signature");
        assert!(!keeps_to_signature(&[para(), para()], true, None), "the first paragraph keeps with nothing");
        assert!(!keeps_to_signature(&[], true, None));
    }

    #[test]
    fn the_room_above_counts_towards_a_page() {
        let p = profile();
        let s = signer();
        let page = (p.page.height - p.margin.top - p.margin.bottom) * PT_PER_MM;
        // One-line items, 12.6 pt apart: one of them is less than the room.
        let short = |n: usize| Recipients {
            label: "Nơi nhận:".into(),
            items: (1..=n).map(|i| super::super::lines::spans(&format!("- Thôn {i};"))).collect(),
            sub_items: Vec::new(),
        };
        let n = (1..400).find(|&n| signature_height(&short(n), &s, None, &p) + p.size_body > page).expect("a Nơi nhận that flows");
        assert!(signature_height(&short(n), &s, None, &p) <= page, "the room decides at {n}");
        assert!(signature_flows(&short(n), &s, None, &p));
        assert!(!signature_flows(&short(n - 1), &s, None, &p));
    }

    #[test]
    fn a_noi_nhan_flows_only_when_the_block_is_taller_than_a_page() {
        let p = profile();
        let s = signer();
        let two = super::super::lines::signer_grid(vec![s.clone(), s.clone()], &p);
        assert!(!signature_flows(&recipients(3), &s, None, &p));
        assert!(!signature_flows(&recipients(3), &s, Some(&two), &p));
        assert!(signature_flows(&recipients(70), &s, None, &p));
        assert!(signature_flows(&recipients(70), &s, Some(&two), &p));
        // Each item wraps onto two lines of the 70 mm column: 27 items (55
        // lines with the label) fit the 728.5 pt page, 29 do not. (typst
        // measures 28 items at 728.1 pt without the label's 1.8 pt pad: 729.9
        // with it; this estimate says 730.5.)
        let page = (p.page.height - p.margin.top - p.margin.bottom) * PT_PER_MM;
        let h = |n| signature_height(&recipients(n), &s, None, &p);
        assert!(h(27) < page && h(29) > page, "{} {} {page}", h(27), h(29));
        assert!((729.9..731.5).contains(&h(28)), "{}", h(28));
        // The first item of n wraps: its lines count.
        assert_eq!(item_lines(&recipients(1).items[0], p.size_recipients, p.signature_columns[0] * PT_PER_MM), 2);
    }

    #[test]
    fn a_spaced_dash_keeps_its_words_on_one_line() {
        // "chính - Kế" cannot break: in a column as wide as "- Sở Tài chính -"
        // the item takes three lines ("- Sở Tài" / "chính - Kế" / "hoạch;"),
        // where the same words with a comma take two.
        let item = &super::super::lines::spans("- Sở Tài chính - Kế hoạch;");
        let width = crate::measure::text_width_pt("- Sở Tài chính -", 11.0, false) + 2.0;
        let width = (width + WRAP_TOLERANCE_PT) / (1.0 - WRAP_TOLERANCE_SHARE);
        assert_eq!(item_lines(item, 11.0, width), 3);
        assert_eq!(item_lines(&super::super::lines::spans("- Sở Tài chính, Kế hoạch;"), 11.0, width), 2);
        assert_eq!(item_lines(item, 11.0, 1000.0), 1);
    }

    #[test]
    fn the_end_of_the_body_keeps_with_the_signature_unless_it_flows() {
        let p = profile();
        let mut body = vec![para()];
        assert!(mark_keeps(&mut body, None, false, &p));
        assert!(!mark_keeps(&mut body, None, true, &p));
        // A heading ends the body (with "./." in its title): nothing to keep.
        let mut body = vec![para(), heading("I.", false)];
        assert!(!mark_keeps(&mut body, None, false, &p));
        // A portrait table: its last rows, with the mark, even when it flows.
        let mut t = table(false);
        if let Block::Table(t) = &mut t {
            t.rows = (0..5)
                .map(|_| crate::resolve::GridRow { kind: crate::resolve::RowKind::Plain, keep_with_next: false, cells: Vec::new(), breakable: false, lines: None })
                .collect();
        }
        let mut body = vec![para(), t];
        assert!(mark_keeps(&mut body, Some("./."), true, &p));
        assert!(matches!(&body[1], Block::Table(t) if t.signature_rows == Some(p.signature_keeps_rows)));
        // Never a row taller than a page: only the whole rows after it, if any.
        for (tall, kept) in [(4, None), (3, Some(1)), (0, Some(p.signature_keeps_rows.min(4)))] {
            if let Block::Table(t) = &mut body[1] {
                for (i, r) in t.rows.iter_mut().enumerate() {
                    r.breakable = i == tall;
                }
            }
            mark_keeps(&mut body, Some("./."), false, &p);
            assert!(matches!(&body[1], Block::Table(t) if t.signature_rows == kept), "tall row {tall}");
        }
        // Without a closing mark the rows stay where they fall.
        let mut body = vec![para(), table(false)];
        assert!(!mark_keeps(&mut body, None, false, &p));
        assert!(matches!(&body[1], Block::Table(t) if t.signature_rows.is_none()));
        // A landscape table: the mark alone keeps, its rows do not.
        let mut body = vec![para(), table(true)];
        assert!(mark_keeps(&mut body, Some("./."), false, &p));
        assert!(matches!(&body[1], Block::Table(t) if t.signature_rows.is_none()));
    }
}
