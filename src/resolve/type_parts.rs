//! The body parts a document type's model fixes (Phụ lục III), laid out as
//! ordinary blocks: a quyết định's authority line, căn cứ, "QUYẾT ĐỊNH:" and
//! numbered articles; a biên bản's field lines; a giấy mời's and a giấy giới
//! thiệu's sentences. The renderers draw them like any other block.

use super::{capitalised, clean, lines, names, no_break_spans, point_label, roman, Attachment, Block, Inline, Line};
use crate::check::markers;
use crate::layout::Profile;
use crate::model::{Article, At, DocumentType, Entry, Report};

/// The blocks a type puts before the free body (`noi_dung`).
pub fn before_body(r: &Report, p: &Profile) -> Vec<Block> {
    let model = r.loai.value.model();
    let mut out = Vec::new();
    match r.loai.value {
        DocumentType::QuyetDinh | DocumentType::NghiQuyet => {
            for (i, line) in r.tham_quyen.iter().enumerate() {
                let text = clean(&line.value).to_uppercase();
                if !text.is_empty() {
                    let extra_above = if i == 0 { p.authority_above } else { 0.0 };
                    out.push(Block::Centered { inlines: vec![Inline::bold(text)], extra_above });
                }
            }
            for line in &r.can_cu {
                let text = clean(&line.value);
                if !text.is_empty() {
                    out.push(Block::Paragraph { inlines: vec![Inline { italic: true, ..Inline::plain(text) }] });
                }
            }
            if let Some(word) = model.decision_word {
                out.push(Block::Centered { inlines: vec![Inline::bold(word)], extra_above: 0.0 });
            }
            articles(&r.dieu, 1, &mut out);
            if let Some(t) = &r.thong_qua {
                out.push(paragraph(clean(&t.value)));
            }
        }
        DocumentType::BienBan => {
            field(&mut out, "Thời gian bắt đầu", &r.thoi_gian);
            field(&mut out, "Địa điểm", &r.dia_diem);
            let member = |m: &At<String>| clean(m.value.trim_start_matches(['-', '+', ' ']));
            let dash = |m: String| Block::Item { marker: "-".into(), inlines: vec![Inline::plain(m)] };
            let lines: Vec<String> = r.thanh_phan.iter().filter_map(|e| match e {
                Entry::Line(m) => Some(member(m)),
                Entry::Group(_) => None,
            }).filter(|m| !m.is_empty()).collect();
            match (lines.as_slice(), r.thanh_phan.iter().any(|e| matches!(e, Entry::Group(_)))) {
                ([], false) => {}
                ([one], false) => out.push(paragraph(format!("Thành phần tham dự: {one}"))),
                _ => {
                    out.push(paragraph("Thành phần tham dự:".to_owned()));
                    // A side ("Đại diện bên giao:", plain, as any paragraph)
                    // with its people as "- " lines under it.
                    for e in &r.thanh_phan {
                        match e {
                            Entry::Line(m) => out.extend(Some(member(m)).filter(|m| !m.is_empty()).map(dash)),
                            Entry::Group(g) => {
                                out.push(paragraph(super::group_lead(&g.nhom.value)));
                                out.extend(g.gom.iter().map(member).filter(|m| !m.is_empty()).map(dash));
                            }
                        }
                    }
                }
            }
            field(&mut out, "Chủ trì (chủ tọa)", &r.chu_tri);
            field(&mut out, "Thư ký (người ghi biên bản)", &r.thu_ky);
            if !r.noi_dung.is_empty() {
                out.push(paragraph("Nội dung:".to_owned()));
            }
        }
        DocumentType::GiayMoi => {
            let invited: Vec<String> = r.kinh_moi.iter().map(|w| clean(w.value.trim_start_matches(['-', ' ']))).filter(|w| !w.is_empty()).collect();
            match invited.as_slice() {
                [] => {}
                [one] => out.push(paragraph(format!("{} trân trọng kính mời: {one}", spoken_name(r)))),
                // Several invitees: one a line under the sentence, punctuated as
                // a Kính gửi list is (";" after each, "." after the last).
                many => {
                    out.push(paragraph(format!("{} trân trọng kính mời:", spoken_name(r))));
                    for (i, who) in many.iter().enumerate() {
                        let end = if i + 1 == many.len() { "." } else { ";" };
                        let who = format!("{}{end}", who.trim_end_matches([';', '.', ',']));
                        out.push(Block::Item { marker: "-".into(), inlines: vec![Inline::plain(who)] });
                    }
                }
            }
            if let Some(what) = &r.toi_du {
                let what = clean(&what.value);
                let what = strip_word(&what, "Tới dự");
                out.push(paragraph(format!("Tới dự {what}")));
            }
            field(&mut out, "Chủ trì", &r.chu_tri);
            field(&mut out, "Thời gian", &r.thoi_gian);
            field(&mut out, "Địa điểm", &r.dia_diem);
        }
        DocumentType::GiayGioiThieu => {
            out.push(Block::Centered { inlines: vec![Inline::plain(format!("{} trân trọng giới thiệu:", spoken_name(r)))], extra_above: 0.0 });
            let person = r.gioi_thieu.as_ref().map(|v| clean(&v.value)).unwrap_or_default();
            let (titled, pronoun) = introduced_pronoun(&person);
            out.push(paragraph(if titled { person } else { format!("Ông (bà): {person}") }));
            field(&mut out, "Chức vụ", &r.chuc_vu);
            field(&mut out, "Được cử đến", &r.duoc_cu_den);
            field(&mut out, "Về việc", &r.ve_viec);
            out.push(paragraph(format!("Đề nghị Quý cơ quan tạo điều kiện để {pronoun} có tên ở trên hoàn thành nhiệm vụ.")));
            if let Some(until) = &r.gia_tri_den {
                let until = clean(&until.value);
                let until = strip_word(&until, "ngày");
                out.push(paragraph(format!("Giấy này có giá trị đến hết ngày {}", until.trim_end_matches('.'))));
            }
        }
        _ => {}
    }
    out
}

/// The blocks a type puts after the free body.
pub fn after_body(r: &Report) -> Vec<Block> {
    match (r.loai.value, &r.ket_thuc_hop) {
        (DocumentType::BienBan, Some(end)) => vec![paragraph(clean(&end.value))],
        _ => Vec::new(),
    }
}

/// How a giấy giới thiệu's closing sentence names who it introduces, from the
/// titles in `gioi_thieu`: "ông", "bà", "đồng chí" for one person; "các ông",
/// "các bà", "các ông (bà)", "các đồng chí" for several ("Ông A, bà B và ông
/// C"); "ông (bà)" for a bare name, then printed "Ông (bà): …". `true`: the
/// text carries its own title.
fn introduced_pronoun(person: &str) -> (bool, String) {
    let lower = person.to_lowercase();
    // Each person: a piece between ",", ";" and " và ", by its first word(s).
    let titles: Vec<&str> = lower
        .split([',', ';'])
        .flat_map(|p| p.split(" và "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.starts_with("đồng chí ") {
                "đồng chí"
            } else if p.starts_with("ông ") {
                "ông"
            } else if p.starts_with("bà ") {
                "bà"
            } else {
                ""
            }
        })
        .collect();
    let Some(&first) = titles.first().filter(|t| !t.is_empty()) else { return (false, "ông (bà)".into()) };
    // Pieces without a title after a titled one are the first person's
    // details ("Ông A, Phó Chủ tịch"), not other people.
    let people: Vec<&str> = titles.into_iter().filter(|t| !t.is_empty()).collect();
    if people.len() == 1 {
        return (true, first.to_owned());
    }
    let pronoun = if people.iter().all(|t| *t == first) {
        format!("các {first}")
    } else if people.iter().all(|t| matches!(*t, "ông" | "bà")) {
        "các ông (bà)".to_owned()
    } else {
        "các đồng chí".to_owned()
    };
    (true, pronoun)
}

/// "Điều 1." bold, then its text; khoản "1.", điểm "a)". Numbered from `first`.
fn articles(list: &[Article], first: usize, out: &mut Vec<Block>) {
    for (i, article) in list.iter().enumerate() {
        let label = format!("Điều {}.", first + i);
        let title = article.tieu_de.as_ref().map(|t| strip_article_label(&clean(&t.value)));
        let text = article.noi_dung.as_ref().map(|t| strip_article_label(&clean(&t.value)));
        match (title, text) {
            // A titled article: the whole line bold, its text a paragraph under it.
            // The line is a title: never left alone at the foot of a page, away
            // from the text, khoản or items under it.
            (Some(title), text) => {
                let text = text.filter(|t| !t.is_empty());
                let followed = text.is_some() || !article.gach.is_empty() || !article.khoan.is_empty() || !article.diem.is_empty();
                out.push(Block::Heading {
                    level: 2,
                    number: String::new(),
                    title: vec![Inline::bold(format!("{label} {title}"))],
                    run_in: Vec::new(),
                    keep_with_next: followed,
                });
                if let Some(text) = text {
                    out.push(paragraph(text));
                }
            }
            (None, text) => {
                let mut inlines = vec![Inline::bold(label)];
                if let Some(text) = text.filter(|t| !t.is_empty()) {
                    inlines.push(Inline::plain(format!(" {text}")));
                }
                out.push(Block::Paragraph { inlines });
            }
        }
        // The dash items list what the article's text introduces ("gồm các
        // ông (bà) có tên sau:"): right under it, before any khoản.
        dashes(&article.gach, out);
        for (k, clause) in article.khoan.iter().enumerate() {
            let text = clean(&clause.noi_dung.value);
            let text = markers::strip(&text, markers::Place::Clause).unwrap_or(&text).trim_start().to_owned();
            out.push(paragraph(format!("{}. {text}", k + 1)));
            dashes(&clause.gach, out);
            points(&clause.diem, out);
        }
        points(&article.diem, out);
    }
}

/// Dash items under an article or a khoản ("- Ông Nguyễn Văn A, …;"); a "-"
/// typed before the text is dropped (vanban prints it; `check` warns).
fn dashes(list: &[At<String>], out: &mut Vec<Block>) {
    for item in list {
        let text = clean(&item.value);
        let text = markers::strip(&text, markers::Place::Dash).unwrap_or(&text).trim_start().to_owned();
        out.push(Block::Item { marker: "-".into(), inlines: vec![Inline::plain(text)] });
    }
}

/// The text a quyết định issues or approves (Mẫu 1.3). `number`: the decision's
/// "Số: …" line; `date`: its "ngày … tháng … năm …".
pub fn attachment(r: &Report, number: &str, date: &str, p: &Profile) -> Option<Attachment> {
    let k = r.kem_theo.as_ref()?;
    let mut body = Vec::new();
    let mut next = 1;
    for (i, chapter) in k.chuong.iter().enumerate() {
        body.push(Block::Centered { inlines: vec![Inline::bold(format!("Chương {}", roman(i + 1)))], extra_above: 0.0 });
        body.push(Block::Centered { inlines: vec![Inline::bold(clean(&chapter.tieu_de.value).to_uppercase())], extra_above: 0.0 });
        articles(&chapter.dieu, next, &mut body);
        next += chapter.dieu.len();
    }
    articles(&k.dieu, next, &mut body);
    let given: Vec<String> = k.trich_yeu.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let summary = lines::summary(&given, p);
    let reference = reference(r, number, date, p);
    Some(Attachment {
        doc_type: clean(&k.loai.value).to_uppercase(),
        rule: lines::attachment_rule(&summary, &reference, p),
        summary,
        reference,
        body,
    })
}

/// "(Kèm theo Quyết định số 347/QĐ-UBND ngày 02 tháng 10 năm 2026 của Chủ
/// tịch Ủy ban nhân dân xã An Bình)": the line under an attached text's or a
/// phụ lục's title. `number`: the document's "Số: …" line; `date`: its "ngày …
/// tháng … năm …".
pub fn reference(r: &Report, number: &str, date: &str, p: &Profile) -> Vec<Line> {
    // "Số: 347/QĐ-UBND" → "số 347/QĐ-UBND" (a blank number stays blank for the văn thư).
    let symbol = number.strip_prefix("Số:").unwrap_or(number);
    let symbol = if symbol.starts_with(' ') && !symbol.trim_start().starts_with('/') { symbol.trim_start().to_owned() } else { symbol.to_owned() };
    // "Quyết định", "Báo cáo", "Công văn" (which has no tên loại of its own).
    let kind = capitalised(r.loai.value.name());
    let blank_number = symbol.starts_with(' ') && symbol.trim_start().starts_with('/');
    // The opening, with its trailing space when the date follows on the line.
    let first = |space: &str| -> Vec<Inline> {
        if blank_number {
            // "số      /QĐ-UBND": one run that never breaks, the blank as in the
            // header, which the template marks for the văn thư to fill.
            let symbol = Inline { unbreakable: true, ..Inline::plain(format!("số{}{}", super::BLANK_NUMBER, symbol.trim_start())) };
            let mut inlines = vec![Inline::plain(format!("(Kèm theo {kind} ")), symbol];
            if !space.is_empty() {
                inlines.push(Inline::plain(space));
            }
            inlines
        } else {
            no_break_spans(vec![Inline::plain(format!("(Kèm theo {kind} số {symbol}{space}"))])
        }
    };
    reference_lines(first, blank_number, date, &format!(" của {})", decider(r)), p)
}

/// "(Kèm theo … số …" and "ngày … của …)" on one line when it fits the text
/// width (italic, body size), else on two, broken before the date; the date
/// never breaks, nor does a symbol ("347/QĐ-UBND"). `first(" ")`: the opening
/// with the space before the date, `first("")` without. A blank number
/// (`two_lines`) ends the first line: the văn thư's number, once written in,
/// moves the symbol after it along, which only the end of a line has room for.
fn reference_lines(first: impl Fn(&str) -> Vec<Inline>, two_lines: bool, date: &str, rest: &str, p: &Profile) -> Vec<Line> {
    let date = Inline { unbreakable: true, ..Inline::plain(date) };
    let line = |before: Vec<Inline>| {
        let mut inlines = before;
        inlines.push(date.clone());
        inlines.extend(no_break_spans(vec![Inline::plain(rest)]));
        Line(inlines)
    };
    let whole = line(first(" "));
    if !two_lines && lines::line_width(&whole, p.size_body, false, true) <= lines::text_width_pt_of(p) {
        vec![whole]
    } else {
        vec![Line(first("")), line(Vec::new())]
    }
}

/// Who decided, as running text: "Chủ tịch Ủy ban nhân dân xã An Bình", "Ủy
/// ban nhân dân xã An Bình" (from the authority line, else the issuer).
fn decider(r: &Report) -> String {
    let Some(line) = r.tham_quyen.first() else { return spoken_name(r) };
    let upper = clean(&line.value).to_uppercase();
    match upper.strip_prefix("CHỦ TỊCH ") {
        Some(body) => format!("Chủ tịch {}", running_text_name(body)),
        None => running_text_name(&upper),
    }
}

fn points(list: &[At<String>], out: &mut Vec<Block>) {
    for (n, p) in list.iter().enumerate() {
        let text = clean(&p.value);
        let text = markers::strip(&text, markers::Place::Point).unwrap_or(&text).trim_start().to_owned();
        out.push(Block::Item { marker: point_label(n + 1), inlines: vec![Inline::plain(text)] });
    }
}

/// "Điều 1." (or "Điều 1:", "Điều 1 -") typed before an article's text: vanban
/// numbers the articles, so a typed label is dropped (`check` warns).
pub fn strip_article_label(text: &str) -> String {
    match markers::typed_article_label(text) {
        Some(len) => text[len..].trim_start().to_owned(),
        None => text.to_owned(),
    }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph { inlines: vec![Inline::plain(text)] }
}

/// "Label: value" as a paragraph, when the value is given.
fn field(out: &mut Vec<Block>, label: &str, value: &Option<At<String>>) {
    if let Some(v) = value {
        let text = clean(&v.value);
        let text = strip_word(&text, label);
        let text = text.trim_start_matches(':').trim_start();
        out.push(paragraph(format!("{label}: {text}")));
    }
}

/// `text` without a leading `word` the author typed (case-insensitive).
fn strip_word<'t>(text: &'t str, word: &str) -> &'t str {
    let n = word.chars().count();
    let head: String = text.chars().take(n).collect();
    if head.to_lowercase() == word.to_lowercase() {
        text[head.len()..].trim_start()
    } else {
        text
    }
}

/// The issuing body's name as running text says it: `co_quan.ten_goi`, or
/// `co_quan.ten` as [`names::running_text`] writes it ("ỦY BAN NHÂN DÂN" /
/// "XÃ AN BÌNH" → "Ủy ban nhân dân xã An Bình").
pub fn spoken_name(r: &Report) -> String {
    if let Some(n) = &r.co_quan.ten_goi {
        return clean(&n.value);
    }
    running_text_name(&issuer_upper(r))
}

/// The issuing body's name on one line, as the header prints it.
pub fn issuer_upper(r: &Report) -> String {
    clean(&r.co_quan.ten.iter().map(|l| l.value.as_str()).collect::<Vec<_>>().join(" "))
}

/// Does the text print the issuer's name as running text (a giấy mời's and a
/// giấy giới thiệu's opening sentence, the "(Kèm theo … của …)" line of an
/// attached text or a phụ lục without an authority line)?
pub fn speaks_issuer_name(r: &Report) -> bool {
    matches!(r.loai.value, DocumentType::GiayMoi | DocumentType::GiayGioiThieu)
        || ((r.kem_theo.is_some() || !r.phu_luc.is_empty()) && r.tham_quyen.is_empty())
}

fn running_text_name(upper: &str) -> String {
    names::running_text(upper).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_named_as_a_group() {
        assert_eq!(introduced_pronoun("Ông Nguyễn Văn B"), (true, "ông".into()));
        assert_eq!(introduced_pronoun("Bà Trần Thị C, công chức Văn phòng - Thống kê"), (true, "bà".into()));
        assert_eq!(introduced_pronoun("Đồng chí Lê Văn D"), (true, "đồng chí".into()));
        assert_eq!(introduced_pronoun("Nguyễn Văn B"), (false, "ông (bà)".into()));
        assert_eq!(
            introduced_pronoun("Ông Nguyễn Hữu Phước, bà Đặng Thị Kim Liên và ông Võ Minh Trí"),
            (true, "các ông (bà)".into())
        );
        assert_eq!(introduced_pronoun("Ông Nguyễn Văn A và ông Trần Văn B"), (true, "các ông".into()));
        assert_eq!(introduced_pronoun("Đồng chí A; đồng chí B"), (true, "các đồng chí".into()));
    }

    #[test]
    fn typed_article_labels_are_found() {
        assert_eq!(strip_article_label("Điều 1. Thành lập"), "Thành lập");
        assert_eq!(strip_article_label("Điều 12: Thành lập"), "Thành lập");
        assert_eq!(strip_article_label("Điều 3 - Giao"), "Giao");
        assert_eq!(strip_article_label("Điều chỉnh quy hoạch"), "Điều chỉnh quy hoạch");
        assert_eq!(strip_article_label("Điều 2 năm"), "Điều 2 năm");
    }
}
