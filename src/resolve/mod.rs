//! Model → display-ready document: every number formatted, every date written
//! out, every section numbered, once, for both renderers.

pub mod document;
pub mod fit;
pub mod flow;
pub(crate) mod lines;
pub mod names;
pub mod type_parts;
pub use document::*;

use unicode_normalization::UnicodeNormalization;

use crate::check::markers::{self, Place, POINT_LETTERS};
pub use crate::check::markers::roman;
use crate::check::plain_table;
use crate::check::{CheckedReport, Diagnostic, Kind, Msg};
use crate::indicators::{self, Cell, ColumnKind};
use crate::layout::Profile;
use crate::model::{self, PartStyle, Run, SectionStyle, StyledRun, SummaryKind, Text};

pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// Blank space left in "Số:      /BC-UBND" for the văn thư.
pub const BLANK_NUMBER: &str = "      ";

/// NFC, and runs of spaces/newlines collapsed to one space: YAML folding and
/// copy-paste leave both behind.
pub(crate) fn clean(s: &str) -> String {
    // Loading already normalised the text: the quick check spares the
    // decomposition and recomposition of every character.
    let nfc: std::borrow::Cow<str> = match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.into(),
        _ => s.nfc().collect::<String>().into(),
    };
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table cell's text: its lines ("Thôn 1\nThôn 2", written with "\n" in
/// quotes or as a `|` block) each cleaned, blank ones dropped, kept apart by
/// "\n": a line break in both renderers, as Alt+Enter makes in a Word cell.
pub(crate) fn clean_lines(s: &str) -> String {
    if !s.contains('\n') {
        return clean(s);
    }
    s.split('\n').map(clean).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Builds the display-ready document of a checked report. `Err`: a table too
/// wide for even a landscape page at the smallest table size.
pub fn resolve(checked: &CheckedReport, profile: Profile) -> Result<Document, Vec<Diagnostic>> {
    let r = checked.report;
    let model = r.loai.value.model();
    let issuer: Vec<String> = r.co_quan.ten.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let trich_yeu: Vec<String> = r.trich_yeu.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let doc_type = model.heading.unwrap_or("").to_owned();
    let viet_tat = clean(&r.co_quan.viet_tat.value);
    // The ký hiệu: the type code, then the body ("BC-UBND"); a công văn has no
    // type code: the body, then the drafting unit ("UBND-VP").
    let ky_hieu = match model.abbreviation {
        Some(code) => format!("{code}-{viet_tat}"),
        None => match r.don_vi_soan_thao.as_ref().map(|u| clean(&u.value)).filter(|u| !u.is_empty()) {
            Some(unit) => format!("{viet_tat}-{unit}"),
            None => viet_tat,
        },
    };
    let number = match &r.so {
        Some(n) => format!("Số: {:02}/{ky_hieu}", n.value),
        None => format!("Số:{BLANK_NUMBER}/{ky_hieu}"),
    };
    let (summary, summary_under_number) = if model.summary_under_number {
        (Vec::new(), subject_lines(&trich_yeu))
    } else {
        (trich_yeu, Vec::new())
    };
    let summary_lines = lines::summary(&summary, &profile);
    let subject = lines::subject(&summary_under_number, &profile);
    let (year, month, day) = checked.date.for_metadata();

    // A công văn has no Roman headings; a thông báo's points are "1.", "2."
    // (Mẫu 1.4, nd30-types §6).
    let numbered = matches!(r.loai.value, model::DocumentType::CongVan | model::DocumentType::ThongBao);
    let section_style = r.kieu_muc.unwrap_or(if numbered { SectionStyle::So } else { SectionStyle::LaMa });
    let mut ctx = Context { part_style: r.kieu_phan, section_style, profile: &profile, errors: Vec::new(), in_appendix: false, all_landscape: false };
    let mut body = type_parts::before_body(r, &profile);
    mark_no_break_spans(&mut body);
    resolve_blocks(&r.noi_dung, 0, &mut Vec::new(), &mut ctx, &mut body, checked);
    let appendices = appendices(r, &number, &checked.date.written(), &mut ctx, checked);
    let mut after = type_parts::after_body(r);
    mark_no_break_spans(&mut after);
    body.extend(after);
    if !ctx.errors.is_empty() {
        return Err(ctx.errors);
    }
    let closing_mark = if r.ket_thuc { append_closing_mark(&mut body, CLOSING_MARK) } else { None };
    let mut body = flow::move_leads(body);

    let title = if doc_type.is_empty() { summary_under_number.join(" ") } else { format!("{} {}", doc_type, summary.join(" ")) };
    // A biên bản may print the date line its model leaves out (`in_dia_danh_ngay`).
    let date_line = model.date_line || r.in_dia_danh_ngay.as_ref().is_some_and(|v| v.value);
    let (place_date, date) = if date_line {
        (format!("{}, {}", clean(&r.dia_danh.value), checked.date.written()), checked.date.written())
    } else {
        (String::new(), String::new())
    };
    // Each item "- …"; a group "- …:" with its members "+ …" (set in).
    let mut sub_items = Vec::new();
    let recipients: Vec<String> = if r.noi_nhan.is_empty() {
        // The giấy giới thiệu's model fixes its Nơi nhận (`check` requires one elsewhere).
        model.first_recipient.into_iter().chain(["Lưu: VT."]).map(|i| format!("- {i}")).collect()
    } else {
        let mut lines = Vec::new();
        for entry in &r.noi_nhan {
            match entry {
                model::Entry::Line(i) => lines.push(format!("- {}", clean(i.value.trim_start_matches(['-', ' '])))),
                model::Entry::Group(g) => {
                    lines.push(format!("- {}", group_lead(&g.nhom.value)));
                    for m in g.gom.iter().map(|m| clean(m.value.trim_start_matches(['-', '+', ' ']))).filter(|m| !m.is_empty()) {
                        sub_items.push(lines.len());
                        lines.push(format!("+ {m}"));
                    }
                }
            }
        }
        lines
    };
    let signers = r.nguoi_ky.all();
    let mut attachment = type_parts::attachment(r, &number, &checked.date.written(), &profile);
    if let Some(a) = &mut attachment {
        mark_no_break_spans(&mut a.body);
    }
    let motto = r.tieu_ngu.as_ref().map_or(MOTTO.to_owned(), |m| clean(&m.value));
    // The short rules under the issuer, the Tiêu ngữ and the title, measured once.
    let issuing_body = lines::header_name_lines(&issuer, true, &profile);
    let parent: Vec<String> = r.co_quan.chu_quan.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let parent_body = lines::header_name_lines(&parent, false, &profile);
    let (issuer_rule, motto_rule) = (lines::issuer_rule(&issuing_body, &profile), lines::motto_rule(&motto, &profile));
    let title_rule = lines::title_rule(&doc_type, &summary_lines, &profile);
    let recipients = Recipients { label: "Nơi nhận:".into(), items: recipients.iter().map(|i| lines::spans(i)).collect(), sub_items };
    let addressee_lines = addressees(&r.kinh_gui);
    let addressee_hang = if addressee_lines.len() == 1 { crate::measure::text_width_pt(ADDRESSEE_LABEL, profile.size_body, false) } else { 0.0 };
    let main_signer = lines::single_signer(signature(r.nguoi_ky.main()), &profile);
    let signer_grid = (signers.len() > 1).then(|| lines::signer_grid(signers.iter().map(signature).collect(), &profile));
    let signature_flows = flow::signature_flows(&recipients, &main_signer, signer_grid.as_ref(), &profile);
    let keep_with_signature = flow::mark_keeps(&mut body, closing_mark.as_deref(), signature_flows, &profile);
    let body_keeps_to_signature = flow::keeps_to_signature(&body, keep_with_signature, closing_mark.as_deref());

    Ok(Document {
        meta: Meta {
            title: metadata_text(&clean(&title)),
            author: metadata_text(&issuer.join(" ")),
            year,
            month,
            day,
            printed_month: checked.date.month,
            language: "vi-VN".into(),
        },
        profile,
        header: Header {
            parent_body,
            issuer_rule,
            issuing_body,
            number: number.clone(),
            summary_under_number: subject,
            national_title: NATIONAL_TITLE.into(),
            motto_rule,
            motto,
            place_date,
            date,
            title_rule,
            doc_type,
            summary: summary_lines,
            addressee_hang,
            addressees: addressee_lines.iter().map(|a| lines::spans(a)).collect(),
            address: r.dia_chi.as_ref().map_or(String::new(), |a| clean(&a.value)),
        },
        body,
        closing_mark,
        recipients,
        signature_flows,
        keep_with_signature,
        body_keeps_to_signature,
        attachment,
        appendices,
        signature: main_signer,
        signer_grid,
    })
}

/// A công văn's trích yếu as printed under the số: "V/v " before the first
/// line (a "V/v" the author typed is not doubled; `check` warns).
fn subject_lines(lines: &[String]) -> Vec<String> {
    let mut out = lines.to_vec();
    if let Some(first) = out.first_mut() {
        let rest = markers::strip_subject_prefix(first).unwrap_or(first).trim_start().to_owned();
        *first = format!("V/v {rest}");
    }
    out
}

/// "./." — the mark that ends the body of every model in Phụ lục III.
pub const CLOSING_MARK: &str = markers::CLOSING_MARK;

/// Appends "./." to the text of the last block ("… đã đề ra./.": the mark's own
/// "." ends the sentence, so a final "." is not doubled). Returns the mark when it
/// must stand alone because the body ends with a table or a part title.
fn append_closing_mark(body: &mut [Block], mark: &str) -> Option<String> {
    let inlines = match body.last_mut() {
        Some(Block::Paragraph { inlines }) | Some(Block::Item { inlines, .. }) => inlines,
        Some(Block::Heading { title, run_in, .. }) => {
            if run_in.is_empty() { title } else { run_in }
        }
        _ => return Some(mark.to_owned()),
    };
    if let Some(last) = inlines.last_mut() {
        last.text = markers::before_closing_mark(&last.text).to_owned();
    }
    inlines.retain(|i| !i.text.is_empty());
    inlines.push(Inline::plain(mark));
    None
}

fn addressees(list: &[model::At<String>]) -> Vec<String> {
    let items: Vec<String> = list
        .iter()
        .map(|a| {
            let text = a.value.trim_start_matches(['-', ' ']);
            let text = markers::strip(text, Place::Addressee).unwrap_or(text);
            clean(text.trim_start_matches(['-', ' ']).trim_end_matches([';', '.', ',']))
        })
        .filter(|a| !a.is_empty())
        .collect();
    match items.len() {
        0 => Vec::new(),
        1 => vec![format!("{ADDRESSEE_LABEL}{}.", items[0])],
        n => {
            let mut lines = vec!["Kính gửi:".to_owned()];
            for (i, item) in items.iter().enumerate() {
                lines.push(format!("- {item}{}", if i + 1 == n { "." } else { ";" }));
            }
            lines
        }
    }
}

/// A group's lead line as printed: the author's text, then ":" (a lead typed
/// with its ":" or a ";" keeps one ":").
pub(crate) fn group_lead(text: &str) -> String {
    format!("{}:", clean(text.trim_start_matches(['-', ' '])).trim_end_matches([':', ';', '.', ' ']))
}

/// The label before a single recipient, with its space.
const ADDRESSEE_LABEL: &str = "Kính gửi: ";

fn signature(s: &model::Signature) -> Signature {
    let mut authority = Vec::new();
    let upper = |v: &model::At<String>| clean(&v.value).to_uppercase();
    for (prefix, v) in s.authority_lines() {
        if let Some(v) = v {
            let line = upper(v);
            let line = markers::strip(&line, Place::Authority(prefix)).unwrap_or(&line);
            authority.push(format!("{prefix} {line}"));
        }
    }
    if let Some(c) = &s.chuc_vu {
        authority.push(upper(c));
    }
    Signature {
        authority: authority.iter().map(|l| lines::spans(l)).collect(),
        name: s.ho_ten.as_ref().map_or(String::new(), |n| clean(&n.value)),
    }
}

struct Context<'a> {
    part_style: PartStyle,
    section_style: SectionStyle,
    profile: &'a Profile,
    /// Tables that cannot be laid out.
    errors: Vec<Diagnostic>,
    /// Resolving a phụ lục: its pages turn landscape as a whole, so a table
    /// that asks for landscape gets it even as its first block.
    in_appendix: bool,
    /// Resolving a landscape phụ lục: every table is fitted to landscape pages.
    all_landscape: bool,
}

/// "Phụ lục" alone, or "Phụ lục I", "Phụ lục II" … when there are two or more
/// (Roman numerals, PL I §III.1): as printed, and as `check` names them.
pub fn appendix_label(index: usize, count: usize) -> String {
    if count > 1 {
        format!("Phụ lục {}", roman(index + 1))
    } else {
        "Phụ lục".to_owned()
    }
}

/// The phụ lục: each resolved as a body of its own (sections from I. again),
/// landscape as a whole when one of its tables needs it.
fn appendices(r: &model::Report, number: &str, date: &str, ctx: &mut Context, checked: &CheckedReport) -> Vec<Appendix> {
    let count = r.phu_luc.len();
    let mut out = Vec::new();
    for (i, a) in r.phu_luc.iter().enumerate() {
        let mut body = Vec::new();
        let errors = ctx.errors.len();
        ctx.in_appendix = true;
        resolve_blocks(&a.noi_dung, 0, &mut Vec::new(), ctx, &mut body, checked);
        let landscape = body.iter().any(|b| matches!(b, Block::Table(t) if t.landscape));
        if landscape {
            // Its pages are landscape: every table spreads over their width.
            ctx.errors.truncate(errors);
            ctx.all_landscape = true;
            body.clear();
            resolve_blocks(&a.noi_dung, 0, &mut Vec::new(), ctx, &mut body, checked);
            ctx.all_landscape = false;
        }
        ctx.in_appendix = false;
        for b in &mut body {
            if let Block::Table(t) = b {
                t.landscape = false;
            }
        }
        let title: Vec<String> = a.tieu_de.iter().map(|l| clean(&l.value).to_uppercase()).filter(|l| !l.is_empty()).collect();
        // Its title lines are as wide as its pages.
        let page = if landscape { ctx.profile.landscape() } else { ctx.profile.clone() };
        out.push(Appendix {
            label: appendix_label(i, count),
            title: lines::summary(&title, &page),
            reference: type_parts::reference(r, number, date, &page),
            landscape,
            body,
        });
    }
    out
}

/// Vietnamese ordinals for "Phần thứ …".
fn part_label(style: PartStyle, n: usize) -> String {
    const ORDINALS: [&str; 10] = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];
    match style {
        PartStyle::Thu => match ORDINALS.get(n - 1) {
            Some(word) => format!("Phần thứ {word}"),
            None => format!("Phần thứ {n}"),
        },
        PartStyle::LaMa => format!("Phần {}", roman(n)),
    }
}

pub(crate) fn point_label(n: usize) -> String {
    let letters = POINT_LETTERS.len();
    let mut label = POINT_LETTERS[(n - 1) % letters].to_owned();
    if n > letters {
        label = label.repeat((n - 1) / letters + 1);
    }
    format!("{label})")
}

/// A section number from its path: depth 1 "I.", then "1.", "1.1.", "1.1.1.", …
/// (`LaMa`); or "1.", "1.1.", "1.1.1." … (`So`).
fn section_number(path: &[usize], style: SectionStyle) -> String {
    match (style, path) {
        (_, []) => String::new(),
        (SectionStyle::So, _) => path.iter().map(|n| format!("{n}.")).collect(),
        (SectionStyle::LaMa, [first]) => format!("{}.", roman(*first)),
        (SectionStyle::LaMa, [_, rest @ ..]) => rest.iter().map(|n| format!("{n}.")).collect(),
    }
}

fn resolve_blocks(
    blocks: &[model::Block],
    part_count: usize,
    path: &mut Vec<usize>,
    ctx: &mut Context,
    out: &mut Vec<Block>,
    checked: &CheckedReport,
) {
    let mut parts = part_count;
    let mut sections = 0;
    let mut points = 0;
    for block in blocks {
        match block {
            model::Block::Phan(part) => {
                parts += 1;
                let title = lines::balanced(
                    inlines(&part.tieu_de, checked),
                    ctx.profile.size_body,
                    true,
                    lines::text_width_pt_of(ctx.profile),
                );
                out.push(Block::Part { label: part_label(ctx.part_style, parts), title });
                // Sections restart at I. in every part.
                resolve_blocks(&part.noi_dung, 0, &mut Vec::new(), ctx, out, checked);
            }
            model::Block::Muc(section) => {
                sections += 1;
                path.push(sections);
                let run_in = section.chay_tiep.as_ref().map_or(Vec::new(), |t| inlines(t, checked));
                out.push(Block::Heading {
                    level: path.len() as u32,
                    number: section_number(path, ctx.section_style),
                    title: without_marker(inlines(&section.tieu_de, checked), Place::Section(path.len())),
                    keep_with_next: run_in.is_empty(),
                    run_in,
                });
                resolve_blocks(&section.noi_dung, 0, path, ctx, out, checked);
                path.pop();
            }
            model::Block::Doan(t) => out.push(Block::Paragraph { inlines: inlines(t, checked) }),
            model::Block::Gach(t) => {
                out.push(Block::Item { marker: "-".into(), inlines: without_marker(inlines(t, checked), Place::Dash) })
            }
            model::Block::Cong(t) => {
                out.push(Block::Item { marker: "+".into(), inlines: without_marker(inlines(t, checked), Place::Plus) })
            }
            model::Block::Diem(t) => {
                points += 1;
                out.push(Block::Item { marker: point_label(points), inlines: without_marker(inlines(t, checked), Place::Point) });
            }
            model::Block::Bang(t) => {
                let may_be_landscape = ctx.in_appendix || has_content(out);
                let landscape = ctx.all_landscape || model::landscape(&t.ngang) && may_be_landscape;
                let mut grid = plain_table_view(t, ctx.profile, landscape);
                let at = t.cot.first().map(|c| c.ten.referenced);
                // A phụ lục's table written without `ngang` turns landscape
                // when portrait crowds it, as its pages may all turn; in the
                // body that would cut the text into three orientations of
                // page for one table. `ngang: false` keeps it portrait.
                let may_turn = t.ngang.is_none() && ctx.in_appendix;
                fit_table(&mut grid, at, may_turn, ctx, checked);
                out.push(Block::Table(grid));
            }
            model::Block::BangChiTieu(b) => {
                if let Some(table) = checked.table(b.id) {
                    let landscape = ctx.all_landscape || table.landscape && (ctx.in_appendix || has_content(out));
                    let mut grid = table_view(table, ctx.profile, landscape);
                    fit_table(&mut grid, None, false, ctx, checked);
                    out.push(Block::Table(grid));
                }
            }
        }
    }
}

/// Whether the body so far prints more than titles. A landscape table before
/// any content would leave page 1, the portrait page of the header, empty
/// under the title (the titles before the table go with it onto its landscape
/// page): it is printed portrait instead (`check` warns).
fn has_content(body: &[Block]) -> bool {
    body.iter().any(|b| !matches!(b, Block::Part { .. } | Block::Heading { keep_with_next: true, .. }))
}

/// Fits a table's columns to its content; one that cannot fit even a landscape
/// page at the smallest size is reported at `at` (its first column).
fn fit_table(grid: &mut GridTable, at: Option<serde_saphyr::Location>, may_turn: bool, ctx: &mut Context, checked: &CheckedReport) {
    let Err(e) = fit::fit(grid, ctx.profile, may_turn) else { return };
    let msg = Msg::new(
        format!(
            "bảng quá rộng: các cột cần {:.0} mm nhưng trang ngang chỉ có {:.0} mm, kể cả với cỡ chữ {} pt",
            e.needed, e.available, ctx.profile.size_table_min
        ),
        format!(
            "the table is too wide: its columns need {:.0} mm but a landscape page has {:.0} mm, even at {} pt",
            e.needed, e.available, ctx.profile.size_table_min
        ),
    );
    let hint = Msg::new(
        "bớt cột, hoặc viết ngắn lại ô dài nhất (có thể xuống dòng ở dấu cách)",
        "use fewer columns, or shorten the widest cell (lines may break at its spaces)",
    );
    let d = match at {
        Some(at) => Diagnostic::error(Kind::Format, checked.file, at, msg),
        None => Diagnostic::file_error(Kind::Format, checked.file, msg),
    };
    ctx.errors.push(d.with_hint(hint));
}

/// Drops a marker the author typed before the one vanban prints (`check` warns).
fn without_marker(mut inlines: Vec<Inline>, place: Place) -> Vec<Inline> {
    if let Some(first) = inlines.first_mut() {
        if let Some(rest) = markers::strip(&first.text, place) {
            first.text = rest.to_owned();
        }
    }
    inlines.retain(|i| !i.text.is_empty());
    inlines
}

/// `s` with its first letter in capitals ("trong 29 chỉ tiêu" → "Trong 29 chỉ tiêu").
pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Text → inlines. Runs keep their spaces as written (they join into one line);
/// a plain string is cleaned.
fn inlines(text: &Text, checked: &CheckedReport) -> Vec<Inline> {
    no_break_spans(styled_inlines(text, checked))
}

fn styled_inlines(text: &Text, checked: &CheckedReport) -> Vec<Inline> {
    match text {
        Text::Plain(s) => vec![Inline::plain(clean(&s.value))],
        Text::Runs(runs) => {
            // Whether the text so far ends a sentence (or there is none yet):
            // the summary then starts with a capital.
            let mut sentence_start = true;
            let mut out: Vec<Inline> = Vec::with_capacity(runs.runs.len());
            let last = runs.runs.len().saturating_sub(1);
            for (i, run) in runs.runs.iter().enumerate() {
                let inline = match run {
                    Run::Plain(s) => Inline::plain(collapse_keep_edges(s)),
                    Run::Styled(StyledRun::Dam(s)) => Inline::bold(collapse_keep_edges(s)),
                    Run::Styled(StyledRun::Nghieng(s)) => Inline { italic: true, ..Inline::plain(collapse_keep_edges(s)) },
                    Run::Styled(StyledRun::DamNghieng(s)) => Inline { italic: true, ..Inline::bold(collapse_keep_edges(s)) },
                    Run::Styled(StyledRun::TomTat(SummaryKind::ChiTieu)) => {
                        // `check` refuses a summary of a table that judges no rows.
                        let sentence = checked.tables.first().and_then(indicators::Table::summary_sentence).unwrap_or_default();
                        let sentence = if sentence_start { capitalised(&sentence) } else { sentence };
                        // Ending the paragraph, the generated sentence gets its
                        // full stop: nobody typed one after it.
                        Inline::plain(if i == last && !sentence.is_empty() { format!("{sentence}.") } else { sentence })
                    }
                };
                let written = inline.text.trim_end();
                if !written.is_empty() {
                    sentence_start = written.ends_with(['.', '!', '?']);
                }
                if !inline.text.is_empty() {
                    out.push(inline);
                }
            }
            if let Some(first) = out.first_mut() {
                first.text = first.text.trim_start().to_owned();
            }
            if let Some(last) = out.last_mut() {
                last.text = last.text.trim_end().to_owned();
            }
            out
        }
    }
}

/// The longest document symbol or compound kept on one line, and the longest
/// spaced-dash group, in characters. Longer runs without spaces (a web address)
/// keep their break opportunities rather than be pushed whole onto a line of
/// their own or run into the margin.
const MAX_SYMBOL: usize = 30;
const MAX_DASH_GROUP: usize = 45;

/// [`no_break_spans`] over the text of blocks a document type lays out itself
/// (căn cứ, articles, khoản and điểm, a giấy mời's lines, the attached text):
/// "30/2020/NĐ-CP" in a căn cứ breaks no more than in a `doan`.
fn mark_no_break_spans(blocks: &mut [Block]) {
    for b in blocks {
        if let Block::Paragraph { inlines } | Block::Item { inlines, .. } | Block::Centered { inlines, .. } = b {
            *inlines = no_break_spans(std::mem::take(inlines));
        }
    }
}

/// Marks where a line may not break, splitting the inlines around such spans:
///  - a word with "/" or "-" between two non-spaces ("06/QĐ-TTg",
///    "61/2018/NĐ-CP"): a UAX #14 line breaker (typst, Word, LibreOffice) may
///    break after the "/" or "-" before a letter and split the symbol;
///  - a spaced dash with the words on both sides ("27/7/1947 - 27/7/2023",
///    "dân số - KHHGĐ"): a break before the dash starts a line with "- ", which
///    reads as a list item; one after it leaves a "-" at a line end, which text
///    extraction takes for a hyphenated word.
/// The text is unchanged; only the runs' `unbreakable` flags are set.
fn no_break_spans(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in inlines {
        // Already one unbreakable span (a date resolve wrote, a span marked before).
        if inline.unbreakable {
            out.push(inline);
            continue;
        }
        let text = inline.text.as_str();
        // Words with their byte ranges (the text is cleaned: single spaces).
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c == ' ', start) {
                (true, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        let chars = |a: usize, b: usize| text[a..b].chars().count();
        let is_dash = |w: (usize, usize)| matches!(&text[w.0..w.1], "-" | "–");
        let joined = |w: (usize, usize)| {
            let inner: Vec<char> = text[w.0..w.1].chars().collect();
            inner.len() >= 3 && inner[1..inner.len() - 1].iter().any(|c| matches!(c, '/' | '-'))
        };
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            if k + 2 < words.len() && is_dash(words[k + 1]) && !is_dash(w) && !is_dash(words[k + 2]) {
                let span = (w.0, words[k + 2].1);
                if chars(span.0, span.1) <= MAX_DASH_GROUP {
                    spans.push(span);
                    k += 3;
                    continue;
                }
            }
            if joined(w) && chars(w.0, w.1) <= MAX_SYMBOL {
                spans.push(w);
            }
            k += 1;
        }
        if spans.is_empty() {
            out.push(inline);
            continue;
        }
        let mut at = 0;
        let piece = |a: usize, b: usize, unbreakable: bool| Inline { text: text[a..b].to_owned(), unbreakable, ..inline.clone() };
        for (a, b) in spans {
            if a > at {
                out.push(piece(at, a, false));
            }
            out.push(piece(a, b, true));
            at = b;
        }
        if at < text.len() {
            out.push(piece(at, text.len(), false));
        }
    }
    out
}

/// Like `clean`, but a leading or trailing space survives: runs are glued together.
fn collapse_keep_edges(s: &str) -> String {
    let core = clean(s);
    if core.is_empty() {
        return if s.is_empty() { String::new() } else { " ".into() };
    }
    let lead = if s.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if s.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{core}{trail}")
}

/// The width a table may take, mm: the text width, or the rotated page's.
fn available_width(p: &Profile, landscape: bool) -> f32 {
    if landscape { p.page.height - p.margin.left - p.margin.right } else { p.text_width() }
}

fn grid_columns(widths_mm: &[f32]) -> Vec<GridColumn> {
    widths_mm.iter().map(|&width| GridColumn { width }).collect()
}

/// Widths scaled down to `available` mm when they add up to more (a table must
/// not run into the margin).
fn fit_columns(widths_mm: &[f32], available: f32) -> Vec<f32> {
    let total: f32 = widths_mm.iter().sum();
    if total <= available {
        return widths_mm.to_vec();
    }
    widths_mm.iter().map(|w| w * available / total).collect()
}

fn head(text: impl Into<String>, colspan: usize, rowspan: usize) -> HeadCell {
    HeadCell { text: text.into(), colspan, rowspan, italic: false, size: None }
}

fn body_cell(text: String, align: Align) -> GridCell {
    GridCell { text, colspan: 1, align, bold: false, italic: false, fit: CellFit::Measure }
}

/// Does the text hold a letter? ("Duy trì" in a number column is centred.)
fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// `landscape`: whether the table goes on landscape pages (see [`has_content`]).
fn table_view(t: &indicators::Table, p: &Profile, landscape: bool) -> GridTable {
    let set = &t.columns;
    let columns = set.columns.len() + 2;
    let mut rows: Vec<GridRow> = Vec::new();
    let mut tt = 0;
    for (gi, group) in t.groups.iter().enumerate() {
        // The group title spans every column after the TT (they are empty).
        let title = format!("{} ({} chỉ tiêu)", clean(&group.title), indicators::count(group.rows.len()));
        rows.push(GridRow {
            kind: RowKind::Group,
            keep_with_next: true,
            cells: vec![
                GridCell { bold: true, ..body_cell(roman(gi + 1), Align::Center) },
                GridCell { bold: true, colspan: columns - 1, ..body_cell(title, Align::Left) },
            ],
            breakable: false,
            lines: None,
        });
        for row in &group.rows {
            tt += 1;
            // An indicator over sub-rows ("Cơ cấu giá trị sản xuất") goes with its first.
            rows.push(GridRow {
                kind: RowKind::Indicator,
                keep_with_next: !row.sub_rows.is_empty(),
                cells: indicator_cells(tt.to_string(), row, set, false),
                breakable: false,
                lines: None,
            });
            for sub in &row.sub_rows {
                rows.push(GridRow { kind: RowKind::SubRow, keep_with_next: false, cells: indicator_cells("-".into(), sub, set, true), breakable: false, lines: None });
            }
        }
    }
    GridTable {
        origin: TableOrigin::Indicators,
        caption: String::new(),
        columns: grid_columns(&fit_columns(&designed_widths(set, p, landscape), available_width(p, landscape))),
        head: head_rows(set),
        rows,
        font_size: p.size_table,
        landscape,
        head_fit: Vec::new(),
        number_row_size: None,
        lead: Vec::new(),
        signature_rows: None,
        tail_rows: None,
        row_heights: Vec::new(),
        unit_limit: 0.0,
    }
}

/// The heading rows of an indicator table: labels (under their group labels,
/// which span their columns; a column with no group spans both rows), then the
/// column-number row ("A", "B", "1", "5=4/3*100").
fn head_rows(set: &indicators::ColumnSet) -> Vec<Vec<HeadCell>> {
    let labels: Vec<(String, Option<String>)> = set.columns.iter().map(|c| (clean(&c.label), c.group.as_deref().map(clean))).collect();
    let mut rows = labelled_head(&labels);
    let depth = rows.len();
    rows[0].splice(0..0, [head("TT", 1, depth), head("CHỈ TIÊU", 1, depth)]);
    let marks = ["A", "B"].into_iter().map(str::to_owned).chain(set.columns.iter().map(|c| c.mark.clone()));
    rows.push(marks.map(|m| HeadCell { italic: true, ..head(m, 1, 1) }).collect());
    rows
}

/// The heading rows of columns given as (label, group), for the indicator table
/// and a `bang` alike: one row when no column has a group; else two, each
/// group's name spanning its neighbours with the same group over their labels,
/// and a column with no group spanning both rows.
fn labelled_head(columns: &[(String, Option<String>)]) -> Vec<Vec<HeadCell>> {
    let grouped = columns.iter().any(|(_, g)| g.is_some());
    let depth = if grouped { 2 } else { 1 };
    let mut top = Vec::new();
    let mut under = Vec::new();
    let mut k = 0;
    while k < columns.len() {
        let (label, group) = &columns[k];
        match group {
            None => {
                top.push(head(label.clone(), 1, depth));
                k += 1;
            }
            Some(g) => {
                let span = columns[k..].iter().take_while(|(_, o)| o.as_ref() == Some(g)).count();
                top.push(head(g.clone(), span, 1));
                under.extend(columns[k..k + span].iter().map(|(l, _)| head(l.clone(), 1, 1)));
                k += span;
            }
        }
    }
    if grouped { vec![top, under] } else { vec![top] }
}

/// The designed widths, mm, before `fit` measures the content: the profile's
/// columns for the six-month biểu (the seed's), else by role from them (TT,
/// CHỈ TIÊU, ĐVT and text, numbers, Ghi chú).
fn designed_widths(set: &indicators::ColumnSet, p: &Profile, landscape: bool) -> Vec<f32> {
    let w = if landscape { &p.table_columns_landscape } else { &p.table_columns };
    if set.name == "sau_thang" && w.len() == set.columns.len() + 2 {
        return w.clone();
    }
    let at = |i: usize| w.get(i).copied().unwrap_or(14.0);
    let (tt, name, unit, number, note) = (at(0), at(1), at(2), at(3), w.last().copied().unwrap_or(18.0));
    [tt, name]
        .into_iter()
        .chain(set.columns.iter().map(|c| match c.kind {
            ColumnKind::Unit | ColumnKind::Text => unit,
            ColumnKind::Note => note,
            ColumnKind::Input | ColumnKind::Derived(_) => number,
        }))
        .collect()
}

/// The cells of an indicator row: TT, CHỈ TIÊU, then the set's columns (numbers
/// right, words such as "Duy trì" centred in them; text columns centred).
fn indicator_cells(tt: String, row: &indicators::Row, set: &indicators::ColumnSet, sub_row: bool) -> Vec<GridCell> {
    let number = |c: &Cell| {
        let text = c.display();
        let align = if has_letter(&text) { Align::Center } else { Align::Right };
        body_cell(text, align)
    };
    let mut cells = vec![body_cell(tt, Align::Center), GridCell { italic: sub_row, ..body_cell(clean(&row.name), Align::Left) }];
    for (column, cell) in set.columns.iter().zip(row.cells(set)) {
        cells.push(match column.kind {
            ColumnKind::Unit | ColumnKind::Note | ColumnKind::Text => body_cell(clean(&cell.display()), Align::Center),
            ColumnKind::Input | ColumnKind::Derived(_) => number(&cell),
        });
    }
    cells
}

/// A cell as printed. Whole numbers are grouped ("1.250"), except years in a
/// column headed "Năm" ("2022"; `check` warns about one elsewhere).
fn plain_cell(cell: &model::CellInput, year_column: bool) -> Option<String> {
    match cell {
        model::CellInput::Integer(i @ 1900..=2100) if year_column => Some(i.to_string()),
        model::CellInput::Integer(i) => crate::model::number::VnNumber::from_int(*i).map(|n| n.to_string()),
        model::CellInput::Text(t) => Some(clean_lines(t)),
        // Refused by `check`.
        model::CellInput::BareFloat | model::CellInput::Other => None,
    }
}

/// A number as a table prints it: "1.250", "-3,96", and, in a column of
/// changes, "+12,5" or "+11,34%" (a number for alignment; the text is kept).
fn signed_figure(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let s = s.strip_suffix('%').map_or(s, str::trim_end);
    !s.starts_with('+') && crate::model::number::VnNumber::parse(s).is_ok()
}

/// `landscape`: whether the table goes on landscape pages (see [`Context::content_seen`]).
fn plain_table_view(t: &model::PlainTable, p: &Profile, landscape: bool) -> GridTable {
    let columns = t.cot.len();
    let year_columns: Vec<bool> = t.cot.iter().map(|c| crate::check::plain_table::is_year_heading(&c.ten.value)).collect();
    let align: Vec<Align> = t
        .cot
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let numeric = t.dong.iter().all(|r| match r.value.get(i).map(|c| &c.value) {
                Some(model::CellInput::Integer(_)) | None => true,
                // "-" is no data in a number column, as in the indicator table.
                Some(model::CellInput::Text(s)) => matches!(s.trim(), "" | "-") || signed_figure(s),
                _ => false,
            });
            match c.can {
                Some(model::Alignment::Trai) => Align::Left,
                Some(model::Alignment::Giua) => Align::Center,
                Some(model::Alignment::Phai) => Align::Right,
                None if numeric && !t.dong.is_empty() => Align::Right,
                None => Align::Left,
            }
        })
        .collect();
    let tt_column = plain_table::has_tt_column(t);
    let mut rows: Vec<GridRow> = t
        .dong
        .iter()
        .map(|row| {
            let mut texts: Vec<String> = row
                .value
                .iter()
                .enumerate()
                .map(|(i, c)| plain_cell(&c.value, year_columns.get(i).copied().unwrap_or(false)).unwrap_or_default())
                .collect();
            texts.resize(columns, String::new());
            // A total row ("Tổng cộng", "Cộng") is set bold, as offices set it in
            // Word; so is a group row, numbered "A", "B" or "I", "II" in a TT column.
            let total = typed_total(texts.iter().map(String::as_str)) || (tt_column && plain_table::is_group_number(&texts[0]));
            GridRow {
                kind: RowKind::Plain,
                keep_with_next: false,
                cells: texts.into_iter().zip(&align).map(|(text, a)| GridCell { bold: total, ..body_cell(text, *a) }).collect(),
                breakable: false,
                lines: None,
            }
        })
        .collect();
    // A total ends the table (added, or typed as its last row): the row
    // above it goes along, so that no page holds the total alone under the
    // repeated heading rows (taken back by `fit` when the two would not
    // stand whole on one page).
    let added_total = t.tong_cong.as_ref().is_some_and(|f| f.value);
    let typed_total_last = rows.last().is_some_and(|r| typed_total(r.cells.iter().map(|c| c.text.as_str())));
    if added_total {
        rows.push(total_row(t, tt_column, &align));
    }
    let tail_rows = ((added_total || typed_total_last) && rows.len() >= 2).then_some(2);
    let weights: Vec<f32> = t.cot.iter().map(|c| c.rong.as_ref().map_or(1, |w| w.value.max(1)) as f32).collect();
    let total: f32 = weights.iter().sum::<f32>().max(1.0);
    let available = available_width(p, landscape);
    let widths: Vec<f32> = weights.iter().map(|w| w / total * available).collect();
    GridTable {
        origin: TableOrigin::Plain,
        caption: t.tieu_de.as_ref().map_or(String::new(), |c| clean(&c.value)),
        columns: grid_columns(&widths),
        head: labelled_head(&t.cot.iter().map(|c| (clean_lines(&c.ten.value), c.nhom.as_ref().map(|g| clean(&g.value)))).collect::<Vec<_>>()),
        rows,
        font_size: p.size_table,
        landscape,
        head_fit: Vec::new(),
        number_row_size: None,
        lead: Vec::new(),
        signature_rows: None,
        tail_rows,
        row_heights: Vec::new(),
        unit_limit: 0.0,
    }
}

/// Is a typed row a total: its first filled cell "Tổng cộng", "Cộng" …?
fn typed_total<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts.into_iter().find(|t| !t.trim().is_empty()).is_some_and(plain_table::is_total_label)
}

/// The row `tong_cong: true` adds: "Tổng cộng", bold like a typed total, in
/// the first column without a sum (after the TT column, which stays empty), and
/// each number column's exact sum ([`plain_table::column_totals`]).
fn total_row(t: &model::PlainTable, tt_column: bool, align: &[Align]) -> GridRow {
    let mut texts: Vec<String> = plain_table::column_totals(t)
        .into_iter()
        .map(|total| match total {
            plain_table::ColumnTotal::Sum(n) => n.to_string(),
            plain_table::ColumnTotal::Blank | plain_table::ColumnTotal::Malformed { .. } => String::new(),
        })
        .collect();
    let first = usize::from(tt_column && texts.len() > 1);
    let label = (first..texts.len()).find(|&k| texts[k].is_empty()).unwrap_or(0);
    if let Some(cell) = texts.get_mut(label) {
        *cell = "Tổng cộng".into();
    }
    GridRow {
        kind: RowKind::Plain,
        keep_with_next: false,
        cells: texts.into_iter().zip(align).map(|(text, a)| GridCell { bold: true, ..body_cell(text, *a) }).collect(),
        breakable: false,
        lines: None,
    }
}

/// A document property no longer than [`META_CHARS`]: a PDF string holds at
/// most 32 767 bytes (PDF/A), and a title is read in a file list, not in full.
fn metadata_text(s: &str) -> String {
    match s.char_indices().nth(META_CHARS) {
        Some((at, _)) => format!("{}…", s[..at].trim_end()),
        None => s.to_owned(),
    }
}

/// See [`metadata_text`]: 1 000 characters, 4 000 bytes at most in UTF-8
/// (the PDF's UTF-16 string: 2 000 bytes and some).
const META_CHARS: usize = 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_properties_are_cut_to_a_thousand_characters() {
        // A 36 000-character trích yếu made typst fail: a PDF string holds 32 767.
        let long = "Về việc ".repeat(5000);
        let cut = metadata_text(&long);
        assert_eq!(cut.chars().count(), 1000);
        assert!(cut.ends_with("việc…") || cut.ends_with("Về…"), "{}", &cut[cut.len() - 20..]);
        assert_eq!(metadata_text("BÁO CÁO Tình hình"), "BÁO CÁO Tình hình");
    }

    /// The summary sentence begins with a capital where a sentence begins (a
    /// paragraph's start, after "."), in lower case after "Tóm lại:" (review).
    #[test]
    fn the_summary_starts_with_a_capital_where_a_sentence_starts() {
        let path = std::path::Path::new("content/but-son-2023-6-thang.yaml");
        let seed = std::fs::read_to_string(path).unwrap();
        let text_of = |yaml: &str| {
            let (doc, _) = crate::prepare_str(path, yaml, crate::layout::SizeProfile::P14).expect("prepares");
            crate::plain_text(&doc)
        };
        assert!(text_of(&seed).contains("có bước tăng trưởng so với cùng kỳ; trong 29 chỉ tiêu"));
        let first = seed.replace("                  - dam: \"Tóm lại:\"\n                  - \" 6 tháng", "                  - tom_tat: chi_tieu\n                  - \". 6 tháng");
        assert!(text_of(&first).contains("Trong 29 chỉ tiêu giao đầu năm"), "a paragraph's start");
        let after_stop = seed.replace("so với cùng kỳ; \"", "so với cùng kỳ. \"");
        assert!(text_of(&after_stop).contains("so với cùng kỳ. Trong 29 chỉ tiêu"), "after a full stop");
    }

    /// A paragraph that ends with the summary sentence ends with a full stop
    /// (nobody can type one after it but in a run of its own); one that goes
    /// on after it is left as written.
    #[test]
    fn a_summary_ending_its_paragraph_gets_a_full_stop() {
        let path = std::path::Path::new("content/but-son-2023-6-thang.yaml");
        let seed = std::fs::read_to_string(path).unwrap();
        let prepared = |yaml: &str| crate::prepare_str(path, yaml, crate::layout::SizeProfile::P14).expect("prepares");
        let ending = regex_free_cut(&seed, "                  - tom_tat: chi_tieu\n", "        - muc:\n            tieu_de: \"TỒN TẠI");
        let (doc, diags) = prepared(&ending);
        assert!(crate::plain_text(&doc).contains("02 chỉ tiêu chưa thực hiện. \n") || crate::plain_text(&doc).contains("02 chỉ tiêu chưa thực hiện.\n"), "{}", crate::plain_text(&doc));
        assert!(diags.is_empty(), "{diags:?}");
        assert!(crate::plain_text(&prepared(&seed).0).contains("02 chỉ tiêu chưa thực hiện ( trong đó") || crate::plain_text(&prepared(&seed).0).contains("02 chỉ tiêu chưa thực hiện (trong đó"));
        // As the last sentence of the body it takes the closing mark, and the
        // "," typed before it is no end of the text to warn about.
        let last = seed.replace("\nnoi_nhan:", "\n  - doan:\n      - \"Tóm lại, \"\n      - tom_tat: chi_tieu\nnoi_nhan:");
        let (doc, diags) = prepared(&last);
        assert!(crate::plain_text(&doc).contains("Tóm lại, trong 29 chỉ tiêu"), "{}", crate::plain_text(&doc));
        assert!(crate::plain_text(&doc).contains("02 chỉ tiêu chưa thực hiện./."), "{}", crate::plain_text(&doc));
        assert!(diags.is_empty(), "{diags:?}");
    }

    /// `text` with the part after `keep_through` up to `resume_at` removed.
    fn regex_free_cut(text: &str, keep_through: &str, resume_at: &str) -> String {
        let a = text.find(keep_through).expect("the summary run") + keep_through.len();
        let b = text[a..].find(resume_at).expect("the next section") + a;
        format!("{}{}", &text[..a], &text[b..])
    }

    #[test]
    fn numbers_sections_from_their_path() {
        assert_eq!(section_number(&[1], SectionStyle::LaMa), "I.");
        assert_eq!(section_number(&[4], SectionStyle::LaMa), "IV.");
        assert_eq!(section_number(&[1, 2], SectionStyle::LaMa), "2.");
        assert_eq!(section_number(&[1, 2, 3], SectionStyle::LaMa), "2.3.");
        assert_eq!(section_number(&[2, 1, 1, 4], SectionStyle::LaMa), "1.1.4.");
        assert_eq!(section_number(&[3], SectionStyle::So), "3.");
        assert_eq!(section_number(&[3, 2], SectionStyle::So), "3.2.");
        assert_eq!(section_number(&[1, 1, 4], SectionStyle::So), "1.1.4.");
    }

    #[test]
    fn labels_parts_and_points() {
        assert_eq!(part_label(PartStyle::Thu, 1), "Phần thứ nhất");
        assert_eq!(part_label(PartStyle::Thu, 4), "Phần thứ tư");
        assert_eq!(part_label(PartStyle::LaMa, 3), "Phần III");
        assert_eq!(point_label(1), "a)");
        assert_eq!(point_label(5), "đ)");
        assert_eq!(point_label(6), "e)");
        assert_eq!(point_label(7), "g)");
        assert_eq!(point_label(23), "y)");
    }

    #[test]
    fn the_closing_mark_ends_the_last_sentence_once() {
        let mut body = vec![Block::Paragraph { inlines: vec![Inline::plain("… đã đề ra.")] }];
        assert_eq!(append_closing_mark(&mut body, "./."), None);
        let Block::Paragraph { inlines } = &body[0] else { unreachable!() };
        let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(text, "… đã đề ra./.");
        let mut body = vec![Block::Item { marker: "-".into(), inlines: vec![Inline::plain("Lưu hồ sơ")] }];
        append_closing_mark(&mut body, "./.");
        let Block::Item { inlines, .. } = &body[0] else { unreachable!() };
        assert_eq!(inlines.iter().map(|i| i.text.as_str()).collect::<String>(), "Lưu hồ sơ./.");
        let mut body = vec![Block::Part { label: "Phần thứ nhất".into(), title: vec![] }];
        assert_eq!(append_closing_mark(&mut body, "./.").as_deref(), Some("./."));
    }

    #[test]
    fn symbols_and_spaced_dashes_are_kept_on_one_line() {
        let spans = |t: &str| -> Vec<(String, bool)> {
            no_break_spans(vec![Inline::plain(t)]).into_iter().map(|i| (i.text, i.unbreakable)).collect()
        };
        let s = |t: &str, u: bool| (t.to_owned(), u);
        assert_eq!(
            spans("theo Quyết định số 06/QĐ-TTg của"),
            [s("theo Quyết định số ", false), s("06/QĐ-TTg", true), s(" của", false)]
        );
        assert_eq!(
            spans("kỷ niệm 27/7/1947 - 27/7/2023 đạt"),
            [s("kỷ niệm ", false), s("27/7/1947 - 27/7/2023", true), s(" đạt", false)]
        );
        assert_eq!(spans("dân số - KHHGĐ."), [s("dân ", false), s("số - KHHGĐ.", true)]);
        // A plain sentence, a lone dash and a long address are left alone.
        assert_eq!(spans("Công nghiệp xây dựng"), [s("Công nghiệp xây dựng", false)]);
        assert_eq!(spans("- đầu dòng"), [s("- đầu dòng", false)]);
        let url = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc.html";
        assert_eq!(spans(url), [s(url, false)]);
    }

    #[test]
    fn roman_numerals() {
        for (n, r) in [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV")] {
            assert_eq!(roman(n), r);
        }
    }
}
