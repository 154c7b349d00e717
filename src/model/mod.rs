//! The report as its author writes it: serde types of the YAML content.
//!
//! Keys are the NĐ 30/2020/NĐ-CP terms without diacritics (`co_quan`, `so`,
//! `trich_yeu`, `noi_nhan`, `nguoi_ky`, …) so that an official recognises them.
//! Values that a diagnostic may have to point at are wrapped in [`Spanned`], which
//! keeps their line and column in the YAML file.
//!
//! Nothing here is formatted or numbered: that is `resolve`'s job. Numbers are
//! kept as [`CellInput`] (what was typed) and parsed by `check` into exact
//! [`number::VnNumber`]s, so that every bad value in a file is reported at once.

pub mod date;
pub mod doc_type;
pub mod load;
pub mod number;
pub mod source_text;
pub mod yaml_error;

use schemars::JsonSchema;
use serde::Deserialize;

pub use doc_type::{DocumentType, Presence, TypeModel};
pub use serde_saphyr::{Location, Spanned};

/// A value with the place it was written in the YAML file.
pub type At<T> = Spanned<T>;

/// One văn bản hành chính: a báo cáo, a công văn, a quyết định, … (`loai`).
///
/// The common keys come first; then each type's own keys, which only that type
/// takes ([`DocumentType::model`] lists them; `check` refuses them elsewhere).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Tên loại văn bản: decides the heading ("BÁO CÁO"), the ký hiệu ("BC") and
    /// the parts the page has (see [`DocumentType::model`]).
    #[schemars(with = "DocumentType")]
    pub loai: At<DocumentType>,
    /// Tên cơ quan, tổ chức ban hành văn bản (ô 2).
    pub co_quan: IssuingBody,
    /// Số của văn bản (ô 3). Leave it out or blank for the văn thư to fill in.
    /// Written as a number (7) or as the văn thư writes it ("07").
    #[serde(default, deserialize_with = "document_number")]
    #[schemars(with = "Option<NumberSchema>")]
    pub so: Option<At<u32>>,
    /// Địa danh (ô 4), e.g. "Bút Sơn".
    #[schemars(with = "String")]
    pub dia_danh: At<String>,
    /// Ngày, tháng, năm (ô 4). The day (or day and month) may be left blank.
    pub ngay: IssueDate,
    /// Tiêu ngữ (ô 1), only to override the default "Độc lập - Tự do - Hạnh phúc".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tieu_ngu: Option<At<String>>,
    /// Trích yếu nội dung (ô 5a): one line or several, as they should break. A
    /// công văn's is printed "V/v …" under the số (ô 5b); a giấy giới thiệu has none.
    /// One line may be written without a list.
    #[serde(default, deserialize_with = "one_or_more_lines")]
    #[schemars(with = "LinesSchema")]
    pub trich_yeu: Vec<At<String>>,
    /// Kính gửi (ô 9a), only when the report goes to a higher body. One
    /// recipient may be written without a list.
    #[serde(default, deserialize_with = "one_or_more_lines")]
    #[schemars(with = "LinesSchema")]
    pub kinh_gui: Vec<At<String>>,
    /// How parts are labelled: "Phần thứ nhất" (`thu`, default) or "Phần I" (`la_ma`).
    #[serde(default)]
    pub kieu_phan: PartStyle,
    /// How the first level of mục is numbered: "I.", "II." (`la_ma`, the
    /// default) or "1.", "2." (`so`, the default of a công văn, which has no
    /// Roman headings, and of a thông báo, whose points are "1.", "2.");
    /// deeper levels are "1.", "1.1." … after `la_ma`,
    /// "1.1.", "1.1.1." … after `so`.
    #[serde(default)]
    pub kieu_muc: Option<SectionStyle>,
    /// Nội dung: parts, sections, paragraphs, items and the indicator table.
    /// (A quyết định and a nghị quyết have articles, `dieu`, instead.)
    #[serde(default)]
    pub noi_dung: Vec<Block>,
    /// Print "./." after the last paragraph (default: yes, as every model of Phụ lục III).
    #[serde(default = "yes")]
    pub ket_thuc: bool,
    /// Nơi nhận (ô 9b): each item as printed after "- ", with its ";" or final ".".
    /// A giấy giới thiệu may leave it out: its model fixes "Như trên; Lưu: VT.".
    /// One recipient may be written without a list, as for Kính gửi. An item
    /// may be a group, `{ nhom: "Các phòng, ban", gom: ["Phòng Tài chính;", …] }`:
    /// printed "- Các phòng, ban:", then "+ Phòng Tài chính;" indented under it.
    #[serde(default, deserialize_with = "one_or_more_entries")]
    #[schemars(with = "EntriesSchema")]
    pub noi_nhan: Vec<Entry>,
    /// Quyền hạn, chức vụ and họ tên of the signer (ô 7a, 7b). A biên bản has
    /// two to four, written as a list in the order they stand on the page: a
    /// meeting's thư ký (left), then its chủ tọa (right); a hand-over's "ĐẠI
    /// DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN", "NGƯỜI CHỨNG KIẾN" in three columns;
    /// four in two rows of two.
    pub nguoi_ky: Signers,
    /// Phụ lục (NĐ 30, Phụ lục I §III.1): tables or text printed after the
    /// signature, each from a new page and numbered from 1 again, "Phụ lục I",
    /// "Phụ lục II", … when there are two or more. The body should say where
    /// each is ("chi tiết tại Phụ lục I").
    #[serde(default)]
    pub phu_luc: Vec<Appendix>,

    // -- công văn ------------------------------------------------------------
    /// Công văn: chữ viết tắt of the drafting unit or field, after the body's in
    /// the ký hiệu: "VP" gives "Số: 12/UBND-VP" (a công văn has no type code).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub don_vi_soan_thao: Option<At<String>>,

    /// Công văn (ô 13): the body's address and contacts, printed at the foot
    /// of page 1 under a rule: "Địa chỉ: …; ĐT: …; E-mail: …".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub dia_chi: Option<At<String>>,

    // -- quyết định, nghị quyết ------------------------------------------------
    /// Thẩm quyền ban hành, IN HOA, printed bold and centred under the trích
    /// yếu: "ỦY BAN NHÂN DÂN XÃ AN BÌNH" (a decision of the committee) or "CHỦ
    /// TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH" (of the chairman); for a nghị quyết two
    /// lines, "HỘI ĐỒNG NHÂN DÂN XÃ …" and "KHÓA XXI, KỲ HỌP THỨ 5".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub tham_quyen: Vec<At<String>>,
    /// Căn cứ ban hành, one per line, printed italic: each ends ";", the last
    /// (often "Theo đề nghị của …") ends ".".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub can_cu: Vec<At<String>>,
    /// The articles, numbered by vanban: "Điều 1.", "Điều 2.", …
    #[serde(default)]
    pub dieu: Vec<Article>,
    /// Quyết định (Mẫu 1.3): the text it issues or approves (a Quy chế, a Quy
    /// định, a Kế hoạch), printed after the signature on pages of its own.
    #[serde(default)]
    pub kem_theo: Option<AttachedText>,
    /// Nghị quyết: the closing sentence on when it was passed ("Nghị quyết này đã
    /// được Hội đồng nhân dân xã … khóa …, kỳ họp thứ … thông qua ngày …").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub thong_qua: Option<At<String>>,

    // -- biên bản, giấy mời -----------------------------------------------------
    /// Biên bản: when the meeting began; giấy mời: when it takes place.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub thoi_gian: Option<At<String>>,
    /// Biên bản, giấy mời: where.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub dia_diem: Option<At<String>>,
    /// Biên bản: thành phần tham dự, one entry per line (one entry stays on the
    /// label's line). An entry may be a side with its people, `{ nhom: "Đại
    /// diện bên giao", gom: ["Ông …", "Bà …"] }`: printed "Đại diện bên giao:"
    /// then "- Ông …" lines under it (a hand-over names who stands for each side).
    #[serde(default)]
    #[schemars(with = "Vec<EntrySchema>")]
    pub thanh_phan: Vec<Entry>,
    /// Biên bản, giấy mời: who chairs ("Ông Nguyễn Văn A, Chủ tịch UBND xã").
    /// A biên bản that records no meeting (a hand-over, an inspection) may
    /// leave it out.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub chu_tri: Option<At<String>>,
    /// Biên bản: who keeps the minutes (a meeting's; others may leave it out).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub thu_ky: Option<At<String>>,
    /// Biên bản: also print the place and date line in the header (ô 4), which
    /// Mẫu 1.9 leaves out (the time is in the minutes); many offices add it.
    #[serde(default)]
    #[schemars(with = "bool", extend("default" = false))]
    pub in_dia_danh_ngay: Option<At<bool>>,
    /// Biên bản: the closing line, "Cuộc họp kết thúc vào 11 giờ 30 phút cùng ngày."
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ket_thuc_hop: Option<At<String>>,

    // -- giấy mời ----------------------------------------------------------------
    /// Giấy mời: who is invited, after "… trân trọng kính mời:": as text on
    /// that line, or a list, one invitee a line ("- …") under it.
    #[serde(default, deserialize_with = "one_or_more_lines")]
    #[schemars(with = "LinesSchema")]
    pub kinh_moi: Vec<At<String>>,
    /// Giấy mời: the meeting, after "Tới dự".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub toi_du: Option<At<String>>,

    // -- giấy giới thiệu -----------------------------------------------------------
    /// Giấy giới thiệu: the person introduced, "Ông Nguyễn Văn B".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub gioi_thieu: Option<At<String>>,
    /// Giấy giới thiệu: the person's post.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub chuc_vu: Option<At<String>>,
    /// Giấy giới thiệu: the body the person is sent to.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub duoc_cu_den: Option<At<String>>,
    /// Giấy giới thiệu: the errand.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ve_viec: Option<At<String>>,
    /// Giấy giới thiệu: valid until the end of this day, "30 tháng 6 năm 2024".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub gia_tri_den: Option<At<String>>,
}

impl Report {
    /// The body, then each phụ lục's content: every walk over the blocks of a
    /// document goes through here (tables are numbered, loaded and checked in
    /// this order).
    pub fn bodies(&self) -> impl Iterator<Item = &[Block]> {
        std::iter::once(self.noi_dung.as_slice()).chain(self.phu_luc.iter().map(|a| a.noi_dung.as_slice()))
    }

    pub fn bodies_mut(&mut self) -> impl Iterator<Item = &mut Vec<Block>> {
        std::iter::once(&mut self.noi_dung).chain(self.phu_luc.iter_mut().map(|a| &mut a.noi_dung))
    }

    /// Every block of the body and the phụ lục, in document order.
    pub fn all_blocks(&self) -> impl Iterator<Item = &Block> {
        self.bodies().flat_map(walk)
    }

    /// The type-specific keys that were given, with where (for `check`).
    pub fn type_keys_given(&self) -> Vec<(&'static str, Location)> {
        let one = |k: &'static str, v: &Option<At<String>>| v.as_ref().map(|v| (k, v.referenced));
        let many = |k: &'static str, v: &[At<String>]| v.first().map(|v| (k, v.referenced));
        [
            one("don_vi_soan_thao", &self.don_vi_soan_thao),
            one("dia_chi", &self.dia_chi),
            many("tham_quyen", &self.tham_quyen),
            many("can_cu", &self.can_cu),
            self.dieu.first().map(|d| ("dieu", d.at())),
            one("thong_qua", &self.thong_qua),
            self.kem_theo.as_ref().map(|k| ("kem_theo", k.loai.referenced)),
            one("thoi_gian", &self.thoi_gian),
            one("dia_diem", &self.dia_diem),
            self.thanh_phan.first().map(|e| ("thanh_phan", e.at())),
            one("chu_tri", &self.chu_tri),
            one("thu_ky", &self.thu_ky),
            one("ket_thuc_hop", &self.ket_thuc_hop),
            self.in_dia_danh_ngay.as_ref().map(|v| ("in_dia_danh_ngay", v.referenced)),
            many("kinh_moi", &self.kinh_moi),
            one("toi_du", &self.toi_du),
            one("gioi_thieu", &self.gioi_thieu),
            one("chuc_vu", &self.chuc_vu),
            one("duoc_cu_den", &self.duoc_cu_den),
            one("ve_viec", &self.ve_viec),
            one("gia_tri_den", &self.gia_tri_den),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// One entry of a list that may group its lines (a biên bản's `thanh_phan`,
/// `noi_nhan`): a line, or a lead line with the lines under it.
#[derive(Debug)]
pub enum Entry {
    Line(At<String>),
    Group(EntryGroup),
}

/// A lead line and its members: "Đại diện bên giao:" with "- Ông …" under it
/// (thành phần), "- Các phòng, ban:" with "+ Phòng Tài chính;" (nơi nhận).
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryGroup {
    /// The lead line ("Đại diện bên giao", "Các phòng, ban"); vanban adds the ":".
    #[schemars(with = "String")]
    pub nhom: At<String>,
    /// The lines under it, one each.
    #[schemars(with = "Vec<String>")]
    pub gom: Vec<At<String>>,
}

impl Entry {
    /// Where the entry was written: the line, or the group's lead.
    pub fn at(&self) -> Location {
        match self {
            Entry::Line(l) => l.referenced,
            Entry::Group(g) => g.nhom.referenced,
        }
    }

    /// Every line written, the lead of a group before its members.
    pub fn lines(&self) -> Vec<&At<String>> {
        match self {
            Entry::Line(l) => vec![l],
            Entry::Group(g) => std::iter::once(&g.nhom).chain(&g.gom).collect(),
        }
    }
}

/// Every line of `entries` in order, leads and members alike.
pub fn entry_lines(entries: &[Entry]) -> Vec<&At<String>> {
    entries.iter().flat_map(Entry::lines).collect()
}


// Read by hand rather than `untagged`, which would lose the positions (and
// say nothing useful about "- Lưu: VT." written without quotes).
impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        enum Written {
            Line(String),
            Group(EntryGroup),
        }
        impl<'de> Deserialize<'de> for Written {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = Written;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a line of text, or a group (nhom: …, gom: […])")
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Written, E> {
                        Ok(Written::Line(text.to_owned()))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                        use serde::de::Error;
                        const KEYS: &[&str] = &["nhom", "gom"];
                        let (mut nhom, mut gom) = (None, None);
                        let mut first = true;
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                "nhom" => nhom = Some(map.next_value::<At<String>>()?),
                                "gom" => gom = Some(map.next_value::<Vec<At<String>>>()?),
                                // "- Lưu: VT." without quotes reads as a map
                                // of one unknown key: text was meant.
                                _ if first => return Err(A::Error::invalid_type(serde::de::Unexpected::Map, &self)),
                                _ => return Err(A::Error::unknown_field(&key, KEYS)),
                            }
                            first = false;
                        }
                        let nhom = nhom.ok_or_else(|| A::Error::missing_field("nhom"))?;
                        let gom = gom.ok_or_else(|| A::Error::missing_field("gom"))?;
                        Ok(Written::Group(EntryGroup { nhom, gom }))
                    }
                }
                d.deserialize_any(V)
            }
        }
        let written = At::<Written>::deserialize(d)?;
        Ok(match written.value {
            Written::Line(text) => Entry::Line(Spanned::new(text, written.referenced, written.defined)),
            Written::Group(g) => Entry::Group(g),
        })
    }
}

/// An article (Điều) of a quyết định or nghị quyết. vanban numbers the
/// articles, their khoản (1., 2.) and điểm (a), b)).
///
/// ```yaml
/// dieu:
///   - noi_dung: "Thành lập Tổ công tác chuyển đổi số xã An Bình, gồm các ông (bà):"
///     khoan:
///       - noi_dung: "Ông Nguyễn Văn A, Phó Chủ tịch UBND xã - Tổ trưởng;"
///   - noi_dung: "Quyết định này có hiệu lực kể từ ngày ký."
/// ```
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// A title: "Điều 1. Phạm vi điều chỉnh", the whole line bold (regulations).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tieu_de: Option<At<String>>,
    /// The text after "Điều 1.", on the same line.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub noi_dung: Option<At<String>>,
    /// Khoản, numbered 1., 2., …
    #[serde(default)]
    pub khoan: Vec<Clause>,
    /// Điểm directly under the article, lettered a), b), …
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub diem: Vec<At<String>>,
    /// Dash items ("- Ông Nguyễn Văn A, …;") right under the article's text,
    /// before its khoản: a list of members, of documents, of tasks.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub gach: Vec<At<String>>,
}

impl Article {
    /// Where the article was written (its first value).
    pub fn at(&self) -> Location {
        self.tieu_de
            .as_ref()
            .or(self.noi_dung.as_ref())
            .map(|v| v.referenced)
            .or_else(|| self.khoan.first().map(|k| k.noi_dung.referenced))
            .or_else(|| self.diem.first().or(self.gach.first()).map(|d| d.referenced))
            .unwrap_or(Location::UNKNOWN)
    }

    /// All the article's text, for finding who it charges with carrying out.
    pub fn all_text(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        out.extend(self.tieu_de.iter().chain(&self.noi_dung).map(|v| v.value.as_str()));
        for k in &self.khoan {
            out.push(&k.noi_dung.value);
            out.extend(k.diem.iter().chain(&k.gach).map(|d| d.value.as_str()));
        }
        out.extend(self.diem.iter().chain(&self.gach).map(|d| d.value.as_str()));
        out.join(" ")
    }
}

/// The text a quyết định issues or approves (Mẫu 1.3), on pages of its own
/// after the signature: its tên loại and trích yếu, "(Kèm theo Quyết định số
/// … ngày … của …)", then its chapters and articles (numbered on through the
/// chapters, as in any legal text).
///
/// ```yaml
/// kem_theo:
///   loai: QUY CHẾ
///   trich_yeu: ["Làm việc của Tổ công tác chuyển đổi số xã An Bình"]
///   chuong:
///     - tieu_de: "QUY ĐỊNH CHUNG"
///       dieu:
///         - { tieu_de: "Phạm vi điều chỉnh", noi_dung: "Quy chế này quy định …" }
/// ```
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachedText {
    /// Its tên loại, IN HOA: "QUY CHẾ", "QUY ĐỊNH", "KẾ HOẠCH".
    #[schemars(with = "String")]
    pub loai: At<String>,
    /// Its trích yếu, one entry per printed line (one line may be written
    /// without a list).
    #[serde(default, deserialize_with = "one_or_more_lines")]
    #[schemars(with = "LinesSchema")]
    pub trich_yeu: Vec<At<String>>,
    /// Chapters ("Chương I", its title), each with its articles.
    #[serde(default)]
    pub chuong: Vec<Chapter>,
    /// Articles, when the text has no chapters.
    #[serde(default)]
    pub dieu: Vec<Article>,
}

/// A phụ lục: its name and its content, blocks as in the body.
///
/// ```yaml
/// phu_luc:
///   - tieu_de: "Danh mục nhiệm vụ triển khai năm 2024"
///     noi_dung:
///       - bang: { cot: [...], dong: [...] }
/// ```
///
/// Its pages are landscape when one of its tables is (`ngang`, or too wide
/// for a portrait page).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Its name, printed IN HOA, bold and centred under "Phụ lục I" (optional:
    /// "Tên phụ lục (nếu có)"). One line may be written without a list.
    #[serde(default, deserialize_with = "one_or_more_lines")]
    #[schemars(with = "LinesSchema")]
    pub tieu_de: Vec<At<String>>,
    /// Its content: tables, paragraphs, sections, as in the body.
    #[serde(default)]
    pub noi_dung: Vec<Block>,
}

/// A chapter of an attached text.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The title, printed IN HOA under "Chương I".
    #[schemars(with = "String")]
    pub tieu_de: At<String>,
    pub dieu: Vec<Article>,
}

/// A khoản of an article, with its điểm.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The text after "1.".
    #[schemars(with = "String")]
    pub noi_dung: At<String>,
    /// Điểm, lettered a), b), … in the Vietnamese alphabet.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub diem: Vec<At<String>>,
    /// Dash items ("- …;") right under the khoản's text, before its điểm.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub gach: Vec<At<String>>,
}

/// The signers of the document: one (ô 7a, 7b), or a biên bản's two to four,
/// in the order they stand on the page.
#[derive(Debug)]
pub struct Signers(pub Vec<Signature>);

impl Signers {
    /// The competent signer: the only one, or the last (a meeting biên bản's
    /// chủ tọa, on the right), who also carries the seal.
    pub fn main(&self) -> &Signature {
        self.0.last().expect("a signer: Signers is never empty after loading")
    }

    /// Whether `nguoi_ky` was written as a list.
    pub fn all(&self) -> &[Signature] {
        &self.0
    }
}

/// A document's number, a day or a month: 7, or 07 / "07" as the văn thư
/// writes numbers below 10 (NĐ 30 numbers from 01; "ngày 05 tháng 07"). Any
/// other text is refused as before.
fn document_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<At<u32>>, D::Error> {
    struct Number(u32);
    impl<'de> Deserialize<'de> for Number {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl serde::de::Visitor<'_> for V {
                type Value = Number;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a whole number such as 7 or \"07\"")
                }
                fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                    u32::try_from(v).map(Number).map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
                }
                fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
                    u32::try_from(v).map(Number).map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                }
                // The YAML parser reads a bare 07 (a zero-led integer, which
                // YAML 1.2 does not have) as the float 7.0, and a bare 05 as
                // the text "05"; both are the number a clerk wrote. Only whole
                // values below 10⁹ are taken, so no fraction is lost.
                fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
                    if v.fract() == 0.0 && (0.0..1e9).contains(&v) {
                        Ok(Number(v as u32))
                    } else {
                        Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
                    }
                }
                fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Number, E> {
                    let t = v.trim();
                    if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
                        t.parse().map(Number).map_err(E::custom)
                    } else {
                        Err(E::invalid_value(serde::de::Unexpected::Str(v), &self))
                    }
                }
            }
            d.deserialize_any(V)
        }
    }
    let n: Option<At<Number>> = Option::deserialize(d)?;
    Ok(n.map(|n| At::new(n.value.0, n.referenced, n.defined)))
}

/// One line of text or a list of lines: `trich_yeu: "Về việc …"` as well as
/// `trich_yeu: ["…", "…"]` (or a block, `kinh_gui: |`, one line a line). A clerk writing a single line need not know YAML's
/// lists; each line keeps the place it was written (a single line, the key's
/// value).
fn one_or_more_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<At<String>>, D::Error> {
    one_or_more(d)
}

/// [`one_or_more_lines`] for a list whose items may be groups (`noi_nhan`):
/// one line, a block of lines, or a list of lines and groups.
fn one_or_more_entries<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Entry>, D::Error> {
    one_or_more(d)
}

/// An item of a list that may also be written as one line or a block of lines.
trait FromLine {
    fn from_line(line: At<String>) -> Self;
}

impl FromLine for At<String> {
    fn from_line(line: At<String>) -> Self {
        line
    }
}

impl FromLine for Entry {
    fn from_line(line: At<String>) -> Self {
        Entry::Line(line)
    }
}

/// One line, a block of lines (one item a line) or a list of items.
fn one_or_more<'de, D: serde::Deserializer<'de>, T: Deserialize<'de> + FromLine>(d: D) -> Result<Vec<T>, D::Error> {
    enum Written<T> {
        One(String),
        More(Vec<T>),
    }
    // Read by hand rather than `untagged`, which would lose the positions.
    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Written<T> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<T>(std::marker::PhantomData<T>);
            impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
                type Value = Written<T>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a line of text, or a list of lines")
                }
                fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Written<T>, E> {
                    Ok(Written::One(text.to_owned()))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Written<T>, A::Error> {
                    Vec::<T>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Written::More)
                }
            }
            d.deserialize_any(V(std::marker::PhantomData))
        }
    }
    let written = At::<Written<T>>::deserialize(d)?;
    let line = |text: String| T::from_line(Spanned::new(text, written.referenced, written.defined));
    Ok(match written.value {
        // A block of lines (`kinh_gui: |`, one recipient a line) is read as the
        // list it means, not run together; each line at the key's value.
        Written::One(ref text) if text.trim().contains('\n') => {
            text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| line(l.to_owned())).collect()
        }
        Written::One(ref text) => vec![line(text.clone())],
        Written::More(items) => items,
    })
}

/// What an [`Entry`] looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum EntrySchema {
    Line(String),
    Group(EntryGroup),
}

/// What a key of [`one_or_more_entries`] looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum EntriesSchema {
    One(String),
    More(Vec<EntrySchema>),
}

/// What `so` looks like in the JSON Schema: 7, or "07".
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum NumberSchema {
    Number(u32),
    Written(#[schemars(regex(pattern = r"^[0-9]+$"))] String),
}

/// What a key of [`one_or_more_lines`] looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum LinesSchema {
    One(String),
    More(Vec<String>),
}

/// What `nguoi_ky` looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum SignersSchema {
    One(Signature),
    SideBySide(Vec<Signature>),
}

impl JsonSchema for Signers {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Signers".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        SignersSchema::json_schema(g)
    }
}

// Read by hand rather than `untagged`, which would lose the positions.
impl<'de> Deserialize<'de> for Signers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Signers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the signer (tm: …, chuc_vu: …, ho_ten: …), or a biên bản's signers as a list")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Signers, A::Error> {
                Signature::deserialize(MapAccessDeserializer::new(map)).map(|s| Signers(vec![s]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Signers, A::Error> {
                let list = Vec::<Signature>::deserialize(SeqAccessDeserializer::new(seq))?;
                if list.is_empty() {
                    return Err(serde::de::Error::invalid_length(0, &"one signer, or a biên bản's two to four"));
                }
                Ok(Signers(list))
            }
        }
        d.deserialize_any(V)
    }
}

fn yes() -> bool {
    true
}

/// Cơ quan ban hành (ô 2), with its optional cơ quan chủ quản.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuingBody {
    /// Name of the issuing body, IN HOA, one entry per printed line.
    #[schemars(with = "Vec<String>")]
    pub ten: Vec<At<String>>,
    /// Cơ quan chủ quản above it (optional), one entry per printed line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub chu_quan: Vec<At<String>>,
    /// Chữ viết tắt tên cơ quan in the ký hiệu, e.g. "UBND".
    #[schemars(with = "String")]
    pub viet_tat: At<String>,
    /// The body's name as running text says it ("Ủy ban nhân dân xã An Bình"),
    /// in a giấy mời's and a giấy giới thiệu's opening sentence. Default: `ten`
    /// written in lower case, names of places capitalised.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ten_goi: Option<At<String>>,
}

/// The date of the document; `ngay` (and `thang`) may be left out in a draft.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueDate {
    /// Day of the month (5 or 05), blank for the văn thư.
    #[serde(default, deserialize_with = "document_number")]
    #[schemars(with = "Option<u32>")]
    pub ngay: Option<At<u32>>,
    /// Month 1–12 (7 or 07), blank for the văn thư.
    #[serde(default, deserialize_with = "document_number")]
    #[schemars(with = "Option<u32>")]
    pub thang: Option<At<u32>>,
    /// Year, four digits.
    #[schemars(with = "u32")]
    pub nam: At<u32>,
}

/// How parts are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartStyle {
    /// "Phần thứ nhất", "Phần thứ hai", …
    #[default]
    Thu,
    /// "Phần I", "Phần II", …
    LaMa,
}

/// How the first level of sections is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionStyle {
    /// "I.", "II.", …, then "1.", "1.1." …
    LaMa,
    /// "1.", "2.", …, then "1.1.", "1.1.1." …
    So,
}

/// One piece of the body, written as a one-key map: `- doan: "…"`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A part ("Phần thứ nhất") with its title and content.
    Phan(Part),
    /// A numbered section. Its number (I., 1., 1.1., …) follows from its depth and
    /// position, so inserting one renumbers those after it.
    Muc(Section),
    /// A paragraph. A list of plain strings only is one paragraph each.
    Doan(Text),
    /// A dash item: "- …". A list of plain strings is one item each.
    Gach(Text),
    /// A plus item: "+ …", under a dash item. A list of plain strings is one item each.
    Cong(Text),
    /// A lettered point: "a) …", "b) …", in the Vietnamese alphabet. A list of
    /// plain strings is one point each.
    Diem(Text),
    /// The indicator table: a path to its YAML file (relative to this report) or the
    /// table itself.
    BangChiTieu(IndicatorBlock),
    /// Any other table: column headings and rows of cells, printed as written.
    Bang(PlainTable),
}

impl Block {
    /// The blocks inside this one (a part's or a section's content); none for
    /// any other block. Every walk over the body goes through here.
    pub fn children(&self) -> &[Block] {
        match self {
            Block::Phan(p) => &p.noi_dung,
            Block::Muc(s) => &s.noi_dung,
            _ => &[],
        }
    }

    pub fn children_mut(&mut self) -> &mut [Block] {
        match self {
            Block::Phan(p) => &mut p.noi_dung,
            Block::Muc(s) => &mut s.noi_dung,
            _ => &mut [],
        }
    }
}

/// Every block of `blocks` and of their children, in reading order (a part
/// before its content).
pub fn walk(blocks: &[Block]) -> Walk<'_> {
    Walk { stack: vec![blocks.iter()] }
}

/// The iterator of [`walk`].
pub struct Walk<'a> {
    stack: Vec<std::slice::Iter<'a, Block>>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Block;

    fn next(&mut self) -> Option<&'a Block> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                Some(block) => {
                    self.stack.push(block.children().iter());
                    return Some(block);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

// A `bang_chi_tieu` block: where its table comes from, and which of the
// report's indicator tables it is. The id is given at load, in reading order;
// `check` and `resolve` find the table's data by it, never by counting blocks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct IndicatorBlock {
    pub source: TableSource,
    #[serde(skip)]
    pub id: TableId,
}

/// The place of an indicator table among a report's indicator tables (0 = the
/// first in reading order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TableId(pub usize);

/// A plain table (a list of cases, a breakdown by hamlet, a dự toán …): printed
/// as written; the only thing computed is the total row, when asked for.
///
/// ```yaml
/// bang:
///   tieu_de: "Kết quả giải quyết thủ tục hành chính"
///   tong_cong: true
///   cot:
///     - { ten: "TT", rong: 1, can: giua }
///     - { ten: "Lĩnh vực", rong: 6 }
///     - { ten: "Tiếp nhận", nhom: "Số hồ sơ", rong: 2 }
///     - { ten: "Đã giải quyết", nhom: "Số hồ sơ", rong: 2 }
///   dong:
///     - ["1", "Chứng thực", 1250, "1.248"]
///     - ["2", "Hộ tịch", "98", 97]
/// ```
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlainTable {
    /// Caption printed above the table, bold and centred (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tieu_de: Option<At<String>>,
    /// The columns, left to right.
    pub cot: Vec<PlainColumn>,
    /// The rows: one cell per column. Whole numbers may be bare (1250 prints
    /// "1.250"); anything else is text, printed as written.
    #[schemars(with = "Vec<Vec<CellInputSchema>>")]
    pub dong: Vec<At<Vec<At<CellInput>>>>,
    /// Print on landscape pages.
    #[serde(default)]
    #[schemars(with = "bool", extend("default" = false))]
    pub ngang: Option<At<bool>>,
    /// Add a last row "Tổng cộng": each number column's exact sum over the
    /// numbered rows (group rows A, B, I, II …, rows split into 1.1, 1.2 …,
    /// "-" breakdown rows and typed totals are not added again).
    #[serde(default)]
    #[schemars(with = "bool", extend("default" = false))]
    pub tong_cong: Option<At<bool>>,
}

/// Whether a table's `ngang` says landscape.
pub fn landscape(ngang: &Option<At<bool>>) -> bool {
    ngang.as_ref().is_some_and(|n| n.value)
}

/// A column of a [`PlainTable`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlainColumn {
    /// The heading.
    #[schemars(with = "String")]
    pub ten: At<String>,
    /// Relative width (default 1): widths 1, 6, 2 share the text width 1:6:2.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub rong: Option<At<u32>>,
    /// Alignment of the cells: `trai`, `giua`, `phai`. Default: right when every
    /// cell of the column is a number, left otherwise.
    #[serde(default)]
    pub can: Option<Alignment>,
    /// A heading over this column and its neighbours with the same `nhom`
    /// ("Kinh phí (triệu đồng)" over "Tổng số", "Ngân sách tỉnh", …), as in a
    /// `bang_chi_tieu`'s columns. The columns of a group stand together.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub nhom: Option<At<String>>,
    /// With the table's `tong_cong: true`: `cong: false` leaves this column
    /// blank in the "Tổng cộng" row, `cong: true` adds it. Default: every
    /// column of numbers is added except TT, Mã, Năm, ratios (%), unit prices
    /// (Đơn giá), averages and rates, and — when the ĐVT column holds more than
    /// one unit — quantities (Khối lượng, Số lượng: 210 m² and 86 m do not add).
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub cong: Option<At<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Alignment {
    Trai,
    Giua,
    Phai,
}

/// A part of the report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The title, printed centred and bold under "Phần …", as written.
    pub tieu_de: Text,
    pub noi_dung: Vec<Block>,
}

/// A numbered section at any depth.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The title as written (write Mục titles IN HOA, as NĐ 30 wants).
    pub tieu_de: Text,
    /// Text that runs on after the title on the same line ("3.1. Quốc phòng: Công tác …").
    #[serde(default)]
    pub chay_tiep: Option<Text>,
    #[serde(default)]
    pub noi_dung: Vec<Block>,
}

/// Text: a plain string, or a list of runs for bold and italic.
///
/// ```yaml
/// doan: "Plain text."
/// doan:
///   - dam: "Tóm lại:"
///   - " 6 tháng đầu năm …"
///   - tom_tat: chi_tieu     # the summary sentence computed from the indicator table
/// ```
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Text {
    #[schemars(with = "String")]
    Plain(At<String>),
    #[schemars(with = "Vec<Run>")]
    Runs(Runs),
}

impl Text {
    /// Where the text was written. serde's untagged enum loses the position;
    /// `load` gives it back (its position-keeping pass), so it is known after loading.
    pub fn at(&self) -> Location {
        match self {
            Text::Plain(s) => s.referenced,
            Text::Runs(r) => r.at,
        }
    }
}

/// The runs of a [`Text`] and where the list starts.
#[derive(Debug)]
pub struct Runs {
    pub runs: Vec<Run>,
    pub at: Location,
}

impl<'de> Deserialize<'de> for Runs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Run>::deserialize(d).map(|runs| Runs { runs, at: Location::UNKNOWN })
    }
}

/// One run of [`Text`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Run {
    Plain(String),
    Styled(StyledRun),
}

/// A run with a style, or a generated phrase.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StyledRun {
    /// Bold.
    Dam(String),
    /// Italic.
    Nghieng(String),
    /// Bold italic.
    DamNghieng(String),
    /// A phrase computed by vanban; `chi_tieu` is the evaluation summary of the
    /// indicator table ("trong 29 chỉ tiêu giao đầu năm, có 12 chỉ tiêu …").
    TomTat(SummaryKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SummaryKind {
    ChiTieu,
}

/// Where the indicator table comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TableSource {
    /// A path relative to the report's folder, e.g. "but-son-2023-6-thang.chi-tieu.yaml".
    #[schemars(with = "String")]
    File(At<String>),
    Inline(Box<IndicatorTable>),
}

/// Signature block (ô 7a, 7b). Lines are printed in this order:
/// "TM. <tm>", then "KT./Q./TL./TUQ. <…>", then `chuc_vu`, and after the space for
/// the signature and seal, `ho_ten`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Thay mặt a collective body: "ỦY BAN NHÂN DÂN" gives "TM. ỦY BAN NHÂN DÂN".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tm: Option<At<String>>,
    /// Ký thay the head: "CHỦ TỊCH" gives "KT. CHỦ TỊCH" (then `chuc_vu`: "PHÓ CHỦ TỊCH").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub kt: Option<At<String>>,
    /// Quyền (acting head): "CHỦ TỊCH" gives "Q. CHỦ TỊCH".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub q: Option<At<String>>,
    /// Thừa lệnh: "CHỦ TỊCH" gives "TL. CHỦ TỊCH".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tl: Option<At<String>>,
    /// Thừa ủy quyền: "CHỦ TỊCH" gives "TUQ. CHỦ TỊCH".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tuq: Option<At<String>>,
    /// Chức vụ of the signer, IN HOA: "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub chuc_vu: Option<At<String>>,
    /// Họ và tên, without academic titles. Blank leaves the line empty.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ho_ten: Option<At<String>>,
}

impl Signature {
    /// The prefixes printed before `tm`, `kt`, `q`, `tl`, `tuq`, in that order.
    pub const AUTHORITY_PREFIXES: [&'static str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

    /// `tm`, `kt`, `q`, `tl`, `tuq` with their prefixes.
    pub fn authority_lines(&self) -> [(&'static str, Option<&At<String>>); 5] {
        let p = Self::AUTHORITY_PREFIXES;
        [(p[0], self.tm.as_ref()), (p[1], self.kt.as_ref()), (p[2], self.q.as_ref()), (p[3], self.tl.as_ref()), (p[4], self.tuq.as_ref())]
    }
}

/// The biểu chỉ tiêu.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTable {
    /// The column set: `sau_thang` (default: the six-month biểu, KH, cùng kỳ, kết quả
    /// thực hiện 4–7) or `ke_hoach_nam` (the yearly plan: KH năm trước, ước thực hiện,
    /// KH năm nay, 3 = 2/1·100, 5 = 4/2·100). Leave it out when `cot` lists the columns.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub mau: Option<At<String>>,
    /// The column labels of the set (a map by key, which carry the years), or the
    /// columns themselves (a list) for a set of your own.
    #[schemars(with = "ColumnsSchema")]
    pub cot: At<Columns>,
    /// For a set of your own: the number of the derived column that judges each
    /// row (≥ 50 "đạt và vượt trên 50%", above 0 "đạt dưới 50%", 0 "chưa thực hiện")
    /// and so gives the summary sentence (`tom_tat: chi_tieu`). Without it rows are
    /// not judged.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub danh_gia_theo: Option<At<u32>>,
    /// Print the table on landscape pages (default: portrait, within the text width).
    #[serde(default)]
    #[schemars(with = "bool", extend("default" = false))]
    pub ngang: Option<At<bool>>,
    /// The period the evaluation speaks of, in the summary sentence (default:
    /// the period the evaluation column's heading names, else "6 tháng đầu năm").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ky_danh_gia: Option<At<String>>,
    /// Groups of indicators (I, II, …); indicators are numbered 1, 2, … straight through.
    pub nhom: Vec<IndicatorGroup>,
}

/// `cot:` of an indicator table: labels of a named set, or a set of one's own.
#[derive(Debug)]
pub enum Columns {
    Labels(ColumnLabels),
    Own(Vec<OwnColumn>),
}

/// What `cot:` looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ColumnsSchema {
    Labels(ColumnLabels),
    Own(Vec<OwnColumn>),
}

// Read by hand rather than `untagged`: serde's untagged buffering would lose the
// positions that diagnostics point at.
impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Columns;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the column labels (ke_hoach: …) or a list of columns (- ten: …)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Columns, A::Error> {
                ColumnLabels::deserialize(MapAccessDeserializer::new(map)).map(Columns::Labels)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Columns, A::Error> {
                Vec::<OwnColumn>::deserialize(SeqAccessDeserializer::new(seq)).map(Columns::Own)
            }
        }
        d.deserialize_any(V)
    }
}

/// The labels of the columns whose wording depends on the period. Which keys a
/// set needs: `sau_thang` `ke_hoach`, `cung_ky`, `ket_qua`; `ke_hoach_nam`
/// `ke_hoach_truoc`, `uoc_thuc_hien`, `ke_hoach`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnLabels {
    /// The plan, e.g. "KH 2023 (theo KH huyện giao)" (column 2 of `sau_thang`,
    /// 4 of `ke_hoach_nam`: "Kế hoạch năm 2024").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ke_hoach: Option<At<String>>,
    /// `sau_thang` column 3: the same period last year, e.g. "Thực hiện 6 tháng năm 2022".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub cung_ky: Option<At<String>>,
    /// `sau_thang`: the merged label over columns 4–7, e.g. "Kết quả thực hiện 6 tháng đầu năm 2023".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ket_qua: Option<At<String>>,
    /// `ke_hoach_nam` column 1: last year's plan, e.g. "Kế hoạch năm 2023".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ke_hoach_truoc: Option<At<String>>,
    /// `ke_hoach_nam` column 2: what last year is expected to reach, e.g. "Ước thực hiện năm 2023".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub uoc_thuc_hien: Option<At<String>>,
}

impl ColumnLabels {
    /// The labels given, by key.
    pub fn given(&self) -> Vec<(&'static str, &At<String>)> {
        [
            ("ke_hoach", &self.ke_hoach),
            ("cung_ky", &self.cung_ky),
            ("ket_qua", &self.ket_qua),
            ("ke_hoach_truoc", &self.ke_hoach_truoc),
            ("uoc_thuc_hien", &self.uoc_thuc_hien),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect()
    }
}

/// A column of a set of one's own (after TT and CHỈ TIÊU, which every table has).
///
/// ```yaml
/// cot:
///   - { ma: ma_so, ten: "Mã số", kieu: chu }      # C
///   - { ma: dvt, ten: "ĐVT" }                      # D: the rows' dvt
///   - { ma: nam_truoc, ten: "Năm 2022", nhom: "Thực hiện" }   # 1
///   - { ma: nam_nay, ten: "Năm 2023", nhom: "Thực hiện" }     # 2
///   - { ten: "2023 so với 2022 (%)", cong_thuc: "2/1*100" }   # 3
///   - { ma: ghi_chu, ten: "Ghi chú" }
/// ```
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnColumn {
    /// The key rows give this column's value under (in `so_lieu:`, or `ke_hoach`,
    /// `cung_ky`, … directly). `dvt` and `ghi_chu` are the rows' ĐVT and Ghi chú.
    /// Not needed for a derived column.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ma: Option<At<String>>,
    /// The heading.
    #[schemars(with = "String")]
    pub ten: At<String>,
    /// A heading spanning this column and its neighbours with the same `nhom`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub nhom: Option<At<String>>,
    /// `so` (a number typed per row, the default) or `chu` (text such as a Mã số).
    #[serde(default)]
    #[schemars(with = "Option<ColumnType>")]
    pub kieu: Option<At<ColumnType>>,
    /// A derived column: its formula over the column numbers, as printed in the
    /// column-number row: "4/3*100", "2-4". 100 and 1000 and numbers with a
    /// decimal comma are constants; other whole numbers are columns.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub cong_thuc: Option<At<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Numbers, numbered 1, 2, … in the column-number row.
    So,
    /// Text, lettered C, D, … in the column-number row.
    Chu,
}

/// A group of indicators; its title gets the count: "Về kinh tế (12 chỉ tiêu)".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroup {
    #[schemars(with = "String")]
    pub ten: At<String>,
    pub chi_tieu: Vec<Indicator>,
}

/// How an indicator is judged at mid-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// By the ratio of what was done to the plan (column 6 = 4/2·100): ≥ 50 % "đạt và vượt
    /// trên 50%", above 0 "đạt dưới 50%", 0 "chưa thực hiện". Ratios are computed.
    TheoKeHoach,
    /// A rate (unit %) whose ratios make no sense: no derived columns, judged achieved.
    TyLe,
    /// Qualitative "Duy trì": judged achieved; columns 5 and 6 read "Duy trì".
    DuyTri,
    /// Judged at year end ("Tính vào cuối năm", "Chưa đánh giá"): no derived columns.
    CuoiNam,
}

/// One indicator (chỉ tiêu) row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[schemars(with = "String")]
    pub ten: At<String>,
    /// Đơn vị tính, e.g. "Tấn", "%", "Tr. đồng".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub dvt: Option<At<String>>,
    /// The plan (kế hoạch): column 2 of `sau_thang`, 4 of `ke_hoach_nam`.
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub ke_hoach: Option<At<CellInput>>,
    /// `ke_hoach_nam` column 1: last year's plan.
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub ke_hoach_truoc: Option<At<CellInput>>,
    /// `ke_hoach_nam` column 2: what last year is expected to reach (ước thực hiện).
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub uoc_thuc_hien: Option<At<CellInput>>,
    /// Column 3, the same period last year (cùng kỳ).
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub cung_ky: Option<At<CellInput>>,
    /// Column 4, what has been done (số đã thực hiện).
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub thuc_hien: Option<At<CellInput>>,
    /// Derived column 5 = 4/3·100 (so với cùng kỳ, %): computed; may be given only to be checked.
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub so_cung_ky: Option<At<CellInput>>,
    /// Derived column 6 = 4/2·100 (so với kế hoạch, %): computed; may be given only to be checked.
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub so_ke_hoach: Option<At<CellInput>>,
    /// Derived column 7 = 2−4 (còn phải thực hiện): computed; may be given only to be checked.
    #[serde(default)]
    #[schemars(with = "Option<CellInputSchema>")]
    pub con_lai: Option<At<CellInput>>,
    /// Values of the columns of a set of one's own, by their `ma`:
    /// `so_lieu: { ma_so: "01", nam_truoc: "1.250", nam_nay: "1.310" }`.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, CellInputSchema>")]
    pub so_lieu: std::collections::BTreeMap<String, At<CellInput>>,
    /// Ghi chú.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub ghi_chu: Option<At<String>>,
    /// How the row is judged; by default `theo_ke_hoach` when `thuc_hien` (the
    /// result the set judges by) is given, `cuoi_nam` otherwise; in a set that
    /// judges no rows (`ke_hoach_nam`), `theo_ke_hoach`: its ratios are computed.
    #[serde(default)]
    #[schemars(with = "Option<Judgement>")]
    pub danh_gia: Option<At<Judgement>>,
    /// Sub-rows ("- Nông, lâm, thủy sản"), printed under the row without their own TT.
    #[serde(default)]
    pub dong_con: Vec<Indicator>,
}

/// A table cell as typed: a bare integer, or a string in Vietnamese notation
/// ("4.150", "5,5"), "-" for no data, or a word such as "Duy trì".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellInput {
    /// A bare YAML integer.
    Integer(i128),
    /// A bare YAML float such as `4.150`, which YAML reads as 4.15: refused by `check`.
    BareFloat,
    /// A quoted or otherwise textual value, to be parsed by `check`.
    Text(String),
    /// `true`/`false` or another non-number scalar.
    Other,
}

/// What a [`CellInput`] looks like in the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum CellInputSchema {
    Integer(i64),
    /// Vietnamese notation: "4.150", "5,5", "1.284.671.000", "-" or "Duy trì".
    Text(String),
}

impl<'de> Deserialize<'de> for CellInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = CellInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number such as 12 or \"4.150\", or \"-\"")
            }
            fn visit_i64<E>(self, v: i64) -> Result<CellInput, E> {
                Ok(CellInput::Integer(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<CellInput, E> {
                Ok(CellInput::Integer(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<CellInput, E> {
                Ok(CellInput::Integer(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<CellInput, E> {
                Ok(i128::try_from(v).map(CellInput::Integer).unwrap_or(CellInput::Other))
            }
            // The float's value is never used: only the fact that it was bare.
            fn visit_f64<E>(self, _: f64) -> Result<CellInput, E> {
                Ok(CellInput::BareFloat)
            }
            fn visit_str<E>(self, v: &str) -> Result<CellInput, E> {
                Ok(CellInput::Text(v.to_owned()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<CellInput, E> {
                Ok(CellInput::Other)
            }
        }
        d.deserialize_any(V)
    }
}
