//! A few demo questions and feedback items at the communes in operation today: some published
//! with their answers (so `/hoi-dap` is not empty), some waiting in the officials' inbox.
//! Deterministic: the same `now` gives the same items.

use std::collections::HashMap;

use camlo_domain::accounts::{AccountId, Role};
use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_domain::clock::to_local;
use camlo_domain::feedback::{FeedbackCode, FeedbackId, FeedbackState, Kind};
use camlo_domain::units::{UnitId, UnitKind};
use camlo_store::feedback::{Event, Feedback};
use camlo_store::{accounts, audit};

use camlo_web::AppState;
use camlo_web::error::AppResult;

/// (kind, title, body, asker, answer, consent, final state, days ago).
type Item = (
    Kind,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
    FeedbackState,
    i64,
);

const ITEMS: &[Item] = &[
    (
        Kind::Question,
        "Thủ tục đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn",
        "Vợ chồng tôi chưa đăng ký kết hôn, nay sinh con thì đăng ký khai sinh cho cháu như thế nào, cần giấy tờ gì?",
        "Nguyễn Thị Hoa",
        Some(
            "Chào chị, trường hợp cha mẹ chưa đăng ký kết hôn, khi đăng ký khai sinh cho con, phần thông tin về người cha để trống; nếu người cha muốn nhận con thì làm thủ tục đăng ký khai sinh kết hợp nhận cha, con. Hồ sơ gồm tờ khai, giấy chứng sinh và văn bản, chứng cứ chứng minh quan hệ cha, con. Chị có thể nộp trực tuyến hoặc tại Trung tâm Phục vụ hành chính công xã.",
        ),
        true,
        FeedbackState::Published,
        20,
    ),
    (
        Kind::Feedback,
        "Đèn chiếu sáng trên tuyến đường liên thôn bị hỏng",
        "Khoảng 5 bóng đèn chiếu sáng trên tuyến đường từ thôn Tân Hiếu đi thôn Nghĩa Hy bị hỏng hơn một tháng nay, ban đêm đi lại rất nguy hiểm. Đề nghị xã kiểm tra, sửa chữa.",
        "Lê Văn Hải",
        Some(
            "UBND xã đã giao bộ phận phụ trách hạ tầng kiểm tra, thay thế 5 bóng đèn hỏng trong ngày 12 vừa qua. Cảm ơn ông đã phản ánh; mọi hư hỏng tiếp theo xin báo về số điện thoại trực của UBND xã.",
        ),
        true,
        FeedbackState::Published,
        12,
    ),
    (
        Kind::Question,
        "Thời gian cấp đổi giấy chứng nhận quyền sử dụng đất",
        "Tôi muốn cấp đổi giấy chứng nhận quyền sử dụng đất do bị rách, hư hỏng thì mất bao lâu và nộp ở đâu?",
        "Trần Văn Long",
        Some(
            "Hồ sơ cấp đổi nộp tại Trung tâm Phục vụ hành chính công xã hoặc trực tuyến trên Cổng dịch vụ công. Thời hạn giải quyết không quá 7 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, không tính thời gian thực hiện nghĩa vụ tài chính.",
        ),
        true,
        FeedbackState::Published,
        6,
    ),
    (
        Kind::Question,
        "Hỗ trợ học phí cho con hộ cận nghèo",
        "Con tôi học lớp 8, gia đình thuộc hộ cận nghèo năm nay thì có được miễn, giảm học phí không và làm hồ sơ ở đâu?",
        "Phạm Thị Thu",
        Some(
            "Học sinh thuộc hộ cận nghèo được giảm 50% học phí. Chị nộp đơn đề nghị kèm giấy xác nhận hộ cận nghèo tại nhà trường nơi cháu đang học.",
        ),
        false,
        FeedbackState::Answered,
        4,
    ),
    (
        Kind::Feedback,
        "Rác thải đổ trộm ven sông",
        "Gần cầu thôn Phổ Lại có người đổ rác thải sinh hoạt xuống ven sông, bốc mùi hôi. Đề nghị chính quyền xử lý và đặt biển cấm.",
        "Hồ Văn Tùng",
        None,
        true,
        FeedbackState::Routed,
        2,
    ),
    (
        Kind::Question,
        "Đăng ký tạm trú cho người thuê trọ",
        "Nhà tôi có phòng cho sinh viên thuê, tôi có phải đăng ký tạm trú cho các em không và làm thế nào?",
        "Võ Thị Lan",
        None,
        true,
        FeedbackState::New,
        0,
    ),
];

/// Creates the demo feedback when the database has none; returns how many were made.
pub async fn seed(state: &AppState) -> AppResult<usize> {
    if camlo_store::feedback::count(&state.store).await? > 0 {
        return Ok(0);
    }
    let now = state.clock.now();
    let communes: Vec<_> = super::service::targets(state)
        .await?
        .into_iter()
        .filter(|u| u.kind != UnitKind::Department)
        .collect();
    if communes.is_empty() {
        return Ok(0);
    }
    // A leader of each unit (through its People's Committee) answers; read before writing.
    let all_units = camlo_store::units::list(&state.store, None).await?;
    let mut answerer: HashMap<UnitId, (AccountId, String)> = HashMap::new();
    for a in accounts::list(&state.store).await? {
        for g in accounts::grants(&state.store, a.id).await? {
            let Some(unit) = g.unit_id.filter(|_| g.role == Role::UnitLeader) else {
                continue;
            };
            let governed = all_units
                .iter()
                .find(|u| u.id == unit && u.kind == UnitKind::PeopleCommittee)
                .and_then(|u| u.parent_id)
                .unwrap_or(unit);
            answerer
                .entry(governed)
                .or_insert((a.id, a.username.clone()));
        }
    }
    let mut tx = state.store.begin().await?;
    let mut made = 0;
    for (i, (kind, title, body, asker, answer, consent, target, days)) in ITEMS.iter().enumerate() {
        let unit = &communes[i % communes.len()];
        let hour = 8 + i64::try_from(i % 8).unwrap_or(0);
        let created = (now.timestamp() - days * 86_400 - hour * 600).min(now.timestamp() - 3600);
        let day = to_local(camlo_store::from_ts(created)).date();
        let seq = camlo_store::feedback::next_sequence(&mut tx, &day.format("%y%m%d").to_string())
            .await?;
        let code = FeedbackCode::new(day, u32::try_from(seq).unwrap_or(1))?;
        let mut f = Feedback {
            id: FeedbackId(0),
            code: code.as_str().to_owned(),
            kind: *kind,
            unit_id: unit.id,
            submitted_unit_id: unit.id,
            title: (*title).into(),
            body: (*body).into(),
            asker_name: (*asker).into(),
            contact_phone: Some(format!("09{:08}", 23_456_000 + i * 41)),
            contact_email: None,
            consent_at: consent.then_some(created),
            state: FeedbackState::New,
            revision: 1,
            answer: None,
            answered_by: None,
            answered_at: None,
            published_at: None,
            rejected_at: None,
            reject_reason: None,
            idempotency_key: None,
            created_at: created,
        };
        f.id = camlo_store::feedback::insert(&mut tx, &f, created).await?;
        let (who_id, who) = answerer
            .get(&unit.id)
            .map_or((None, "demo".to_owned()), |(id, name)| {
                (Some(*id), name.clone())
            });
        let mut steps = vec![("submit", FeedbackState::New)];
        let order = [
            ("route", FeedbackState::Routed),
            ("answer", FeedbackState::Answered),
            ("publish", FeedbackState::Published),
        ];
        for step in order {
            if matches!(
                (target, step.1),
                (FeedbackState::New, _)
                    | (
                        FeedbackState::Routed,
                        FeedbackState::Answered | FeedbackState::Published
                    )
                    | (FeedbackState::Answered, FeedbackState::Published)
            ) {
                continue;
            }
            steps.push(step);
        }
        let mut at = created;
        let mut from = FeedbackState::New;
        for (action, to) in steps {
            let note = match action {
                "answer" => answer.map(str::to_owned),
                _ => None,
            };
            match action {
                "answer" => {
                    f.answer.clone_from(&note);
                    f.answered_by = who_id;
                    f.answered_at = Some(at);
                }
                "publish" => f.published_at = Some(at),
                _ => {}
            }
            f.state = to;
            let submit = action == "submit";
            camlo_store::feedback::add_event(
                &mut tx,
                f.id,
                &Event {
                    at,
                    actor: if submit {
                        "anonymous".into()
                    } else {
                        who.clone()
                    },
                    actor_id: if submit { None } else { who_id.map(|a| a.0) },
                    action: action.into(),
                    from_state: if submit {
                        String::new()
                    } else {
                        from.as_str().into()
                    },
                    to_state: to.as_str().into(),
                    from_unit_id: (!submit).then_some(unit.id.0),
                    to_unit_id: Some(unit.id.0),
                    note,
                },
            )
            .await?;
            from = to;
            at = (at + 3 * 3600 + 86_400).min(now.timestamp() - 60);
        }
        camlo_store::feedback::update(&mut tx, &f, at).await?;
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
            action: "demo.feedback".into(),
            object: "database".into(),
            outcome: Outcome::Success,
            request_id: "-".into(),
            client_addr: "-".into(),
            detail: format!("{{\"feedback\":{made}}}"),
        },
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(made)
}
