//! Administrative units and agencies as dated data (đơn vị hành chính, cơ quan).
//!
//! The hierarchy is data, not code: a district level may be absent (it was abolished on
//! 1/7/2025), units merge and split, and every read takes a date. See DOMAIN.md §2.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Typed id of a unit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitId(pub i64);

/// What a unit is: an administrative level or an agency under one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Tỉnh.
    Province,
    /// Huyện.
    District,
    /// Thị xã.
    Town,
    /// Thành phố thuộc tỉnh.
    City,
    /// Xã.
    Commune,
    /// Phường.
    Ward,
    /// Thị trấn (gone in 2025).
    Township,
    /// Đặc khu (from 2025).
    SpecialZone,
    /// Ủy ban nhân dân.
    PeopleCommittee,
    /// Phòng/ban chuyên môn, Văn phòng HĐND và UBND.
    Department,
    /// Bộ phận tiếp nhận và trả kết quả (one-stop office).
    OneStopOffice,
    /// Huyện ủy, Đảng ủy.
    PartyCommittee,
    /// Ban of a Party committee.
    PartyBoard,
    /// Hội đồng nhân dân.
    PeopleCouncil,
    /// Công an xã, công an huyện (handles residence procedures; not part of the UBND).
    Police,
}

/// Every kind, for pickers and parsing.
pub const ALL_KINDS: [UnitKind; 15] = [
    UnitKind::Province,
    UnitKind::District,
    UnitKind::Town,
    UnitKind::City,
    UnitKind::Commune,
    UnitKind::Ward,
    UnitKind::Township,
    UnitKind::SpecialZone,
    UnitKind::PeopleCommittee,
    UnitKind::Department,
    UnitKind::OneStopOffice,
    UnitKind::PartyCommittee,
    UnitKind::PartyBoard,
    UnitKind::PeopleCouncil,
    UnitKind::Police,
];

impl UnitKind {
    /// The stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Town => "town",
            Self::City => "city",
            Self::Commune => "commune",
            Self::Ward => "ward",
            Self::Township => "township",
            Self::SpecialZone => "special_zone",
            Self::PeopleCommittee => "people_committee",
            Self::Department => "department",
            Self::OneStopOffice => "one_stop_office",
            Self::PartyCommittee => "party_committee",
            Self::PartyBoard => "party_board",
            Self::PeopleCouncil => "people_council",
            Self::Police => "police",
        }
    }

    /// Parses the storage name.
    pub fn parse(s: &str) -> Result<Self, UnitError> {
        ALL_KINDS
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnitError::UnknownKind(s.to_owned()))
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Province => "Tỉnh",
            Self::District => "Huyện",
            Self::Town => "Thị xã",
            Self::City => "Thành phố",
            Self::Commune => "Xã",
            Self::Ward => "Phường",
            Self::Township => "Thị trấn",
            Self::SpecialZone => "Đặc khu",
            Self::PeopleCommittee => "Ủy ban nhân dân",
            Self::Department => "Phòng, ban chuyên môn",
            Self::OneStopOffice => "Bộ phận Một cửa",
            Self::PartyCommittee => "Cấp ủy Đảng",
            Self::PartyBoard => "Ban của cấp ủy",
            Self::PeopleCouncil => "Hội đồng nhân dân",
            Self::Police => "Công an",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Province => "Province",
            Self::District => "District",
            Self::Town => "Town",
            Self::City => "Provincial city",
            Self::Commune => "Commune",
            Self::Ward => "Ward",
            Self::Township => "Township",
            Self::SpecialZone => "Special zone",
            Self::PeopleCommittee => "People's Committee",
            Self::Department => "Department",
            Self::OneStopOffice => "One-stop office",
            Self::PartyCommittee => "Party committee",
            Self::PartyBoard => "Party board",
            Self::PeopleCouncil => "People's Council",
            Self::Police => "Police",
        }
    }

    /// True for administrative levels (coded by GSO); false for agencies (coded by QCVN 102).
    pub fn is_administrative(self) -> bool {
        matches!(
            self,
            Self::Province
                | Self::District
                | Self::Town
                | Self::City
                | Self::Commune
                | Self::Ward
                | Self::Township
                | Self::SpecialZone
        )
    }

    /// The administrative level of an administrative unit.
    pub fn level(self) -> Option<crate::procedures::Level> {
        use crate::procedures::Level;
        match self {
            Self::Province => Some(Level::Province),
            Self::District | Self::Town | Self::City => Some(Level::District),
            Self::Commune | Self::Ward | Self::Township | Self::SpecialZone => Some(Level::Commune),
            _ => None,
        }
    }

    /// True for commune-level units (xã, phường, thị trấn, đặc khu).
    pub fn is_commune_level(self) -> bool {
        matches!(
            self,
            Self::Commune | Self::Ward | Self::Township | Self::SpecialZone
        )
    }
}

/// How a unit relates to its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// Sáp nhập vào.
    MergedInto,
    /// Chia tách từ.
    SplitFrom,
    /// Đổi tên thành.
    RenamedTo,
}

impl LinkKind {
    /// The stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MergedInto => "merged_into",
            Self::SplitFrom => "split_from",
            Self::RenamedTo => "renamed_to",
        }
    }

    /// Parses the storage name.
    pub fn parse(s: &str) -> Result<Self, UnitError> {
        match s {
            "merged_into" => Ok(Self::MergedInto),
            "split_from" => Ok(Self::SplitFrom),
            "renamed_to" => Ok(Self::RenamedTo),
            other => Err(UnitError::UnknownLink(other.to_owned())),
        }
    }
}

/// A unit as stored: valid on `[valid_from, valid_to]` (both inclusive; `None` = still valid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Row id.
    pub id: UnitId,
    /// GSO code for administrative units; QCVN 102 identifier for agencies.
    pub code: String,
    /// Official name, NFC.
    pub name: String,
    /// Kind of unit.
    pub kind: UnitKind,
    /// Parent unit, if any.
    pub parent_id: Option<UnitId>,
    /// URL slug.
    pub slug: String,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force.
    pub valid_to: Option<NaiveDate>,
    /// What the unit does, as a stable tag (`tu-phap`, `kinh-te-ha-tang`, `cong-an`…): how a
    /// procedure names its competent unit at a level. `None` for units that handle no procedure
    /// on their own.
    pub function: Option<String>,
    /// The unit's telephone, printed on the one-stop forms.
    pub phone: Option<String>,
}

impl Unit {
    /// Whether the unit exists on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}

/// Checked input for a new unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    /// National code.
    pub code: String,
    /// Name, NFC.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// Parent.
    pub parent_id: Option<UnitId>,
    /// Slug.
    pub slug: String,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force.
    pub valid_to: Option<NaiveDate>,
}

impl NewUnit {
    /// Validates raw input: NFC name, code format by kind, a sane validity interval.
    pub fn parse(
        code: &str,
        name: &str,
        kind: UnitKind,
        parent_id: Option<UnitId>,
        valid_from: NaiveDate,
        valid_to: Option<NaiveDate>,
    ) -> Result<Self, UnitError> {
        let name = crate::text::nfc(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(UnitError::BadName);
        }
        let code = code.trim().to_owned();
        let code_ok = if kind.is_administrative() {
            !code.is_empty() && code.len() <= 10 && code.chars().all(|c| c.is_ascii_digit())
        } else {
            is_agency_identifier(&code)
        };
        if !code_ok {
            return Err(UnitError::BadCode(code));
        }
        if valid_to.is_some_and(|end| end < valid_from) {
            return Err(UnitError::BadInterval);
        }
        let slug = crate::text::slugify(&name);
        Ok(Self {
            code,
            name,
            kind,
            parent_id,
            slug,
            valid_from,
            valid_to,
        })
    }
}

/// Checks a function tag: 2–40 lowercase ASCII letters, digits and hyphens.
pub fn is_function_tag(tag: &str) -> bool {
    (2..=40).contains(&tag.len())
        && tag
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// QCVN 102 agency identifier `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.00.H50`
/// (up to 35 characters are allowed since 15/9/2022; we accept the 13-character classic form).
pub fn is_agency_identifier(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    if parts.len() != 4 {
        return false;
    }
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let group = parts[3];
    digits(parts[0], 3)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && group.len() == 3
        && group.starts_with(|c: char| c.is_ascii_uppercase())
        && group[1..].chars().all(|c| c.is_ascii_digit())
}

/// Does a grant on `grant_unit` cover `target`, given the target's ancestors (nearest first)?
/// A grant covers its own unit and everything below it.
pub fn grant_covers(grant_unit: UnitId, target: UnitId, target_ancestors: &[UnitId]) -> bool {
    grant_unit == target || target_ancestors.contains(&grant_unit)
}

/// Errors about units, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    /// UNIT-0001.
    #[error("unknown unit kind {0:?}")]
    UnknownKind(String),
    /// UNIT-0002.
    #[error("unknown link kind {0:?}")]
    UnknownLink(String),
    /// UNIT-0003.
    #[error("the name must be 1 to 200 characters")]
    BadName,
    /// UNIT-0004.
    #[error("invalid code {0:?} for this kind of unit")]
    BadCode(String),
    /// UNIT-0005.
    #[error("valid_to is before valid_from")]
    BadInterval,
    /// UNIT-0006.
    #[error("no such unit")]
    NotFound,
}

impl UnitError {
    /// Stable code, also the i18n key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownKind(_) => "UNIT-0001",
            Self::UnknownLink(_) => "UNIT-0002",
            Self::BadName => "UNIT-0003",
            Self::BadCode(_) => "UNIT-0004",
            Self::BadInterval => "UNIT-0005",
            Self::NotFound => "UNIT-0006",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_identifiers() {
        for (code, ok) in [
            ("000.00.00.H50", true),
            ("000.21.08.H50", true),
            ("000.00.00.h50", false),
            ("00.00.00.H50", false),
            ("000.00.00.H5", false),
            ("000-00-00-H50", false),
        ] {
            assert_eq!(is_agency_identifier(code), ok, "{code}");
        }
    }

    #[test]
    fn kinds_round_trip() {
        for k in ALL_KINDS {
            assert_eq!(UnitKind::parse(k.as_str()), Ok(k));
        }
    }

    #[test]
    fn grants_cover_descendants_only() {
        let (district, commune_a, commune_b) = (UnitId(1), UnitId(2), UnitId(3));
        assert!(grant_covers(district, commune_a, &[district]));
        assert!(grant_covers(commune_a, commune_a, &[district]));
        assert!(!grant_covers(commune_a, commune_b, &[district]));
    }

    #[test]
    fn validity_is_inclusive() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let u = Unit {
            id: UnitId(1),
            code: "19603".into(),
            name: "Xã Cam An".into(),
            kind: UnitKind::Commune,
            parent_id: None,
            slug: "xa-cam-an".into(),
            valid_from: d(1991, 10, 19),
            valid_to: Some(d(2019, 12, 31)),
            function: None,
            phone: None,
        };
        assert!(u.valid_on(d(2019, 12, 31)));
        assert!(!u.valid_on(d(2020, 1, 1)));
    }
}
