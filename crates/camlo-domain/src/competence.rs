//! Competence routing: which unit decides a dossier received at a one-stop office. The answer is
//! data, not geography: the procedure version names, per level, the function of the competent
//! unit (`tu-phap` → Phòng Tư pháp, `cong-an` → Công an xã; none → the People's Committee), and
//! the office's place in the unit tree gives the level and the locality to look in.
//!
//! A district dossier filed at the district office (under Văn phòng HĐND-UBND) reaches Phòng Tư
//! pháp or Phòng KT-HT, never the Văn phòng; a residence dossier filed at a commune centre reaches
//! that commune's Công an, which is not part of the UBND.

use chrono::NaiveDate;

use crate::dossiers::DossierError;
use crate::procedures::{Level, Procedure};
use crate::units::{Unit, UnitId, UnitKind};

/// Where a dossier received at an office goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The level the office serves.
    pub level: Level,
    /// The People's Committee that governs the office (its forms' heading).
    pub governing: UnitId,
    /// The unit that appraises and decides.
    pub competent: UnitId,
}

/// The ancestors of a unit, nearest first (the unit itself excluded).
fn ancestors<'a>(units: &'a [Unit], of: &'a Unit) -> impl Iterator<Item = &'a Unit> + 'a {
    let mut next = of.parent_id;
    let mut hops = 0;
    std::iter::from_fn(move || {
        let id = next?;
        hops += 1;
        if hops > 64 {
            return None; // a corrupt tree must not loop forever
        }
        let u = units.iter().find(|u| u.id == id)?;
        next = u.parent_id;
        Some(u)
    })
}

/// The level an office serves and the People's Committee that governs it, from the unit tree.
pub fn office_place(units: &[Unit], office: UnitId) -> Result<(Level, &Unit, &Unit), DossierError> {
    let office = units
        .iter()
        .find(|u| u.id == office)
        .ok_or(DossierError::NoCompetentUnit)?;
    let governing = ancestors(units, office)
        .find(|u| u.kind == UnitKind::PeopleCommittee)
        .ok_or(DossierError::NoCompetentUnit)?;
    let locality = ancestors(units, office)
        .find(|u| u.kind.is_administrative())
        .ok_or(DossierError::NoCompetentUnit)?;
    let level = locality.kind.level().ok_or(DossierError::NoCompetentUnit)?;
    Ok((level, governing, locality))
}

/// Routes a dossier of procedure version `p` received at `office` on `on`.
///
/// Refuses with `NotOfferedAtLevel` when the procedure is not done at the office's level, and
/// with `NoCompetentUnit` when the locality has no unit with the named function on that day.
pub fn route(
    units: &[Unit],
    office: UnitId,
    p: &Procedure,
    on: NaiveDate,
) -> Result<Route, DossierError> {
    let (level, governing, locality) = office_place(units, office)?;
    if !p.levels.contains(&level) {
        return Err(DossierError::NotOfferedAtLevel);
    }
    let competent = match p.competent_function(level) {
        None => governing.id,
        Some(function) => units
            .iter()
            .filter(|u| u.valid_on(on) && u.function.as_deref() == Some(function))
            .filter(|u| ancestors(units, u).any(|a| a.id == locality.id))
            .map(|u| u.id)
            .min()
            .ok_or(DossierError::NoCompetentUnit)?,
    };
    Ok(Route {
        level,
        governing: governing.id,
        competent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedures::{CompetentAt, LegalTime, OnlineLevel, ProcedureId};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unit(id: i64, kind: UnitKind, parent: Option<i64>, function: Option<&str>) -> Unit {
        Unit {
            id: UnitId(id),
            code: String::new(),
            name: format!("u{id}"),
            kind,
            parent_id: parent.map(UnitId),
            slug: format!("u{id}"),
            valid_from: d(2000, 1, 1),
            valid_to: None,
            function: function.map(str::to_owned),
            phone: None,
        }
    }

    /// The shape of the demo: a district with its UBND, Văn phòng (holding the district
    /// one-stop office), Phòng Tư pháp; a commune with its UBND, one-stop office and Công an.
    fn tree() -> Vec<Unit> {
        use UnitKind as K;
        vec![
            unit(1, K::District, None, None),
            unit(2, K::PeopleCommittee, Some(1), None),
            unit(3, K::Department, Some(2), Some("van-phong")),
            unit(4, K::OneStopOffice, Some(3), None),
            unit(5, K::Department, Some(2), Some("tu-phap")),
            unit(6, K::Department, Some(2), Some("kinh-te-ha-tang")),
            unit(10, K::Commune, Some(1), None),
            unit(11, K::PeopleCommittee, Some(10), None),
            unit(12, K::OneStopOffice, Some(11), None),
            unit(13, K::Police, Some(10), Some("cong-an")),
            unit(20, K::Commune, Some(1), None),
            unit(21, K::PeopleCommittee, Some(20), None),
            unit(22, K::OneStopOffice, Some(21), None),
        ]
    }

    fn procedure(levels: &[Level], competent: &[(Level, Option<&str>)]) -> Procedure {
        Procedure {
            id: ProcedureId(1),
            code: "2.000815".into(),
            version: 1,
            name: "x".into(),
            sector: "x".into(),
            levels: levels.to_vec(),
            agency: String::new(),
            competent: competent
                .iter()
                .map(|(level, f)| CompetentAt {
                    level: *level,
                    function: f.map(str::to_owned),
                })
                .collect(),
            legal_time: LegalTime::SameDay,
            fees: String::new(),
            documents: vec![],
            result: String::new(),
            legal_basis: String::new(),
            online: OnlineLevel::Full,
            steps: vec![],
            valid_from: d(2000, 1, 1),
            valid_to: None,
        }
    }

    #[test]
    fn routes_by_the_procedures_competence_at_the_offices_level() {
        use Level::{Commune, District};
        let units = tree();
        let on = d(2024, 5, 6);
        let chung_thuc = procedure(
            &[District, Commune],
            &[(District, Some("tu-phap")), (Commune, None)],
        );
        let residence = procedure(&[Commune], &[(Commune, Some("cong-an"))]);
        // (procedure, office, expected (level, governing, competent) or refusal)
        type Case<'a> = (&'a Procedure, i64, Result<(Level, i64, i64), DossierError>);
        let cases: &[Case<'_>] = &[
            // district office → Phòng Tư pháp, governed by UBND huyện (not the Văn phòng)
            (&chung_thuc, 4, Ok((District, 2, 5))),
            // commune office → UBND xã
            (&chung_thuc, 12, Ok((Commune, 11, 11))),
            // residence → that commune's Công an
            (&residence, 12, Ok((Commune, 11, 13))),
            // a commune without Công an in the data: a clear refusal, not a wrong unit
            (&residence, 22, Err(DossierError::NoCompetentUnit)),
            // not offered at district level
            (&residence, 4, Err(DossierError::NotOfferedAtLevel)),
        ];
        for (p, office, want) in cases {
            let got = route(&units, UnitId(*office), p, on)
                .map(|r| (r.level, r.governing.0, r.competent.0));
            assert_eq!(&got, want, "office {office}");
        }
    }

    #[test]
    fn a_unit_out_of_force_is_not_competent() {
        let mut units = tree();
        for u in &mut units {
            if u.id == UnitId(13) {
                u.valid_to = Some(d(2025, 6, 30));
            }
        }
        let residence = procedure(&[Level::Commune], &[(Level::Commune, Some("cong-an"))]);
        assert_eq!(
            route(&units, UnitId(12), &residence, d(2025, 7, 1)),
            Err(DossierError::NoCompetentUnit)
        );
    }
}
