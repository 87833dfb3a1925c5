//! Importing the procedure catalogue from JSON or CSV.
//!
//! JSON is the seed format (`camlo-store/src/demo/procedures.json`): an array of procedures with
//! `legal_time` as `{"unit": "working_days", "value": 3}` and step budgets as
//! `{"WorkingDays": 2}`. CSV is what a provincial office exports from a spreadsheet: one row per
//! procedure with the columns of [`CSV_COLUMNS`]; list cells hold one entry per line, the parts of
//! an entry separated by `|`:
//!
//! ```text
//! code,name,sector,levels,agency,legal_time,fees,documents,result,legal_basis,online,steps,valid_from,valid_to
//! 1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,commune,UBND cấp xã,3 ngày làm việc,Miễn phí,"Tờ khai|Bản chính|1
//! Giấy tờ tùy thân|Xuất trình|1",Giấy xác nhận,Luật Hộ tịch 2014,full,"Tiếp nhận|one_stop_officer|4h
//! Thẩm định|specialist|2d
//! Ký|unit_leader|4h",01/01/2026,
//! ```
//!
//! Every row is checked (code, name, budgets that add up, dates) and every problem is reported
//! with its row and column, so an administrator fixes a file in one pass; nothing is stored
//! unless the whole file is valid.

use camlo_calendar::{Budget, OfficeHours};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::accounts::Role;
use crate::procedures::{
    CompetentAt, LegalTime, Level, OnlineLevel, Procedure, ProcedureId, RequiredDocument, Step,
};
use crate::text::{fold, nfc};

/// The CSV header, in order.
pub const CSV_COLUMNS: [&str; 14] = [
    "code",
    "name",
    "sector",
    "levels",
    "agency",
    "legal_time",
    "fees",
    "documents",
    "result",
    "legal_basis",
    "online",
    "steps",
    "valid_from",
    "valid_to",
];

/// One problem in an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// Row (1 = the first procedure; the CSV header is row 0).
    pub row: usize,
    /// Column or field, when known.
    pub field: Option<String>,
    /// Stable code (`PRO-0001` …).
    pub code: &'static str,
    /// What is wrong, in English (the web layer shows the Vietnamese message for `code`).
    pub detail: String,
}

fn problem(
    row: usize,
    field: &str,
    code: &'static str,
    detail: impl Into<String>,
) -> ImportProblem {
    ImportProblem {
        row,
        field: (!field.is_empty()).then(|| field.to_owned()),
        code,
        detail: detail.into(),
    }
}

/// The format of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

impl Format {
    /// Guesses the format from the content: JSON starts with `[`.
    pub fn sniff(data: &str) -> Self {
        if data
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('[')
        {
            Self::Json
        } else {
            Self::Csv
        }
    }
}

/// Parses and checks a catalogue file. Either every procedure, or every problem.
pub fn parse(data: &str, format: Format) -> Result<Vec<Procedure>, Vec<ImportProblem>> {
    let data = data.trim_start_matches('\u{feff}');
    // Rows that parsed are checked further even when others did not, so one pass reports all.
    let (parsed, mut problems) = match format {
        Format::Json => parse_json(data),
        Format::Csv => parse_csv(data),
    };
    let hours = OfficeHours::default();
    let mut seen = std::collections::HashSet::new();
    for (row, p) in &parsed {
        let row = *row;
        if let Err(e) = p.validate(&hours) {
            let field = match e {
                crate::procedures::ProcedureError::BadCode => "code",
                crate::procedures::ProcedureError::BadName => "name",
                _ => "steps",
            };
            problems.push(problem(row, field, e.code(), e.to_string()));
        }
        if !seen.insert(p.code.clone()) {
            problems.push(problem(
                row,
                "code",
                "PRO-0005",
                format!("{} appears twice", p.code),
            ));
        }
        if p.valid_to.is_some_and(|end| end < p.valid_from) {
            problems.push(problem(
                row,
                "valid_to",
                "PRO-0005",
                "ends before it starts",
            ));
        }
        if p.levels.is_empty() {
            problems.push(problem(row, "levels", "PRO-0005", "no level"));
        }
    }
    if problems.is_empty() {
        Ok(parsed.into_iter().map(|(_, p)| p).collect())
    } else {
        problems.sort_by_key(|p| p.row);
        Err(problems)
    }
}

/// Rows that parsed (with their number), and the problems of those that did not.
type Parsed = (Vec<(usize, Procedure)>, Vec<ImportProblem>);

/// The JSON import format (the seed format).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonProcedure {
    code: String,
    name: String,
    sector: String,
    levels: Vec<Level>,
    agency: String,
    #[serde(default)]
    competent: Vec<CompetentAt>,
    legal_time: LegalTime,
    #[serde(default)]
    fees: String,
    #[serde(default)]
    documents: Vec<RequiredDocument>,
    #[serde(default)]
    result: String,
    #[serde(default)]
    legal_basis: String,
    online: OnlineLevel,
    #[serde(default)]
    steps: Vec<Step>,
    valid_from: NaiveDate,
    #[serde(default)]
    valid_to: Option<NaiveDate>,
    /// Row id and version number, present when the file comes from `GET /api/v1/procedures`;
    /// ignored (the store numbers versions).
    #[serde(default)]
    #[allow(dead_code)]
    id: Option<i64>,
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<u32>,
    /// Whether the entry was checked against the national database (seed data only).
    #[serde(default)]
    #[allow(dead_code)]
    verified: bool,
}

fn parse_json(data: &str) -> Parsed {
    let rows: Vec<serde_json::Value> = match serde_json::from_str(data) {
        Ok(rows) => rows,
        Err(e) => {
            return (
                Vec::new(),
                vec![problem(0, "", "PRO-0005", format!("not a JSON array: {e}"))],
            );
        }
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        match serde_json::from_value::<JsonProcedure>(row) {
            Ok(p) => out.push((
                i + 1,
                Procedure {
                    id: ProcedureId(0),
                    code: p.code.trim().to_owned(),
                    version: 1,
                    name: nfc(&p.name),
                    sector: nfc(&p.sector),
                    levels: p.levels,
                    agency: nfc(&p.agency),
                    competent: p.competent,
                    legal_time: p.legal_time,
                    fees: nfc(&p.fees),
                    documents: p
                        .documents
                        .into_iter()
                        .map(|d| RequiredDocument {
                            name: nfc(&d.name),
                            form: nfc(&d.form),
                            ..d
                        })
                        .collect(),
                    result: nfc(&p.result),
                    legal_basis: nfc(&p.legal_basis),
                    online: p.online,
                    steps: p
                        .steps
                        .into_iter()
                        .map(|s| Step {
                            name: nfc(&s.name),
                            ..s
                        })
                        .collect(),
                    valid_from: p.valid_from,
                    valid_to: p.valid_to,
                },
            )),
            Err(e) => problems.push(problem(i + 1, "", "PRO-0005", e.to_string())),
        }
    }
    (out, problems)
}

fn parse_csv(data: &str) -> Parsed {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(data.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(e) => return (Vec::new(), vec![problem(0, "", "PRO-0005", e.to_string())]),
    };
    let missing: Vec<&str> = CSV_COLUMNS
        .iter()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return (
            Vec::new(),
            vec![problem(
                0,
                "",
                "PRO-0005",
                format!("missing columns: {}", missing.join(", ")),
            )],
        );
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(row, "", "PRO-0005", e.to_string()));
                continue;
            }
        };
        // A missing optional column (`competent`) reads as empty.
        let get = |name: &str| {
            nfc(unguard_cell(col(name).and_then(|c| record.get(c)).unwrap_or("")).trim())
        };
        let (p, mut found) = from_fields(row, &get);
        if found.is_empty() {
            out.push((row, p));
        }
        problems.append(&mut found);
    }
    (out, problems)
}

/// One procedure from named fields (a CSV row, or the administration form), with every problem
/// found in them. The caller still runs [`Procedure::validate`] (or [`parse`] does).
pub fn from_fields(row: usize, get: &dyn Fn(&str) -> String) -> (Procedure, Vec<ImportProblem>) {
    let mut problems = Vec::new();
    let mut bad = |field: &str, detail: String| {
        problems.push(problem(row, field, "PRO-0005", detail));
    };
    let levels = parse_levels(&get("levels")).unwrap_or_else(|e| {
        bad("levels", e);
        Vec::new()
    });
    let legal_time = parse_legal_time(&get("legal_time")).unwrap_or_else(|e| {
        bad("legal_time", e);
        LegalTime::SameDay
    });
    let online = parse_online(&get("online")).unwrap_or_else(|e| {
        bad("online", e);
        OnlineLevel::None
    });
    let documents = parse_documents(&get("documents")).unwrap_or_else(|e| {
        bad("documents", e);
        Vec::new()
    });
    let steps = parse_steps(&get("steps")).unwrap_or_else(|e| {
        bad("steps", e);
        Vec::new()
    });
    let valid_from = parse_date(&get("valid_from")).unwrap_or_else(|e| {
        bad("valid_from", e);
        NaiveDate::MIN
    });
    let valid_to = match get("valid_to").as_str() {
        "" => None,
        s => parse_date(s).map_err(|e| bad("valid_to", e)).ok(),
    };
    let competent = parse_competent(&get("competent")).unwrap_or_else(|e| {
        bad("competent", e);
        Vec::new()
    });
    let p = Procedure {
        id: ProcedureId(0),
        code: get("code"),
        version: 1,
        name: get("name"),
        sector: get("sector"),
        levels,
        agency: get("agency"),
        competent,
        legal_time,
        fees: get("fees"),
        documents,
        result: get("result"),
        legal_basis: get("legal_basis"),
        online,
        steps,
        valid_from,
        valid_to,
    };
    (p, problems)
}

/// The optional `competent` column: one `level` or `level:function` per line (`district:tu-phap`,
/// `commune` for the commune's People's Committee).
fn parse_competent(s: &str) -> Result<Vec<CompetentAt>, String> {
    s.split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|entry| {
            let (level, function) = match entry.split_once(':') {
                Some((l, f)) => (l.trim(), Some(f.trim().to_owned())),
                None => (entry, None),
            };
            let level = parse_levels(level)?
                .into_iter()
                .next()
                .ok_or_else(|| format!("no level in {entry:?}"))?;
            if let Some(f) = &function
                && !crate::units::is_function_tag(f)
            {
                return Err(format!("not a function tag: {f:?}"));
            }
            Ok(CompetentAt { level, function })
        })
        .collect()
}

/// The `competent` cell of a procedure.
fn competent_cell(p: &Procedure) -> String {
    p.competent
        .iter()
        .map(|c| match &c.function {
            Some(f) => format!("{}:{f}", c.level.as_str()),
            None => c.level.as_str().to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_levels(s: &str) -> Result<Vec<Level>, String> {
    s.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match fold(p).as_str() {
            "commune" | "xa" | "cap xa" => Ok(Level::Commune),
            "district" | "huyen" | "cap huyen" => Ok(Level::District),
            "province" | "tinh" | "cap tinh" => Ok(Level::Province),
            other => Err(format!("unknown level {other:?}")),
        })
        .collect()
}

/// `3d`, `3 ngày làm việc`, `8h`, `8 giờ làm việc`, `same_day`, `trong ngày`.
pub fn parse_legal_time(s: &str) -> Result<LegalTime, String> {
    let f = fold(s);
    if f == "same_day" || f.starts_with("trong ngay") {
        return Ok(LegalTime::SameDay);
    }
    match parse_budget(s)? {
        Budget::WorkingDays(n) => Ok(LegalTime::WorkingDays(n)),
        Budget::WorkingHours(n) => Ok(LegalTime::WorkingHours(n)),
    }
}

/// `2d`, `2 ngày`, `4h`, `4 giờ`.
fn parse_budget(s: &str) -> Result<Budget, String> {
    let f = fold(s);
    let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
    let rest = f[digits.len()..].trim();
    let n: u32 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a working time (e.g. 3d, 8h)"))?;
    if n > 365 {
        return Err(format!("{s:?} is too long"));
    }
    if rest == "d" || rest.starts_with("ngay") || rest.starts_with("day") {
        Ok(Budget::WorkingDays(n))
    } else if rest == "h" || rest.starts_with("gio") || rest.starts_with("hour") {
        Ok(Budget::WorkingHours(n))
    } else {
        Err(format!("{s:?} is not a working time (e.g. 3d, 8h)"))
    }
}

fn parse_online(s: &str) -> Result<OnlineLevel, String> {
    match fold(s).as_str() {
        "full" | "toan trinh" | "truc tuyen toan trinh" => Ok(OnlineLevel::Full),
        "partial" | "mot phan" | "truc tuyen mot phan" => Ok(OnlineLevel::Partial),
        "none" | "" | "khong" => Ok(OnlineLevel::None),
        other => Err(format!(
            "unknown online level {other:?} (full, partial, none)"
        )),
    }
}

fn parse_documents(s: &str) -> Result<Vec<RequiredDocument>, String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let parts: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = parts.first().copied().unwrap_or_default();
            if name.is_empty() {
                return Err(format!("{l:?}: no document name"));
            }
            let quantity = match parts.get(2) {
                None | Some(&"") => 1,
                Some(q) => q
                    .parse()
                    .map_err(|_| format!("{l:?}: quantity {q:?} is not a number"))?,
            };
            Ok(RequiredDocument {
                name: name.to_owned(),
                form: parts.get(1).copied().unwrap_or("Bản chính").to_owned(),
                quantity,
                form_file: parts
                    .get(3)
                    .filter(|f| !f.is_empty())
                    .map(|f| (*f).to_owned()),
            })
        })
        .collect()
}

fn parse_steps(s: &str) -> Result<Vec<Step>, String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let parts: Vec<&str> = l.split('|').map(str::trim).collect();
            let [name, role, budget] = parts[..] else {
                return Err(format!("{l:?}: a step is name|role|time"));
            };
            let role = Role::parse(role).map_err(|_| format!("{l:?}: unknown role {role:?}"))?;
            Ok(Step {
                name: name.to_owned(),
                role,
                budget: parse_budget(budget)?,
            })
        })
        .collect()
}

/// `dd/mm/yyyy` (as Vietnamese offices write it) or `yyyy-mm-dd`.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| format!("{s:?} is not a date (dd/mm/yyyy)"))
}

/// Whether two versions say the same thing (ids, version numbers and end dates aside): an
/// import that repeats the catalogue in force creates no new versions.
pub fn same_content(a: &Procedure, b: &Procedure) -> bool {
    a.code == b.code
        && a.name == b.name
        && a.sector == b.sector
        && a.levels == b.levels
        && a.agency == b.agency
        && a.legal_time == b.legal_time
        && a.fees == b.fees
        && a.documents == b.documents
        && a.result == b.result
        && a.legal_basis == b.legal_basis
        && a.online == b.online
        && a.steps == b.steps
}

/// A procedure's fields as text, in [`CSV_COLUMNS`] order (for export and to fill the
/// administration form; [`from_fields`] reads them back).
pub fn fields_of(p: &Procedure) -> [String; 14] {
    let time = |b: Budget| match b {
        Budget::WorkingDays(n) => format!("{n}d"),
        Budget::WorkingHours(n) => format!("{n}h"),
    };
    let legal = match p.legal_time {
        LegalTime::SameDay => "same_day".to_owned(),
        LegalTime::WorkingDays(n) => format!("{n}d"),
        LegalTime::WorkingHours(n) => format!("{n}h"),
    };
    let levels: Vec<&str> = p.levels.iter().map(|l| l.as_str()).collect();
    let documents: Vec<String> = p
        .documents
        .iter()
        .map(|d| {
            format!(
                "{}|{}|{}{}",
                d.name,
                d.form,
                d.quantity,
                d.form_file
                    .as_deref()
                    .map(|f| format!("|{f}"))
                    .unwrap_or_default()
            )
        })
        .collect();
    let steps: Vec<String> = p
        .steps
        .iter()
        .map(|s| format!("{}|{}|{}", s.name, s.role.as_str(), time(s.budget)))
        .collect();
    [
        p.code.clone(),
        p.name.clone(),
        p.sector.clone(),
        levels.join(";"),
        p.agency.clone(),
        legal,
        p.fees.clone(),
        documents.join("\n"),
        p.result.clone(),
        p.legal_basis.clone(),
        p.online.as_str().to_owned(),
        steps.join("\n"),
        p.valid_from.format("%d/%m/%Y").to_string(),
        p.valid_to
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    ]
}

/// Characters a spreadsheet reads as the start of a formula (CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn guarded(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some(c) if FORMULA_START.contains(&c) => true,
        Some('\'') => chars
            .next()
            .is_some_and(|c| c == '\'' || FORMULA_START.contains(&c)),
        _ => false,
    }
}

/// A cell as exported: one that a spreadsheet would run as a formula gets a leading
/// apostrophe, and so does one that already starts with an apostrophe before such a character,
/// so that [`unguard_cell`] gives back exactly what was written.
pub fn guard_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if guarded(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The inverse of [`guard_cell`], applied to every imported CSV cell.
pub fn unguard_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => cell,
    }
}

/// The catalogue as CSV with a header row ([`parse`] reads it back); cells that would run as
/// spreadsheet formulas are neutralised ([`guard_cell`]).
pub fn to_csv(list: &[Procedure]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = CSV_COLUMNS.to_vec();
    header.push("competent");
    w.write_record(header).map_err(|e| e.to_string())?;
    for p in list {
        let mut row: Vec<String> = fields_of(p)
            .iter()
            .map(|f| guard_cell(f).into_owned())
            .collect();
        row.push(guard_cell(&competent_cell(p)).into_owned());
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "code,name,sector,levels,agency,legal_time,fees,documents,result,legal_basis,online,steps,valid_from,valid_to\n\
1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,xã,UBND cấp xã,3 ngày làm việc,Miễn phí,\"Tờ khai|Bản chính|1\nGiấy tờ tùy thân|Xuất trình|1\",Giấy xác nhận,Luật Hộ tịch 2014,full,\"Tiếp nhận|one_stop_officer|0h\nThẩm định|specialist|2d\nKý|unit_leader|1d\",01/01/2026,\n";

    #[test]
    fn a_good_csv_row_becomes_a_procedure() {
        let list = parse(GOOD, Format::sniff(GOOD)).unwrap();
        assert_eq!(list.len(), 1);
        let p = &list[0];
        assert_eq!(p.code, "1.004873");
        assert_eq!(p.levels, vec![Level::Commune]);
        assert_eq!(p.legal_time, LegalTime::WorkingDays(3));
        assert_eq!(p.documents.len(), 2);
        assert_eq!(p.documents[1].form, "Xuất trình");
        assert_eq!(p.steps[1].budget, Budget::WorkingDays(2));
        assert_eq!(p.online, OnlineLevel::Full);
        assert_eq!(p.valid_from, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    }

    #[test]
    fn csv_export_reads_back_the_same() {
        let list = parse(GOOD, Format::Csv).unwrap();
        let again = parse(&to_csv(&list).unwrap(), Format::Csv).unwrap();
        assert!(same_content(&list[0], &again[0]));
    }

    #[test]
    fn csv_export_neutralises_formulas_and_reads_back_what_was_written() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'=x",
            "''",
            "'",
            "'a",
            "a=b",
            "",
        ] {
            let out = guard_cell(cell);
            assert!(!out.starts_with(FORMULA_START), "{cell:?} -> {out:?}");
            assert_eq!(unguard_cell(&out), cell, "{cell:?} round trip");
        }
        let hostile = GOOD
            .replace("Cấp Giấy xác nhận", "=cmd|' /C calc'!A0 Cấp Giấy xác nhận")
            .replace("Miễn phí", "-Miễn phí");
        let list = parse(&hostile, Format::Csv).unwrap();
        let csv = to_csv(&list).unwrap();
        assert!(
            csv.contains(",'=cmd|") && csv.contains(",'-Miễn phí"),
            "{csv}"
        );
        let again = parse(&csv, Format::Csv).unwrap();
        assert!(same_content(&list[0], &again[0]));
        assert!(again[0].name.starts_with("=cmd"));
    }

    #[test]
    fn every_problem_is_reported_with_its_row_and_column() {
        let bad = GOOD.replace("1.004873", "1.0048")
            + "2.000815,,Chứng thực,tỉnh-x,UBND,ba ngày,Miễn phí,,,,sometimes,,31/02/2026,\n";
        let problems = parse(&bad, Format::Csv).unwrap_err();
        let found: Vec<(usize, Option<&str>)> = problems
            .iter()
            .map(|p| (p.row, p.field.as_deref()))
            .collect();
        for expected in [
            (1, Some("code")),
            (2, Some("levels")),
            (2, Some("legal_time")),
            (2, Some("online")),
            (2, Some("valid_from")),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
    }

    #[test]
    fn budgets_that_do_not_add_up_are_refused() {
        let bad = GOOD.replace("Thẩm định|specialist|2d", "Thẩm định|specialist|5d");
        let problems = parse(&bad, Format::Csv).unwrap_err();
        assert_eq!(problems[0].code, "PRO-0003");
        assert_eq!(problems[0].field.as_deref(), Some("steps"));
    }

    #[test]
    fn json_in_the_seed_format_is_read_and_unknown_fields_refused() {
        let json = r#"[{"code":"1.001193","name":"Đăng ký khai sinh","sector":"Hộ tịch","levels":["commune"],"agency":"UBND cấp xã","legal_time":{"unit":"same_day"},"online":"partial","valid_from":"2026-01-01"}]"#;
        assert_eq!(Format::sniff(json), Format::Json);
        let list = parse(json, Format::Json).unwrap();
        assert_eq!(list[0].legal_time, LegalTime::SameDay);
        let unknown = json.replace("\"online\"", "\"colour\":1,\"online\"");
        assert_eq!(parse(&unknown, Format::Json).unwrap_err()[0].row, 1);
        let twice = format!("[{0},{0}]", &json[1..json.len() - 1]);
        assert_eq!(parse(&twice, Format::Json).unwrap_err()[0].code, "PRO-0005");
    }

    #[test]
    fn legal_times_in_words_and_short_forms() {
        for (s, t) in [
            ("3d", LegalTime::WorkingDays(3)),
            ("03 ngày làm việc", LegalTime::WorkingDays(3)),
            ("8h", LegalTime::WorkingHours(8)),
            ("8 giờ làm việc", LegalTime::WorkingHours(8)),
            ("Trong ngày", LegalTime::SameDay),
            ("same_day", LegalTime::SameDay),
        ] {
            assert_eq!(parse_legal_time(s), Ok(t), "{s}");
        }
        assert!(parse_legal_time("soon").is_err());
    }
}
