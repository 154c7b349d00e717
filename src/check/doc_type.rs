//! What each document type's model requires (Phụ lục III; `model::doc_type`),
//! and the lints of `../shared/spec/nd30-types.md` §12: a type's key used in
//! another type, a missing Kính gửi, "Căn cứ" punctuation, a "V/v" typed by
//! hand, a type code in a công văn's ký hiệu, "Như Điều 3" without an article
//! 3 that names who carries the decision out, TM. on a chairman's decision.

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use super::lint::{list_punctuation, typed_marker, ListWords};
use crate::model::source_text::top_level_key_position;
use super::markers;
use crate::model::yaml_error::did_you_mean;
use super::markers::{typed_article_label, Place};
use crate::model::{At, DocumentType, Presence, Report};

/// Checks a report against its type's model.
pub fn check_type(file: &Path, text: &str, r: &Report, diags: &mut Vec<Diagnostic>) {
    let t = r.loai.value;
    let model = t.model();
    let name = t.name();
    // Where to point when something is missing: the key, else `loai`.
    let key_at = |key: &str| -> (u64, u64) {
        top_level_key_position(text, key).unwrap_or((r.loai.referenced.line(), r.loai.referenced.column()))
    };
    let at = |severity: Severity, kind: Kind, (line, column): (u64, u64), message: Msg| Diagnostic::at(severity, kind, file, line, column, message);
    let error = |place: (u64, u64), vi: String, en: String| at(Severity::Error, Kind::MissingField, place, Msg::new(vi, en));

    // A type's own keys, used in another type.
    for (key, value_at) in r.type_keys_given() {
        if model.keys.contains(&key) {
            continue;
        }
        let owners: Vec<&str> = DocumentType::owners_of(key).iter().map(|o| o.name()).collect();
        let own: Vec<String> = model.keys.iter().map(|k| k.to_string()).collect();
        let hint = match did_you_mean(key, &own) {
            Some(close) => Msg::new(format!("có phải ý bạn là `{close}`?"), format!("did you mean `{close}`?")),
            None if matches!(key, "can_cu" | "dieu" | "tham_quyen") => Msg::new(
                format!("trong {name}, viết phần này như đoạn văn (`doan`) trong `noi_dung`, hoặc đổi `loai` nếu đây là quyết định"),
                format!("in a {name}, write this as paragraphs (`doan`) under `noi_dung`, or change `loai` if this is a decision"),
            ),
            None => Msg::new(
                format!("bỏ khóa này, hoặc đổi `loai` thành {}", DocumentType::owners_of(key).iter().map(|o| format!("`{}`", o.model().key)).collect::<Vec<_>>().join(", ")),
                format!("remove this key, or change `loai` to {}", DocumentType::owners_of(key).iter().map(|o| format!("`{}`", o.model().key)).collect::<Vec<_>>().join(", ")),
            ),
        };
        let place = top_level_key_position(text, key).unwrap_or((value_at.line(), value_at.column()));
        diags.push(
            at(
                Severity::Error,
                Kind::UnknownKey,
                place,
                Msg::new(
                    format!("khóa `{key}` thuộc {}, không dùng trong {name}", owners.join(", ")),
                    format!("`{key}` belongs to a {}, not to a {name}", owners.join(" or a ")),
                ),
            )
            .with_hint(hint),
        );
    }

    // Trích yếu: a giấy giới thiệu has none (its rule sits under the tên loại).
    if model.summary == Presence::Absent {
        if let Some(first) = r.trich_yeu.first() {
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    first.referenced,
                    Msg::new(format!("{name} không có trích yếu (Mẫu 1.8)"), format!("a {name} has no trích yếu (Mẫu 1.8)")),
                )
                .with_hint(Msg::new("bỏ `trich_yeu`; ghi việc cần làm ở `ve_viec`", "remove `trich_yeu`; state the errand under `ve_viec`")),
            );
        }
    }
    if model.summary_under_number {
        for line in r.trich_yeu.iter().take(1) {
            if let Some(rest) = markers::strip_subject_prefix(&line.value) {
                diags.push(
                    Diagnostic::warning(Kind::Format, file, line.referenced, Msg::new("không cần gõ \"V/v\": vanban tự viết \"V/v\" trước trích yếu của công văn", "no need to type \"V/v\": vanban writes it before a công văn's trích yếu"))
                        .with_hint(Msg::new(format!("viết: \"{rest}\""), format!("write: \"{rest}\""))),
                );
            }
        }
    }

    // Kính gửi.
    match (model.addressees, r.kinh_gui.iter().any(|a| !a.value.trim().is_empty())) {
        (Presence::Required, false) => diags.push(
            error(
                key_at("kinh_gui"),
                format!("{name} phải có \"Kính gửi\" (ô 9a)"),
                format!("a {name} must have \"Kính gửi\" (ô 9a)"),
            )
            .with_hint(Msg::new("ví dụ: kinh_gui: [\"Ủy ban nhân dân huyện Hoằng Hóa\"]", "e.g. kinh_gui: [\"Ủy ban nhân dân huyện Hoằng Hóa\"]")),
        ),
        (Presence::Absent, true) => diags.push(
            Diagnostic::warning(
                Kind::Format,
                file,
                r.kinh_gui[0].referenced,
                Msg::new(format!("mẫu {name} không có \"Kính gửi\"; nơi gửi ghi ở Nơi nhận"), format!("a {name} has no \"Kính gửi\"; recipients go under Nơi nhận")),
            )
            .with_hint(Msg::new("bỏ `kinh_gui`, ghi các nơi đó vào `noi_nhan`", "remove `kinh_gui` and list them under `noi_nhan`")),
        ),
        _ => {}
    }

    // A body: a báo cáo, công văn, tờ trình … with nothing to say would print
    // its header and signature around an empty page. (A giấy mời and a giấy
    // giới thiệu say what they must in their own keys; a quyết định in `dieu`.)
    if r.noi_dung.is_empty() && !model.no_free_body && !matches!(t, DocumentType::GiayMoi | DocumentType::GiayGioiThieu) {
        diags.push(
            error(key_at("noi_dung"), format!("{name} không có nội dung"), format!("the {name} has no body"))
                .with_hint(Msg::new(
                    "ghi nội dung dưới noi_dung:, ví dụ: noi_dung: [- doan: \"…\"] (xem vanban new THƯ_MỤC --loai LOẠI)",
                    "write the body under noi_dung:, e.g. noi_dung: [- doan: \"…\"] (see vanban new FOLDER --loai TYPE)",
                )),
        );
    }

    // Nơi nhận: required, except where the model fixes it.
    if r.noi_nhan.is_empty() && t != DocumentType::GiayGioiThieu {
        diags.push(
            error(key_at("noi_nhan"), "thiếu Nơi nhận (ô 9b)".into(), "Nơi nhận (ô 9b) is missing".into())
                .with_hint(Msg::new("ví dụ: noi_nhan: [\"UBND huyện (b/c);\", \"Lưu: VT.\"]", "e.g. noi_nhan: [\"UBND huyện (b/c);\", \"Lưu: VT.\"]")),
        );
    }
    lint_groups(file, &r.noi_nhan, "noi_nhan", diags);
    if let (Some(first_expected), Some(first)) = (model.first_recipient, crate::model::entry_lines(&r.noi_nhan).first().copied()) {
        let given = first.value.trim_start_matches(['-', ' ']);
        let expected_start = first_expected.trim_end_matches(';');
        if model.addressees != Presence::Absent && !given.to_lowercase().starts_with(&expected_start.to_lowercase()) {
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    file,
                    first.referenced,
                    Msg::new(
                        format!("Nơi nhận của {name} bắt đầu bằng \"- {first_expected}\" (các nơi ở Kính gửi)"),
                        format!("a {name}'s Nơi nhận begins \"- {first_expected}\" (the Kính gửi recipients)"),
                    ),
                )
                .with_hint(Msg::new(format!("thêm \"{first_expected}\" làm mục đầu của `noi_nhan`"), format!("add \"{first_expected}\" as the first `noi_nhan` item"))),
            );
        }
    }

    // Signers.
    let signers = r.nguoi_ky.all();
    let (fewest, most) = model.signers;
    if !(fewest..=most).contains(&signers.len()) {
        let at = key_at("nguoi_ky");
        diags.push(if fewest > 1 && signers.len() < fewest {
            error(
                at,
                format!("{name} có hai người ký cạnh nhau: thư ký (bên trái) và chủ tọa (bên phải)"),
                format!("a {name} has two signers side by side: the secretary (left) and the chair (right)"),
            )
            .with_hint(Msg::new(
                "viết nguoi_ky thành danh sách: - { chuc_vu: THƯ KÝ, ho_ten: … } rồi - { chuc_vu: CHỦ TỌA, ho_ten: … } (biên bản bàn giao: ĐẠI DIỆN BÊN GIAO, ĐẠI DIỆN BÊN NHẬN)",
                "write nguoi_ky as a list: - { chuc_vu: THƯ KÝ, ho_ten: … } then - { chuc_vu: CHỦ TỌA, ho_ten: … } (a hand-over: ĐẠI DIỆN BÊN GIAO, ĐẠI DIỆN BÊN NHẬN)",
            ))
        } else if most > 1 {
            error(
                at,
                format!("{name} có {} người ký; trang chỉ xếp được nhiều nhất {most} người ký (bốn người: hai hàng, mỗi hàng hai người)", signers.len()),
                format!("a {name} has {} signers; the page holds at most {most} (four: two rows of two)", signers.len()),
            )
            .with_hint(Msg::new(
                "giữ những người ký cho các bên (ĐẠI DIỆN BÊN GIAO, ĐẠI DIỆN BÊN NHẬN, NGƯỜI CHỨNG KIẾN); ghi những người khác ở `thanh_phan`",
                "keep the signers for the sides (ĐẠI DIỆN BÊN GIAO, ĐẠI DIỆN BÊN NHẬN, NGƯỜI CHỨNG KIẾN); list the others under `thanh_phan`",
            ))
        } else {
            error(
                at,
                format!("{name} có một người ký; chỉ biên bản có nhiều người ký cạnh nhau"),
                format!("a {name} has one signer; only a biên bản has several side by side"),
            )
            .with_hint(Msg::new("viết nguoi_ky là một người: tm: …, chuc_vu: …, ho_ten: …", "write nguoi_ky as one signer: tm: …, chuc_vu: …, ho_ten: …"))
        });
    }

    // The free body, where the model has fixed parts instead.
    if model.no_free_body && !r.noi_dung.is_empty() {
        let (vi, en) = match t {
            DocumentType::GiayGioiThieu => (
                "giấy giới thiệu không có `noi_dung`: ghi người được giới thiệu ở `gioi_thieu`, `chuc_vu`, `duoc_cu_den`, `ve_viec`, `gia_tri_den`".to_owned(),
                "a giấy giới thiệu has no `noi_dung`: use `gioi_thieu`, `chuc_vu`, `duoc_cu_den`, `ve_viec`, `gia_tri_den`".to_owned(),
            ),
            _ => (
                format!("{name} gồm các điều: ghi nội dung dưới `dieu` (vanban đánh số Điều 1., Điều 2., …), không dùng `noi_dung`"),
                format!("a {name} consists of articles: write them under `dieu` (vanban numbers them), not under `noi_dung`"),
            ),
        };
        let hint = match t {
            DocumentType::GiayGioiThieu => Msg::new("xem mẫu: vanban new THƯ_MỤC --loai giay_gioi_thieu", "see the model: vanban new FOLDER --loai giay_gioi_thieu"),
            _ => Msg::new(
                "đổi `noi_dung:` thành `dieu:`, mỗi điều một mục: - { noi_dung: \"…\" } (hoặc tieu_de, khoan); xem mẫu: vanban new THƯ_MỤC --loai quyet_dinh",
                "rename `noi_dung:` to `dieu:`, one item an article: - { noi_dung: \"…\" } (or tieu_de, khoan); see the model: vanban new FOLDER --loai quyet_dinh",
            ),
        };
        diags.push(at(Severity::Error, Kind::UnknownKey, key_at("noi_dung"), Msg::new(vi, en)).with_hint(hint));
    }

    let filled = |v: &Option<At<String>>| v.as_ref().is_some_and(|v| !v.value.trim().is_empty());
    let required = |diags: &mut Vec<Diagnostic>, key: &str, given: bool, example: &str| {
        if !given {
            diags.push(
                error(key_at(key), format!("{name} thiếu `{key}`"), format!("a {name} needs `{key}`"))
                    .with_hint(Msg::new(format!("ví dụ: {key}: {example}"), format!("e.g. {key}: {example}"))),
            );
        }
    };
    for signer in r.nguoi_ky.all() {
        lint_signing_authority(file, signer, diags);
    }

    match t {
        DocumentType::QuyetDinh | DocumentType::NghiQuyet => {
            let authority_example = if t == DocumentType::QuyetDinh {
                "[\"ỦY BAN NHÂN DÂN XÃ AN BÌNH\"]"
            } else {
                "[\"HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH\", \"KHÓA XXI, KỲ HỌP THỨ 5\"]"
            };
            required(diags, "tham_quyen", !r.tham_quyen.is_empty(), authority_example);
            required(diags, "dieu", !r.dieu.is_empty(), "[{ noi_dung: \"…\" }]");
            if t == DocumentType::NghiQuyet && r.tham_quyen.len() == 1 {
                diags.push(
                    Diagnostic::warning(Kind::Format, file, r.tham_quyen[0].referenced, Msg::new(
                        "thẩm quyền của nghị quyết HĐND có hai dòng: tên Hội đồng và \"KHÓA …, KỲ HỌP THỨ …\"",
                        "a HĐND resolution's authority has two lines: the council and \"KHÓA …, KỲ HỌP THỨ …\"",
                    ))
                    .with_hint(Msg::new("thêm dòng: \"KHÓA XXI, KỲ HỌP THỨ 5\"", "add the line: \"KHÓA XXI, KỲ HỌP THỨ 5\"")),
                );
            }
            if t == DocumentType::NghiQuyet && r.thong_qua.is_none() {
                diags.push(at(Severity::Warning, Kind::MissingField, key_at("dieu"), Msg::new(
                    "nghị quyết kết thúc bằng câu thông qua (`thong_qua`)",
                    "a resolution ends with the sentence on when it was passed (`thong_qua`)",
                )).with_hint(Msg::new(
                    "ví dụ: thong_qua: \"Nghị quyết này đã được Hội đồng nhân dân xã … khóa …, kỳ họp thứ … thông qua ngày … và có hiệu lực từ ngày …\"",
                    "e.g. thong_qua: \"Nghị quyết này đã được Hội đồng nhân dân xã … khóa …, kỳ họp thứ … thông qua ngày … và có hiệu lực từ ngày …\"",
                )));
            }
            if let Some(k) = &r.kem_theo {
                if k.chuong.iter().all(|c| c.dieu.is_empty()) && k.dieu.is_empty() {
                    diags.push(
                        Diagnostic::error(Kind::Empty, file, k.loai.referenced, Msg::new(
                            "văn bản kèm theo (`kem_theo`) chưa có điều nào",
                            "the attached text (`kem_theo`) has no article",
                        ))
                        .with_hint(Msg::new(
                            "ghi các điều dưới `kem_theo.dieu`, hoặc theo chương dưới `kem_theo.chuong`",
                            "write its articles under `kem_theo.dieu`, or by chapter under `kem_theo.chuong`",
                        )),
                    );
                }
            }
            lint_can_cu(file, &r.can_cu, diags);
            lint_articles(file, r, diags);
            lint_authority_and_signature(file, r, diags);
        }
        DocumentType::CongVan => lint_cong_van_symbol(file, r, diags),
        DocumentType::BienBan => {
            required(diags, "thoi_gian", filled(&r.thoi_gian), "\"08 giờ 00 phút, ngày 20 tháng 6 năm 2024\"");
            required(diags, "dia_diem", filled(&r.dia_diem), "\"Hội trường Ủy ban nhân dân xã\"");
            required(diags, "thanh_phan", !r.thanh_phan.is_empty(), "[\"Ông …\", \"Bà …\"]");
            lint_groups(file, &r.thanh_phan, "thanh_phan", diags);
            super::when::lint_minutes(file, r, diags);
            // A meeting's minutes name who chaired and who kept them; a
            // hand-over, an inspection, a working session need not (they
            // are signed by the sides). Said only where the biên bản clearly
            // records a meeting.
            let meeting = records_a_meeting(r);
            for (key, value, example) in [
                ("chu_tri", &r.chu_tri, "\"Ông Nguyễn Văn A, Chủ tịch UBND xã\""),
                ("thu_ky", &r.thu_ky, "\"Bà Trần Thị B, công chức Văn phòng - Thống kê\""),
            ] {
                if meeting && !filled(value) {
                    diags.push(
                        at(Severity::Warning, Kind::MissingField, key_at(key), Msg::new(
                            format!("biên bản cuộc họp ghi `{key}` ({})", if key == "chu_tri" { "người chủ trì" } else { "thư ký, người ghi biên bản" }),
                            format!("the minutes of a meeting name `{key}` ({})", if key == "chu_tri" { "who chaired" } else { "who kept the minutes" }),
                        ))
                        .with_hint(Msg::new(format!("ví dụ: {key}: {example}"), format!("e.g. {key}: {example}"))),
                    );
                }
            }
            if meeting && r.ket_thuc_hop.is_none() {
                diags.push(at(Severity::Warning, Kind::MissingField, key_at("nguoi_ky"), Msg::new(
                    "biên bản ghi giờ kết thúc cuộc họp (`ket_thuc_hop`)",
                    "minutes state when the meeting ended (`ket_thuc_hop`)",
                )).with_hint(Msg::new(
                    "ví dụ: ket_thuc_hop: \"Cuộc họp kết thúc vào 11 giờ 30 phút cùng ngày.\"",
                    "e.g. ket_thuc_hop: \"Cuộc họp kết thúc vào 11 giờ 30 phút cùng ngày.\"",
                )));
            }
        }
        DocumentType::GiayMoi => {
            required(diags, "kinh_moi", r.kinh_moi.iter().any(|v| !v.value.trim().is_empty()), "\"Ông (bà) Trưởng các thôn\"");
            required(diags, "toi_du", filled(&r.toi_du), "\"Hội nghị sơ kết công tác 6 tháng đầu năm 2024\"");
            required(diags, "thoi_gian", filled(&r.thoi_gian), "\"07 giờ 30 phút, thứ Hai, ngày 15/7/2024\"");
            required(diags, "dia_diem", filled(&r.dia_diem), "\"Hội trường Ủy ban nhân dân xã\"");
            if let Some(time) = &r.thoi_gian {
                super::meeting::lint_meeting_time(file, time, &r.ngay, diags);
            }
        }
        DocumentType::GiayGioiThieu => {
            required(diags, "gioi_thieu", filled(&r.gioi_thieu), "\"Ông Nguyễn Văn B\"");
            required(diags, "duoc_cu_den", filled(&r.duoc_cu_den), "\"Ủy ban nhân dân huyện Hoằng Hóa\"");
            required(diags, "ve_viec", filled(&r.ve_viec), "\"Liên hệ công tác\"");
            required(diags, "gia_tri_den", filled(&r.gia_tri_den), "\"30 tháng 6 năm 2024\"");
            super::when::lint_valid_until(file, r, diags);
        }
        _ => {}
    }
}

/// Whether a biên bản clearly records a meeting: its trích yếu says "họp" or
/// "hội nghị", it says when the meeting ended, or its signers are a thư ký and
/// a chủ tọa. A hand-over, an inspection or a working session says none of it.
pub fn records_a_meeting(r: &Report) -> bool {
    let subject = r.trich_yeu.iter().map(|l| l.value.to_lowercase()).collect::<Vec<_>>().join(" ");
    let said = subject.split(|c: char| !c.is_alphanumeric()).any(|w| w == "họp") || subject.contains("hội nghị");
    let titles: Vec<String> = r.nguoi_ky.all().iter().filter_map(|s| s.chuc_vu.as_ref()).map(|c| c.value.to_uppercase()).collect();
    let chair_and_secretary = titles.iter().any(|t| t.contains("CHỦ TỌA") || t.contains("CHỦ TỊCH")) && titles.iter().any(|t| t.contains("THƯ KÝ"));
    said || r.ket_thuc_hop.is_some() || chair_and_secretary
}

/// A group (`nhom`, `gom`) with no member, or with a blank lead: printed as a
/// lead line with nothing under it.
pub(crate) fn lint_groups(file: &Path, entries: &[crate::model::Entry], key: &str, diags: &mut Vec<Diagnostic>) {
    for entry in entries {
        let crate::model::Entry::Group(g) = entry else { continue };
        if g.nhom.value.trim().is_empty() {
            diags.push(
                Diagnostic::error(Kind::Empty, file, g.nhom.referenced, Msg::new(
                    format!("nhóm trong `{key}` chưa có tên (`nhom` trống)"),
                    format!("a group in `{key}` has a blank `nhom`"),
                ))
                .with_hint(Msg::new("ví dụ: nhom: \"Đại diện bên giao\"", "e.g. nhom: \"Đại diện bên giao\"")),
            );
        }
        if g.gom.iter().all(|m| m.value.trim().is_empty()) {
            diags.push(
                Diagnostic::error(Kind::Empty, file, g.nhom.referenced, Msg::new(
                    format!("nhóm \"{}\" trong `{key}` không có mục nào (`gom` trống)", g.nhom.value.trim()),
                    format!("the group \"{}\" in `{key}` has nothing under it (`gom` is empty)", g.nhom.value.trim()),
                ))
                .with_hint(Msg::new(
                    "ghi các mục dưới `gom`, ví dụ: gom: [\"Ông Nguyễn Văn A, công chức Địa chính\"]; hoặc viết nhóm thành một dòng",
                    "list its members under `gom`, e.g. gom: [\"Ông Nguyễn Văn A, công chức Địa chính\"]; or write the group as one line",
                )),
            );
        }
    }
}

/// Each căn cứ ends ";", the last ".", a "Theo đề nghị …," included (PL I §II.6.a).
fn lint_can_cu(file: &Path, lines: &[At<String>], diags: &mut Vec<Diagnostic>) {
    let words = ListWords {
        last: Msg::new("căn cứ cuối cùng kết thúc bằng dấu chấm \".\"", "the last căn cứ ends with \".\""),
        other: Msg::new("mỗi căn cứ (trừ căn cứ cuối) kết thúc bằng dấu chấm phẩy \";\"", "each căn cứ but the last ends with \";\""),
    };
    list_punctuation(file, lines, words, diags);
}

/// A typed "Điều 1." (vanban numbers the articles), and "Như Điều N" in Nơi
/// nhận without an article N that names who carries the decision out.
fn lint_articles(file: &Path, r: &Report, diags: &mut Vec<Diagnostic>) {
    let attached = r.kem_theo.iter().flat_map(|k| k.chuong.iter().flat_map(|c| &c.dieu).chain(&k.dieu));
    for article in r.dieu.iter().chain(attached) {
        for v in article.tieu_de.iter().chain(&article.noi_dung) {
            let text = v.value.trim_start();
            if let Some(len) = typed_article_label(text) {
                diags.push(
                    Diagnostic::warning(Kind::Format, file, v.referenced, Msg::new(
                        format!("không cần gõ \"{}\": vanban tự đánh số điều (in \"Điều 1.\")", text[..len].trim_end()),
                        format!("no need to type \"{}\": vanban numbers the articles (as \"Điều 1.\")", text[..len].trim_end()),
                    ))
                    .with_hint(Msg::new(format!("viết: \"{}\"", text[len..].trim_start()), format!("write: \"{}\"", text[len..].trim_start()))),
                );
            }
        }
    }
    // (Without articles, `check_type` already asks for them.)
    // Khoản and điểm markers typed by hand (vanban numbers them): warned, dropped.
    let attached = r.kem_theo.iter().flat_map(|k| k.chuong.iter().flat_map(|c| &c.dieu).chain(&k.dieu));
    for article in r.dieu.iter().chain(attached) {
        for clause in &article.khoan {
            typed_marker(file, &clause.noi_dung.value, clause.noi_dung.referenced, Place::Clause, diags);
            for point in &clause.diem {
                typed_marker(file, &point.value, point.referenced, Place::Point, diags);
                dash_as_point(file, point, diags);
            }
            for item in &clause.gach {
                typed_marker(file, &item.value, item.referenced, Place::Dash, diags);
            }
        }
        for point in &article.diem {
            typed_marker(file, &point.value, point.referenced, Place::Point, diags);
            dash_as_point(file, point, diags);
        }
        for item in &article.gach {
            typed_marker(file, &item.value, item.referenced, Place::Dash, diags);
        }
    }
    for item in crate::model::entry_lines(&r.noi_nhan).into_iter().filter(|_| !r.dieu.is_empty()) {
        let Some(n) = as_article_reference(&item.value) else { continue };
        match r.dieu.get(n.wrapping_sub(1)) {
            None => diags.push(
                Diagnostic::error(Kind::Format, file, item.referenced, Msg::new(
                    format!("Nơi nhận ghi \"Như Điều {n}\" nhưng văn bản chỉ có {} điều", r.dieu.len()),
                    format!("Nơi nhận says \"Như Điều {n}\" but the document has {} articles", r.dieu.len()),
                ))
                .with_hint(Msg::new("ghi số của điều giao trách nhiệm thi hành", "write the number of the article that says who carries it out")),
            ),
            Some(article) if !article.all_text().to_lowercase().contains("thi hành") => diags.push(
                Diagnostic::warning(Kind::Format, file, item.referenced, Msg::new(
                    format!("Nơi nhận ghi \"Như Điều {n}\" nhưng Điều {n} không nêu ai thi hành"),
                    format!("Nơi nhận says \"Như Điều {n}\" but article {n} names no one to carry it out"),
                ))
                .with_hint(Msg::new(
                    "điều cuối thường là: \"Văn phòng HĐND và UBND xã, … chịu trách nhiệm thi hành Quyết định này.\"",
                    "the last article usually reads: \"Văn phòng HĐND và UBND xã, … chịu trách nhiệm thi hành Quyết định này.\"",
                )),
            ),
            Some(_) => {}
        }
    }
}

/// "Như Điều 3;" → 3.
fn as_article_reference(item: &str) -> Option<usize> {
    let t = item.trim_start_matches(['-', ' ']);
    let rest = t.strip_prefix("Như Điều").or_else(|| t.strip_prefix("Như điều"))?;
    let digits: String = rest.trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// TM. is for a collective: a chairman's decision is signed without it, a
/// committee's with it (PL I §II.7.b).
fn lint_authority_and_signature(file: &Path, r: &Report, diags: &mut Vec<Diagnostic>) {
    let Some(first) = r.tham_quyen.first() else { return };
    let authority = first.value.trim().to_uppercase();
    let signer = r.nguoi_ky.main();
    let by_chairman = authority.starts_with("CHỦ TỊCH");
    let by_collective = authority.starts_with("ỦY BAN NHÂN DÂN") || authority.starts_with("UỶ BAN NHÂN DÂN");
    if by_chairman {
        if let Some(tm) = &signer.tm {
            diags.push(
                Diagnostic::warning(Kind::Format, file, tm.referenced, Msg::new(
                    "quyết định của Chủ tịch ký không có \"TM.\" (TM. chỉ dùng khi thay mặt tập thể)",
                    "a chairman's decision is signed without \"TM.\" (TM. is on behalf of a collective)",
                ))
                .with_hint(Msg::new("bỏ `tm`; cấp phó ký: kt: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH", "remove `tm`; a deputy signs kt: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH")),
            );
        }
    } else if by_collective && r.loai.value == DocumentType::QuyetDinh && signer.tm.is_none() {
        diags.push(
            Diagnostic::warning(Kind::Format, file, first.referenced, Msg::new(
                "quyết định của Ủy ban nhân dân (tập thể) ký \"TM. ỦY BAN NHÂN DÂN\"",
                "a decision of the committee (a collective) is signed \"TM. ỦY BAN NHÂN DÂN\"",
            ))
            .with_hint(Msg::new("thêm vào nguoi_ky: tm: ỦY BAN NHÂN DÂN", "add to nguoi_ky: tm: ỦY BAN NHÂN DÂN")),
        );
    }
}

/// The signing authority (ô 7a) takes one of the forms NĐ 30 gives: "TM." for a
/// collective, with the head's title or "KT."/"Q." under it; or one of "KT.",
/// "Q.", "TL.", "TUQ." alone. Two of "KT.", "Q.", "TL.", "TUQ." together, or
/// "TL."/"TUQ." under "TM.", print a title block no office signs.
fn lint_signing_authority(file: &Path, s: &crate::model::Signature, diags: &mut Vec<Diagnostic>) {
    let given: Vec<(&str, &At<String>)> = [("kt", &s.kt), ("q", &s.q), ("tl", &s.tl), ("tuq", &s.tuq)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
    let keys = |list: &[(&str, &At<String>)]| list.iter().map(|(k, _)| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    if given.len() > 1 {
        diags.push(
            Diagnostic::error(Kind::Format, file, given[1].1.referenced, Msg::new(
                format!("người ký chỉ có một trong kt (KT.), q (Q.), tl (TL.), tuq (TUQ.); ở đây có {}", keys(&given)),
                format!("a signer has one of kt (KT.), q (Q.), tl (TL.), tuq (TUQ.); here: {}", keys(&given)),
            ))
            .with_hint(Msg::new(
                "giữ một: cấp phó ký thay: kt: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH; thừa lệnh: tl: CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG",
                "keep one: a deputy signs kt: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH; by order: tl: CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG",
            )),
        );
        return;
    }
    // "KT. CHỦ TỊCH" over "CHỦ TỊCH": the head does not sign for himself;
    // who signs KT. is a deputy, TL. or TUQ. the head of an office.
    let title = |v: &At<String>| {
        use crate::check::markers::{strip, Place};
        let typed = crate::model::Signature::AUTHORITY_PREFIXES.iter().find_map(|p| strip(&v.value, Place::Authority(p)));
        let t = typed.unwrap_or(&v.value).to_uppercase();
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // (Not Q.: an acting head's title under "Q. …" is not settled here.)
    if let (Some((key, v)), Some(chuc_vu)) = (given.first().filter(|(k, _)| *k != "q"), &s.chuc_vu) {
        if title(v) == title(chuc_vu) && !title(v).is_empty() {
            let mark = match *key {
                "kt" => "KT.",
                "tl" => "TL.",
                _ => "TUQ.",
            };
            let head = title(v);
            let (who_vi, who_en, example) = match *key {
                "kt" => ("cấp phó", "a deputy", format!("PHÓ {head}")),
                _ => ("người đứng đầu văn phòng hoặc đơn vị được giao", "the head of the office or unit so charged", "CHÁNH VĂN PHÒNG".to_owned()),
            };
            diags.push(
                Diagnostic::warning(Kind::Format, file, chuc_vu.referenced, Msg::new(
                    format!("\"{mark} {head}\" rồi chức vụ \"{head}\": người đứng đầu không ký {mark} cho chính mình; người ký là {who_vi}"),
                    format!("\"{mark} {head}\" then the title \"{head}\": the head does not sign {mark} for himself; the signer is {who_en}"),
                ))
                .with_hint(Msg::new(
                    format!("người đứng đầu tự ký: bỏ `{key}`; người khác ký: chuc_vu: {example}"),
                    format!("the head signing: remove `{key}`; someone else signing: chuc_vu: {example}"),
                )),
            );
        }
    }
    if let (Some(_), Some((key, v))) = (&s.tm, given.first().filter(|(k, _)| matches!(*k, "tl" | "tuq"))) {
        let mark = if *key == "tl" { "TL." } else { "TUQ." };
        diags.push(
            Diagnostic::error(Kind::Format, file, v.referenced, Msg::new(
                format!("\"{mark}\" không ký dưới \"TM.\": thay mặt tập thể thì người đứng đầu (hoặc cấp phó KT.) ký"),
                format!("\"{mark}\" is not signed under \"TM.\": on behalf of the collective the head (or a deputy, KT.) signs"),
            ))
            .with_hint(Msg::new(
                format!("bỏ `tm` (ký {mark} thay người đứng đầu), hoặc bỏ `{key}` (ký TM. tập thể)"),
                format!("remove `tm` (signing {mark} for the head), or remove `{key}` (signing TM. for the collective)"),
            )),
        );
    }
}

/// A công văn's ký hiệu has no type code: "12/UBND-VP", never "12/CV-UBND".
fn lint_cong_van_symbol(file: &Path, r: &Report, diags: &mut Vec<Diagnostic>) {
    let parts = [Some(&r.co_quan.viet_tat), r.don_vi_soan_thao.as_ref()];
    for part in parts.into_iter().flatten() {
        let has_code = part.value.split(['-', '/', ' ']).any(|w| w.eq_ignore_ascii_case("CV"));
        if has_code {
            diags.push(
                Diagnostic::warning(Kind::Format, file, part.referenced, Msg::new(
                    "ký hiệu công văn không có chữ viết tắt tên loại (\"CV\"): \"Số: 12/UBND-VP\"",
                    "a công văn's ký hiệu has no type code (\"CV\"): \"Số: 12/UBND-VP\"",
                ))
                .with_hint(Msg::new(
                    "viet_tat: tên cơ quan (UBND); don_vi_soan_thao: đơn vị soạn thảo (VP, KT, VHXH)",
                    "viet_tat: the body (UBND); don_vi_soan_thao: the drafting unit (VP, KT, VHXH)",
                )),
            );
        }
    }
    if r.don_vi_soan_thao.is_none() {
        diags.push(Diagnostic::at(
            Severity::Warning,
            Kind::MissingField,
            file,
            r.co_quan.viet_tat.referenced.line(),
            r.co_quan.viet_tat.referenced.column(),
            Msg::new(
                "ký hiệu công văn gồm tên cơ quan và đơn vị soạn thảo: thêm `don_vi_soan_thao` (ví dụ VP → \"Số: 12/UBND-VP\")",
                "a công văn's ký hiệu names the body and the drafting unit: add `don_vi_soan_thao` (e.g. VP → \"Số: 12/UBND-VP\")",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_references_in_noi_nhan() {
        assert_eq!(as_article_reference("Như Điều 3;"), Some(3));
        assert_eq!(as_article_reference("- Như Điều 12;"), Some(12));
        assert_eq!(as_article_reference("Như trên;"), None);
        assert_eq!(as_article_reference("Như Điều;"), None);
    }
}

/// "- Hồ sơ đất đai;" written as a điểm prints "b) - Hồ sơ đất đai;": a dash
/// item belongs under `gach:`.
fn dash_as_point(file: &Path, point: &At<String>, diags: &mut Vec<Diagnostic>) {
    let text = point.value.trim_start();
    if text.starts_with("- ") || text.starts_with("– ") {
        diags.push(
            Diagnostic::warning(Kind::Format, file, point.referenced, Msg::new(
                "mục bắt đầu bằng \"-\" ghi trong `diem` sẽ in thành \"a) - …\"",
                "an item starting with \"-\" written under `diem` prints as \"a) - …\"",
            ))
            .with_hint(Msg::new("ghi các mục gạch đầu dòng dưới `gach:` (vanban tự in dấu \"-\")", "write dash items under `gach:` (vanban prints the \"-\")")),
        );
    }
}
