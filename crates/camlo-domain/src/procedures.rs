//! The procedure catalogue (thủ tục hành chính): what a citizen can ask for, the legal time, the
//! fees, the documents, and the internal steps whose budgets must add up to the legal time.
//! Procedures are versioned with validity dates; a dossier keeps the version it was received under.

use camlo_calendar::{Budget, OfficeHours, StepBudget};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::accounts::Role;

/// Typed id of one procedure version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProcedureId(pub i64);

/// Administrative level a procedure is handled at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Cấp xã.
    Commune,
    /// Cấp huyện.
    District,
    /// Cấp tỉnh.
    Province,
}

impl Level {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commune => "commune",
            Self::District => "district",
            Self::Province => "province",
        }
    }
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Commune => "Cấp xã",
            Self::District => "Cấp huyện",
            Self::Province => "Cấp tỉnh",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Commune => "Commune",
            Self::District => "District",
            Self::Province => "Province",
        }
    }
}

/// The legal processing time (thời hạn giải quyết).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum LegalTime {
    /// N working days.
    WorkingDays(u32),
    /// N working hours.
    WorkingHours(u32),
    /// The same day, or the next working day when received after the cut-off (15:00).
    SameDay,
}

impl LegalTime {
    /// As a calendar budget.
    pub fn budget(self) -> Budget {
        match self {
            Self::WorkingDays(n) => Budget::WorkingDays(n),
            Self::WorkingHours(n) => Budget::WorkingHours(n),
            Self::SameDay => Budget::WorkingDays(0),
        }
    }

    /// Vietnamese text for receipts: "03 ngày làm việc", "08 giờ làm việc", "Trong ngày".
    pub fn text_vi(self) -> String {
        match self {
            Self::WorkingDays(n) => format!("{n:02} ngày làm việc"),
            Self::WorkingHours(n) => format!("{n:02} giờ làm việc"),
            Self::SameDay => "Trong ngày (nhận sau 15 giờ trả ngày làm việc tiếp theo)".into(),
        }
    }

    /// English text.
    pub fn text_en(self) -> String {
        match self {
            Self::WorkingDays(n) => format!("{n} working days"),
            Self::WorkingHours(n) => format!("{n} working hours"),
            Self::SameDay => "Same day (next working day if received after 15:00)".into(),
        }
    }
}

/// How far a procedure can be done online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Trực tuyến toàn trình.
    Full,
    /// Trực tuyến một phần.
    Partial,
    /// Only at the counter.
    None,
}

impl OnlineLevel {
    /// Whether citizens can file online.
    pub fn accepts_online(self) -> bool {
        self != Self::None
    }
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Full => "full",
            Self::Partial => "partial",
            Self::None => "none",
        }
    }
}

/// One required document (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredDocument {
    /// Name.
    pub name: String,
    /// "Bản chính", "Bản sao", "Bản chụp" …
    pub form: String,
    /// Quantity.
    pub quantity: u32,
    /// Blank form file name, if any.
    #[serde(default)]
    pub form_file: Option<String>,
}

/// Who decides a procedure at one level: the People's Committee of the receiving office's
/// locality (`function: None`), or the unit of that locality with the named function
/// (`tu-phap` for Phòng Tư pháp, `cong-an` for Công an xã…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetentAt {
    /// The level.
    pub level: Level,
    /// The function tag of the competent unit; `None` = the People's Committee.
    #[serde(default)]
    pub function: Option<String>,
}

/// One internal step of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Name ("Tiếp nhận", "Thẩm định", "Phê duyệt", "Trả kết quả").
    pub name: String,
    /// Role that does it.
    pub role: Role,
    /// Time budget.
    pub budget: Budget,
}

/// A procedure version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    /// Row id of this version.
    pub id: ProcedureId,
    /// National code `d.dddddd`.
    pub code: String,
    /// Version number (1, 2, …).
    pub version: u32,
    /// Name.
    pub name: String,
    /// Sector (lĩnh vực).
    pub sector: String,
    /// Levels.
    pub levels: Vec<Level>,
    /// Competent agency (cơ quan thực hiện), as published.
    pub agency: String,
    /// The competent unit per level, as data the router reads (missing level = the People's
    /// Committee).
    pub competent: Vec<CompetentAt>,
    /// Legal time.
    pub legal_time: LegalTime,
    /// Fees and charges, as text ("Miễn phí", "8.000 đồng/bản").
    pub fees: String,
    /// Required documents.
    pub documents: Vec<RequiredDocument>,
    /// The result (kết quả).
    pub result: String,
    /// Legal basis (căn cứ pháp lý).
    pub legal_basis: String,
    /// Online level.
    pub online: OnlineLevel,
    /// Internal steps.
    pub steps: Vec<Step>,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force.
    pub valid_to: Option<NaiveDate>,
}

/// Checks a national procedure code `d.dddddd`.
pub fn is_procedure_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// Errors about procedures, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcedureError {
    /// PRO-0001.
    #[error("the procedure code must look like 1.001193")]
    BadCode,
    /// PRO-0002.
    #[error("the name must not be empty")]
    BadName,
    /// PRO-0003.
    #[error("the step budgets do not add up to the legal time")]
    BudgetMismatch,
    /// PRO-0004.
    #[error("no such procedure")]
    NotFound,
    /// PRO-0005.
    #[error("the import file is not valid: {0}")]
    BadImport(String),
}

impl ProcedureError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadCode => "PRO-0001",
            Self::BadName => "PRO-0002",
            Self::BudgetMismatch => "PRO-0003",
            Self::NotFound => "PRO-0004",
            Self::BadImport(_) => "PRO-0005",
        }
    }
}

impl Procedure {
    /// Validates code, name and that the steps' budgets sum to the legal time.
    pub fn validate(&self, hours: &OfficeHours) -> Result<(), ProcedureError> {
        if !is_procedure_code(&self.code) {
            return Err(ProcedureError::BadCode);
        }
        if self.name.trim().is_empty() {
            return Err(ProcedureError::BadName);
        }
        if !self.steps.is_empty() && self.legal_time != LegalTime::SameDay {
            let steps: Vec<StepBudget> = self
                .steps
                .iter()
                .map(|s| StepBudget {
                    role: s.role.as_str().to_owned(),
                    budget: s.budget,
                })
                .collect();
            hours
                .check_step_budgets(&steps, self.legal_time.budget())
                .map_err(|_| ProcedureError::BudgetMismatch)?;
        }
        Ok(())
    }

    /// The function tag of the unit competent at `level` (`None` = the People's Committee).
    pub fn competent_function(&self, level: Level) -> Option<&str> {
        self.competent
            .iter()
            .find(|c| c.level == level)
            .and_then(|c| c.function.as_deref())
    }

    /// Whether this version is in force on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proc_with(legal: LegalTime, steps: Vec<Step>) -> Procedure {
        Procedure {
            id: ProcedureId(1),
            code: "1.004873".into(),
            version: 1,
            name: "Xác nhận tình trạng hôn nhân".into(),
            sector: "Hộ tịch".into(),
            levels: vec![Level::Commune],
            agency: "UBND cấp xã".into(),
            competent: vec![],
            legal_time: legal,
            fees: "Miễn phí".into(),
            documents: vec![],
            result: "Giấy xác nhận".into(),
            legal_basis: "Luật Hộ tịch 2014".into(),
            online: OnlineLevel::Full,
            steps,
            valid_from: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            valid_to: None,
        }
    }

    fn step(role: Role, budget: Budget) -> Step {
        Step {
            name: "x".into(),
            role,
            budget,
        }
    }

    #[test]
    fn codes() {
        for (c, ok) in [
            ("1.001193", true),
            ("2.000635", true),
            ("1.00119", false),
            ("11.001193", false),
            ("1-001193", false),
        ] {
            assert_eq!(is_procedure_code(c), ok, "{c}");
        }
    }

    #[test]
    fn step_budgets_must_sum_to_the_legal_time() {
        let h = OfficeHours::default();
        let good = proc_with(
            LegalTime::WorkingDays(3),
            vec![
                step(Role::OneStopOfficer, Budget::WorkingHours(0)),
                step(Role::Specialist, Budget::WorkingDays(2)),
                step(Role::UnitLeader, Budget::WorkingDays(1)),
            ],
        );
        assert_eq!(good.validate(&h), Ok(()));
        let bad = proc_with(
            LegalTime::WorkingDays(3),
            vec![step(Role::Specialist, Budget::WorkingDays(1))],
        );
        assert_eq!(bad.validate(&h), Err(ProcedureError::BudgetMismatch));
        assert_eq!(LegalTime::WorkingDays(3).text_vi(), "03 ngày làm việc");
    }
}
