//! Parts shared by the one-stop forms (TT 01/2018 Mẫu 01–03).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The issuing agency as printed top left: the parent line over the agency's own name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// Cơ quan chủ quản, e.g. "UBND xã Cam Thành" (printed in capitals); `None` to omit.
    pub parent: Option<String>,
    /// Tên cơ quan, e.g. "Bộ phận Tiếp nhận và Trả kết quả" (printed in bold capitals).
    pub name: String,
}

/// Where and on which day the form is issued: the italic line under the national motto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    /// Địa danh, e.g. "Cam Thành".
    pub place: String,
    /// Ngày ban hành (a date passed in, never read from a clock).
    pub date: NaiveDate,
}

impl Issued {
    /// "Cam Thành, ngày 02 tháng 11 năm 2026": days below 10 and months 1–2 take a leading
    /// zero, other months do not (NĐ 30/2020 Annex I, so "tháng 3" but "tháng 02").
    pub fn line(&self) -> String {
        let month = self.date.month();
        let month = if month < 3 {
            format!("{month:02}")
        } else {
            month.to_string()
        };
        format!(
            "{}, ngày {:02} tháng {} năm {}",
            self.place,
            self.date.day(),
            month,
            self.date.year()
        )
    }
}

/// The person or organisation the dossier belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// Họ và tên (or the organisation's name).
    pub name: String,
    /// Địa chỉ.
    pub address: String,
    /// Số điện thoại.
    pub phone: Option<String>,
    /// Thư điện tử.
    pub email: Option<String>,
}

/// What the applicant asks for: the administrative procedure (thủ tục hành chính).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Tên thủ tục, e.g. "Đăng ký khai sinh".
    pub procedure_name: String,
    /// Mã thủ tục in the national database, e.g. "1.001193".
    pub procedure_code: Option<String>,
}

/// What a template receives as `/data.json`: the caller's form and the values derived from it.
#[derive(Serialize)]
pub(crate) struct View<'a, T> {
    pub form: &'a T,
    pub issued_line: String,
    pub qr_svg: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(y: i32, m: u32, d: u32, expect: &str) {
        let issued = Issued {
            place: "Cam Thành".into(),
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        };
        assert_eq!(issued.line(), expect);
    }

    #[test]
    fn issued_line_pads_days_and_the_first_two_months() {
        check(2026, 11, 2, "Cam Thành, ngày 02 tháng 11 năm 2026");
        check(2026, 2, 15, "Cam Thành, ngày 15 tháng 02 năm 2026");
        check(2026, 1, 9, "Cam Thành, ngày 09 tháng 01 năm 2026");
        check(2026, 3, 5, "Cam Thành, ngày 05 tháng 3 năm 2026");
        check(2026, 12, 31, "Cam Thành, ngày 31 tháng 12 năm 2026");
    }
}
