//! About fifty demo dossiers in every state and age (some late, some due today) at the one-stop
//! offices in operation today, so a newcomer's first look at an inbox, a lookup or a receipt
//! shows real work. Deterministic: the same `now` gives the same dossiers.

use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_domain::clock::{from_local, to_local};
use camlo_domain::dossiers::{DossierCode, DossierId, DossierState};
use camlo_domain::procedures::{LegalTime, Level};
use camlo_domain::units::UnitKind;
use camlo_store::dossiers::{Dossier, Event};
use camlo_store::{audit, procedures, units};
use chrono::{Datelike, Duration};

use camlo_web::AppState;
use camlo_web::error::AppResult;

const NAMES: &[&str] = &[
    "Nguyễn Văn An",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Phương",
    "Đặng Văn Giang",
    "Bùi Thị Hạnh",
    "Đỗ Văn Hùng",
    "Hồ Thị Khánh",
    "Ngô Văn Lâm",
    "Dương Thị Mỹ",
    "Lý Văn Nghĩa",
    "Phan Thị Oanh",
    "Trương Văn Phúc",
    "Mai Thị Quyên",
];

/// The path of states a dossier walks to reach `target`, with the action names.
fn path(target: DossierState) -> Vec<(&'static str, DossierState)> {
    use DossierState as S;
    let main = [
        ("submit", S::Submitted),
        ("accept", S::Received),
        ("forward", S::Forwarded),
        ("assign", S::InProcess),
        ("propose", S::AwaitingApproval),
        ("approve", S::Resolved),
        ("return_result", S::ResultReturned),
    ];
    let upto = |state: S| {
        main.iter()
            .position(|(_, s)| *s == state)
            .map(|i| main[..=i].to_vec())
            .unwrap_or_default()
    };
    match target {
        S::Draft => vec![],
        S::IntakeIncomplete => vec![
            ("submit", S::Submitted),
            ("request_completion", S::IntakeIncomplete),
        ],
        S::RefusedAtIntake => vec![("submit", S::Submitted), ("refuse", S::RefusedAtIntake)],
        S::SupplementRequested => {
            let mut p = upto(S::InProcess);
            p.push(("request_supplement", S::SupplementRequested));
            p
        }
        S::Rejected => {
            let mut p = upto(S::AwaitingApproval);
            p.push(("reject", S::Rejected));
            p
        }
        S::Withdrawn => vec![
            ("submit", S::Submitted),
            ("accept", S::Received),
            ("withdraw", S::Withdrawn),
        ],
        other => upto(other),
    }
}

/// Creates the demo dossiers when the database has none; returns how many were made.
pub async fn seed(state: &AppState) -> AppResult<usize> {
    if camlo_store::dossiers::count(&state.store).await? > 0 {
        return Ok(0);
    }
    let now = state.clock.now();
    let today = to_local(now).date();
    let offices: Vec<_> = units::list(&state.store, Some(today))
        .await?
        .into_iter()
        .filter(|u| u.kind == UnitKind::OneStopOffice)
        .collect();
    let procs: Vec<_> = procedures::list(
        &state.store,
        today,
        &procedures::Filter {
            level: Some(Level::Commune),
            ..Default::default()
        },
    )
    .await?;
    if offices.is_empty() || procs.is_empty() {
        return Ok(0);
    }
    use DossierState as S;
    let targets = [
        S::Submitted,
        S::Received,
        S::Forwarded,
        S::InProcess,
        S::AwaitingApproval,
        S::Resolved,
        S::ResultReturned,
        S::IntakeIncomplete,
        S::SupplementRequested,
        S::Rejected,
        S::InProcess,
        S::ResultReturned,
        S::Withdrawn,
        S::RefusedAtIntake,
        S::Draft,
        S::Forwarded,
        S::InProcess,
    ];
    // Who handles what is decided as for real dossiers: competence routing and the competent
    // unit's specialists (read before the write transaction starts).
    let all_units = units::list(&state.store, None).await?;
    let mut plans = Vec::new();
    for i in 0..52usize {
        let office = &offices[i % offices.len()];
        let p = &procs[(i * 7) % procs.len()];
        let Ok(route) = camlo_domain::competence::route(&all_units, office.id, p, today) else {
            continue;
        };
        let specialist = crate::service::specialists_for(state, route.competent)
            .await?
            .first()
            .map(|h| h.account);
        plans.push((i, office, p, route.competent, specialist));
    }
    let mut made = 0;
    let mut tx = state.store.begin().await?;
    for (i, office, p, competent, specialist) in plans {
        let target = targets[i % targets.len()];
        // Ages from today back to about six weeks, so some dossiers are late and some due today.
        let age_days = i64::try_from((i * 5) % 43).unwrap_or(0);
        let hour = 8 + u32::try_from(i % 8).unwrap_or(0);
        let local_start = (to_local(now) - Duration::days(age_days))
            .date()
            .and_hms_opt(hour, 15, 0)
            .unwrap_or_default();
        let (cal, _) = camlo_web::calendar::for_unit(state, Some(office.id)).await?;
        let received_local = cal
            .valid_reception_day(local_start)
            .ok()
            .and_then(|d| d.and_hms_opt(hour, 15, 0))
            .unwrap_or(local_start);
        let submitted = from_local(received_local)
            .timestamp()
            .min(now.timestamp() - 60);
        let name = NAMES[i % NAMES.len()];
        let mut d = Dossier {
            id: DossierId(0),
            code: None,
            procedure_id: p.id,
            receiving_unit_id: office.id,
            current_unit_id: office.id,
            applicant_account_id: None,
            applicant_name: name.into(),
            applicant_address: format!(
                "Thôn {}, {}",
                1 + i % 9,
                units::get(&state.store, office.parent_id.unwrap_or(office.id))
                    .await
                    .map(|u| u.name.replace("Ủy ban nhân dân ", ""))
                    .unwrap_or_default()
            ),
            applicant_phone: Some(format!("09{:08}", 12_345_000 + i * 37)),
            applicant_email: None,
            applicant_cccd: None,
            channel: if i % 3 == 0 {
                "counter".into()
            } else {
                "online".into()
            },
            state: S::Draft,
            revision: 1,
            assignee_id: None,
            created_at: submitted - 600,
            submitted_at: None,
            received_at: None,
            due_at: None,
            calendar_fingerprint: None,
            finished_at: None,
            returned_at: None,
            lookup_secret: None,
            result_note: None,
            rule_profile: crate::service::rule_profile(today).into(),
            idempotency_key: None,
            restarted_at: None,
            proposer_id: None,
            completion_requested_at: None,
            supplement_requested_at: None,
            updated_at: 0,
        };
        let id = camlo_store::dossiers::insert(&mut tx, &d, submitted - 600).await?;
        d.id = id;
        let mut at = submitted;
        let mut last = submitted - 600;
        let mut from = S::Draft;
        for (step, (action, to)) in path(target).into_iter().enumerate() {
            match action {
                "submit" => {
                    d.submitted_at = Some(at);
                    let day = to_local(camlo_store::from_ts(at)).date();
                    let seq = camlo_store::dossiers::next_sequence(
                        &mut tx,
                        &office.code,
                        &day.format("%y%m%d").to_string(),
                    )
                    .await?;
                    d.code = Some(
                        DossierCode::new(&office.code, day, u32::try_from(seq).unwrap_or(1))?
                            .as_str()
                            .to_owned(),
                    );
                }
                "accept" => {
                    d.received_at = Some(at);
                    let local = to_local(camlo_store::from_ts(at));
                    let due = match p.legal_time {
                        LegalTime::SameDay => cal.deadline_same_day(local)?,
                        other => cal.deadline_budget(local, other.budget())?,
                    };
                    d.due_at = Some(from_local(due).timestamp());
                    d.calendar_fingerprint = Some(cal.year_fingerprint(due.year())?);
                    d.lookup_secret = Some(format!("DEMO{:04}", i));
                }
                "forward" => d.current_unit_id = competent,
                "assign" => d.assignee_id = specialist,
                "propose" => d.proposer_id = specialist,
                "request_completion" => d.completion_requested_at = Some(at),
                "request_supplement" => d.supplement_requested_at = Some(at),
                "approve" | "reject" => {
                    d.finished_at = Some(at);
                    d.current_unit_id = office.id;
                    d.result_note = Some(if action == "approve" {
                        "Đủ điều kiện, đã ký kết quả".into()
                    } else {
                        "Không đủ điều kiện theo quy định".into()
                    });
                }
                "return_result" => d.returned_at = Some(at),
                "withdraw" | "refuse" => d.finished_at = Some(at),
                _ => {}
            }
            d.state = to;
            let note = match action {
                "request_completion" => Some(
                    "Tờ khai chưa có chữ ký của người yêu cầu: đề nghị ký và nộp lại tờ khai"
                        .to_owned(),
                ),
                "refuse" => Some("Hồ sơ không thuộc thẩm quyền giải quyết".to_owned()),
                "request_supplement" => {
                    Some("Bổ sung văn bản ủy quyền có chứng thực (hồ sơ nộp thay)".to_owned())
                }
                "reject" => Some("Không đủ điều kiện theo quy định".to_owned()),
                "propose" => Some("Đề nghị phê duyệt".to_owned()),
                _ => None,
            };
            camlo_store::dossiers::add_event(
                &mut tx,
                id,
                &Event {
                    at,
                    actor: "demo".into(),
                    actor_id: None,
                    action: action.into(),
                    from_state: from.as_str().into(),
                    to_state: to.as_str().into(),
                    note,
                    due_at: d.due_at,
                },
            )
            .await?;
            from = to;
            last = at;
            // Later steps happen a few hours apart, never in the future.
            at = (at + 3600 * i64::try_from(2 + step % 3).unwrap_or(2)).min(now.timestamp() - 30);
        }
        // Written as of its last step, so the desk shows how long each has waited.
        camlo_store::dossiers::update(&mut tx, &d, last).await?;
        made += 1;
    }
    audit::append(
        &mut tx,
        &AuditEntry {
            at: now,
            actor_id: None,
            actor: "system".into(),
            role: None,
            unit_id: None,
            action: "demo.dossiers".into(),
            object: "database".into(),
            outcome: Outcome::Success,
            request_id: "-".into(),
            client_addr: "-".into(),
            detail: format!("{{\"dossiers\":{made}}}"),
        },
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(made)
}
