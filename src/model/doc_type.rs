//! The document types of Phụ lục III and what each one's model prints.
//!
//! A type is data, not a branch in each renderer: [`DocumentType::model`] says
//! which header elements the type has (tên loại, trích yếu, the date line, the
//! "V/v" line of a công văn), whether "Kính gửi" is required, which words open
//! the decision part, how many signers sign, and which YAML keys of its own it
//! takes. `check` enforces the table, `resolve` lays the type out from it, and
//! the renderers only draw what resolve decided.
//!
//! Sources: NĐ 30/2020/NĐ-CP Phụ lục I §II.3–9, Phụ lục III Mẫu 1.1–1.9
//! (`../shared/spec/nd30-types.md`).

use schemars::JsonSchema;
use serde::Deserialize;

/// Tên loại văn bản (Phụ lục III) and its abbreviation in the ký hiệu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    BaoCao,
    /// Công văn (Mẫu 1.5): no tên loại; "V/v …" under the số.
    CongVan,
    KeHoach,
    ToTrinh,
    QuyetDinh,
    ThongBao,
    /// Nghị quyết (cá biệt) of a Hội đồng nhân dân (Mẫu 1.1).
    NghiQuyet,
    ChuongTrinh,
    PhuongAn,
    DeAn,
    /// Biên bản (Mẫu 1.9): no date line; two to four signers side by side.
    BienBan,
    /// Giấy mời (Mẫu 1.7).
    GiayMoi,
    /// Giấy giới thiệu (Mẫu 1.8): no trích yếu.
    GiayGioiThieu,
    HuongDan,
    QuyChe,
    QuyDinh,
}

/// Whether an element of the page is required, allowed or absent in a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    /// Not in the type's model: giving it is a mistake.
    Absent,
}

/// What a type's model prints, as data.
#[derive(Debug, Clone, Copy)]
pub struct TypeModel {
    /// The YAML value of `loai`.
    pub key: &'static str,
    /// The tên loại as printed, IN HOA; `None`: the type has none (công văn).
    pub heading: Option<&'static str>,
    /// The type code that starts the ký hiệu ("BC" in "05/BC-UBND"); `None`:
    /// the ký hiệu has no type code (công văn: "12/UBND-VP").
    pub abbreviation: Option<&'static str>,
    /// The trích yếu (ô 5a, or 5b "V/v …" for a công văn).
    pub summary: Presence,
    /// The trích yếu is printed "V/v …" under the số in the left column (5b),
    /// not centred under the tên loại (5a).
    pub summary_under_number: bool,
    /// "Kính gửi" (ô 9a).
    pub addressees: Presence,
    /// The place and date line (ô 4).
    pub date_line: bool,
    /// The words that open the decision part: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:".
    pub decision_word: Option<&'static str>,
    /// What the first Nơi nhận item should be, when the model fixes it.
    pub first_recipient: Option<&'static str>,
    /// How many sign, fewest and most, side by side: one, or a biên bản's two
    /// (thư ký and chủ tọa) to four (the sides of a hand-over and a witness).
    pub signers: (usize, usize),
    /// The type's own YAML keys (beyond the common ones).
    pub keys: &'static [&'static str],
    /// The body is the type's fixed parts; `noi_dung` is not used
    /// (a quyết định's articles are `dieu`).
    pub no_free_body: bool,
}

/// Keys of a quyết định / nghị quyết.
const DECISION_KEYS: &[&str] = &["tham_quyen", "can_cu", "dieu", "kem_theo"];

impl DocumentType {
    pub const ALL: [DocumentType; 16] = [
        Self::BaoCao,
        Self::CongVan,
        Self::KeHoach,
        Self::ToTrinh,
        Self::QuyetDinh,
        Self::ThongBao,
        Self::NghiQuyet,
        Self::ChuongTrinh,
        Self::PhuongAn,
        Self::DeAn,
        Self::BienBan,
        Self::GiayMoi,
        Self::GiayGioiThieu,
        Self::HuongDan,
        Self::QuyChe,
        Self::QuyDinh,
    ];

    /// The type's model (Phụ lục III).
    pub fn model(self) -> TypeModel {
        use Presence::*;
        // The báo cáo page (Mẫu 1.4): tên loại, trích yếu, date; Kính gửi only
        // when it goes to a higher body.
        let page = |key, heading, abbreviation| TypeModel {
            key,
            heading: Some(heading),
            abbreviation: Some(abbreviation),
            summary: Required,
            summary_under_number: false,
            addressees: Optional,
            date_line: true,
            decision_word: None,
            first_recipient: None,
            signers: (1, 1),
            keys: &[],
            no_free_body: false,
        };
        match self {
            Self::BaoCao => page("bao_cao", "BÁO CÁO", "BC"),
            Self::CongVan => TypeModel {
                heading: None,
                abbreviation: None,
                summary_under_number: true,
                addressees: Required,
                first_recipient: Some("Như trên;"),
                keys: &["don_vi_soan_thao", "dia_chi"],
                ..page("cong_van", "", "")
            },
            // A kế hoạch and a thông báo are not among the types that carry
            // "Kính gửi" (PL I §II.9.b).
            Self::KeHoach => TypeModel { addressees: Absent, ..page("ke_hoach", "KẾ HOẠCH", "KH") },
            Self::ToTrinh => TypeModel { addressees: Required, first_recipient: Some("Như trên;"), ..page("to_trinh", "TỜ TRÌNH", "TTr") },
            Self::QuyetDinh => TypeModel {
                addressees: Absent,
                decision_word: Some("QUYẾT ĐỊNH:"),
                keys: DECISION_KEYS,
                no_free_body: true,
                ..page("quyet_dinh", "QUYẾT ĐỊNH", "QĐ")
            },
            Self::ThongBao => TypeModel { addressees: Absent, ..page("thong_bao", "THÔNG BÁO", "TB") },
            Self::NghiQuyet => TypeModel {
                addressees: Absent,
                decision_word: Some("QUYẾT NGHỊ:"),
                keys: &["tham_quyen", "can_cu", "dieu", "thong_qua"],
                no_free_body: true,
                ..page("nghi_quyet", "NGHỊ QUYẾT", "NQ")
            },
            Self::ChuongTrinh => page("chuong_trinh", "CHƯƠNG TRÌNH", "CTr"),
            Self::PhuongAn => page("phuong_an", "PHƯƠNG ÁN", "PA"),
            Self::DeAn => page("de_an", "ĐỀ ÁN", "ĐA"),
            Self::BienBan => TypeModel {
                addressees: Absent,
                date_line: false,
                signers: (2, 4),
                keys: &["thoi_gian", "dia_diem", "thanh_phan", "chu_tri", "thu_ky", "ket_thuc_hop", "in_dia_danh_ngay"],
                ..page("bien_ban", "BIÊN BẢN", "BB")
            },
            Self::GiayMoi => TypeModel {
                addressees: Absent,
                keys: &["kinh_moi", "toi_du", "chu_tri", "thoi_gian", "dia_diem"],
                ..page("giay_moi", "GIẤY MỜI", "GM")
            },
            Self::GiayGioiThieu => TypeModel {
                summary: Absent,
                addressees: Absent,
                first_recipient: Some("Như trên;"),
                keys: &["gioi_thieu", "chuc_vu", "duoc_cu_den", "ve_viec", "gia_tri_den"],
                no_free_body: true,
                ..page("giay_gioi_thieu", "GIẤY GIỚI THIỆU", "GGT")
            },
            Self::HuongDan => page("huong_dan", "HƯỚNG DẪN", "HD"),
            Self::QuyChe => page("quy_che", "QUY CHẾ", "QC"),
            Self::QuyDinh => page("quy_dinh", "QUY ĐỊNH", "QyĐ"),
        }
    }

    /// The tên loại as printed, IN HOA, or "" for a type without one.
    pub fn heading(self) -> &'static str {
        self.model().heading.unwrap_or("")
    }

    /// The name of the type in a message: "báo cáo", "công văn", ….
    pub fn name(self) -> &'static str {
        match self {
            Self::BaoCao => "báo cáo",
            Self::CongVan => "công văn",
            Self::KeHoach => "kế hoạch",
            Self::ToTrinh => "tờ trình",
            Self::QuyetDinh => "quyết định",
            Self::ThongBao => "thông báo",
            Self::NghiQuyet => "nghị quyết",
            Self::ChuongTrinh => "chương trình",
            Self::PhuongAn => "phương án",
            Self::DeAn => "đề án",
            Self::BienBan => "biên bản",
            Self::GiayMoi => "giấy mời",
            Self::GiayGioiThieu => "giấy giới thiệu",
            Self::HuongDan => "hướng dẫn",
            Self::QuyChe => "quy chế",
            Self::QuyDinh => "quy định",
        }
    }

    /// The types whose own keys include `key`.
    pub fn owners_of(key: &str) -> Vec<DocumentType> {
        Self::ALL.into_iter().filter(|t| t.model().keys.contains(&key)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_key_matches_its_serde_name() {
        for t in DocumentType::ALL {
            let parsed: DocumentType = serde_saphyr::from_str(t.model().key).unwrap();
            assert_eq!(parsed, t);
        }
    }

    #[test]
    fn only_the_cong_van_lacks_a_heading_and_a_type_code() {
        for t in DocumentType::ALL {
            let m = t.model();
            assert_eq!(m.heading.is_none(), t == DocumentType::CongVan);
            assert_eq!(m.abbreviation.is_none(), t == DocumentType::CongVan);
        }
    }
}
