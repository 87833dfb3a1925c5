//! The one-stop desk with the demo's real unit tree and accounts: competence routing (district
//! phòng, Văn phòng HĐND-UBND, the 2025 commune centres, Công an xã), assignment, separation of
//! duties and the legal rules. On SQLite by default, PostgreSQL with `CAMLO_TEST_DATABASE_URL`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_testkit::http::Client;
use camlo_testkit::{AppOptions, Seed, TestApp, spawn_app_with};
use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

async fn demo_app() -> TestApp {
    spawn_app_with(AppOptions {
        seed: Seed::Demo,
        ..AppOptions::default()
    })
    .await
}

/// A working Monday of 2024, 09:00 in Hà Nội: the district and its phòng still exist.
fn before_the_reform(app: &TestApp) {
    app.clock
        .set(Utc.with_ymd_and_hms(2024, 5, 6, 2, 0, 0).unwrap());
}

/// The id of the demo unit with this exact name, valid on `on`.
async fn unit(c: &Client, name: &str, on: &str) -> i64 {
    let list = c.get(&format!("/api/v1/units?on={on}")).await.json();
    list.as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("no unit {name} on {on}"))["id"]
        .as_i64()
        .unwrap()
}

/// The 2025 service centre of xã Cam Lộ, where the demo receives dossiers today.
async fn centre_xa_cam_lo(c: &Client) -> i64 {
    unit(
        c,
        "Trung tâm Phục vụ hành chính công xã Cam Lộ",
        "2026-11-02",
    )
    .await
}

/// Counter intake by an officer: filed and received at once. Returns the dossier.
async fn intake(officer: &Client, procedure: &str, office: i64) -> (u16, Value) {
    let res = officer
        .post_json(
            "/api/v1/dossiers",
            &json!({
                "procedure_code": procedure,
                "receiving_unit_id": office,
                "channel": "counter",
                "applicant": { "name": "Nguyễn Thị Hằng", "address": "Khu phố 2, thị trấn Cam Lộ", "phone": "0912345678" }
            }),
        )
        .await;
    (res.status, res.json())
}

async fn act(c: &Client, code: &str, action: &str, body: Value) -> (u16, Value) {
    let res = c
        .post_json(&format!("/api/v1/dossiers/{code}/actions/{action}"), &body)
        .await;
    (
        res.status,
        serde_json::from_str(&res.text).unwrap_or(Value::Null),
    )
}

/// Whether the dossier is on this official's desk, and in which queue.
async fn on_desk(c: &Client, code: &str) -> Option<String> {
    let desk = c.get("/api/v1/desk").await;
    if desk.status != 200 {
        return None;
    }
    desk.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .map(|d| d["queue"].as_str().unwrap().to_owned())
}

/// Refused without saying more than needed.
fn denied(status: u16) {
    assert!(
        status == 404 || status == 403,
        "expected a denial, got {status}"
    );
}

async fn account_id(app: &TestApp, username: &str) -> i64 {
    camlo_store::accounts::credentials(&app.store, username)
        .await
        .unwrap()
        .unwrap()
        .account
        .id
        .0
}

#[tokio::test]
async fn a_district_dossier_reaches_phong_tu_phap_and_is_approved_there() {
    let app = demo_app().await;
    before_the_reform(&app);
    let officer = app.demo_client("motcua.camlo").await;
    let office = unit(
        &officer,
        "Bộ phận tiếp nhận và trả kết quả huyện Cam Lộ",
        "2024-05-06",
    )
    .await;
    // 2.001035: chứng thực hợp đồng về động sản, 2 working days, Phòng Tư pháp at district level.
    let (status, d) = intake(&officer, "2.001035", office).await;
    assert_eq!(status, 201, "{d}");
    let code = d["code"].as_str().unwrap().to_owned();
    assert_eq!(d["status"], "received");
    let (status, d) = act(&officer, &code, "forward", json!({})).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(
        d["current_unit"], "Phòng Tư pháp",
        "competence, not the Văn phòng HĐND-UBND that holds the office"
    );

    // The Phòng's specialist and the district leaders see it; Phòng KT-HT does not.
    let specialist = app.demo_client("tuphap.camlo").await;
    let other = app.demo_client("kthl.camlo").await;
    let leader = app.demo_client("pct.camlo").await;
    let head = app.demo_client("truongphong.tuphap.camlo").await;
    assert_eq!(
        on_desk(&specialist, &code).await.as_deref(),
        Some("phan-cong")
    );
    assert_eq!(on_desk(&head, &code).await.as_deref(), Some("phan-cong"));
    assert_eq!(on_desk(&other, &code).await, None);
    denied(other.get(&format!("/api/v1/dossiers/{code}")).await.status);

    // The picker offers the Phòng's specialists only; anyone else is refused with 422.
    let picker = head
        .get(&format!("/api/v1/dossiers/{code}/assignees"))
        .await
        .json();
    let names: Vec<&str> = picker
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Võ Thị Hồng Nhung"], "{picker}");
    let kthl = account_id(&app, "kthl.camlo").await;
    let (status, err) = act(&head, &code, "assign", json!({ "assignee": kthl })).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["code"], "DOS-0020");
    let (status, err) = act(&head, &code, "assign", json!({})).await;
    assert_eq!(status, 422, "a leader names the specialist: {err}");
    let tuphap = account_id(&app, "tuphap.camlo").await;
    let (status, d) = act(&head, &code, "assign", json!({ "assignee": tuphap })).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["assignee_id"], tuphap);
    assert_eq!(
        on_desk(&specialist, &code).await.as_deref(),
        Some("tham-dinh")
    );

    // Only the assignee proposes; the leader sends it back once with a reason, then approves.
    let (status, err) = act(&leader, &code, "propose", json!({ "note": "Đủ điều kiện" })).await;
    assert_eq!(status, 403, "{err}");
    let (status, d) = act(
        &specialist,
        &code,
        "propose",
        json!({ "note": "Hợp đồng đủ điều kiện chứng thực" }),
    )
    .await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(on_desk(&head, &code).await.as_deref(), Some("phe-duyet"));
    let (status, err) = act(&head, &code, "send_back", json!({})).await;
    assert_eq!(status, 422, "a reason is required: {err}");
    let (status, d) = act(
        &head,
        &code,
        "send_back",
        json!({ "note": "Ghi rõ số tờ của hợp đồng" }),
    )
    .await;
    assert_eq!((status, d["status"].as_str()), (200, Some("in_process")));
    let (status, _) = act(
        &specialist,
        &code,
        "propose",
        json!({ "note": "Hợp đồng 3 tờ, đủ điều kiện chứng thực" }),
    )
    .await;
    assert_eq!(status, 200);
    let (status, d) = act(&head, &code, "approve", json!({})).await;
    assert_eq!((status, d["status"].as_str()), (200, Some("resolved")));
    // The result comes back to the office that received it.
    assert_eq!(
        on_desk(&officer, &code).await.as_deref(),
        Some("tra-ket-qua")
    );
    let (status, d) = act(&officer, &code, "return_result", json!({})).await;
    assert_eq!(
        (status, d["status"].as_str()),
        (200, Some("result_returned"))
    );
}

#[tokio::test]
async fn residence_goes_to_cong_an_xa_not_the_ubnd() {
    let app = demo_app().await; // 2026: the 2025 commune centres
    let officer = app.demo_client("motcua.xacamlo").await;
    let office = centre_xa_cam_lo(&officer).await;
    // 1.004194: đăng ký tạm trú, Công an cấp xã.
    let (status, d) = intake(&officer, "1.004194", office).await;
    assert_eq!(status, 201, "{d}");
    let code = d["code"].as_str().unwrap().to_owned();
    let (_, d) = act(&officer, &code, "forward", json!({})).await;
    assert_eq!(d["current_unit"], "Công an xã Cam Lộ");
    let ubnd_leader = app.demo_client("lanhdao.xacamlo").await;
    let ubnd_specialist = app.demo_client("chuyenvien.xacamlo").await;
    assert_eq!(on_desk(&ubnd_leader, &code).await, None);
    assert_eq!(on_desk(&ubnd_specialist, &code).await, None);
    let police = app.demo_client("congan.xacamlo").await;
    let chief = app.demo_client("truongcongan.xacamlo").await;
    assert_eq!(on_desk(&police, &code).await.as_deref(), Some("phan-cong"));
    // A specialist takes a forwarded dossier for themselves.
    let (status, d) = act(&police, &code, "assign", json!({})).await;
    assert_eq!(status, 200, "{d}");
    let (status, _) = act(
        &police,
        &code,
        "propose",
        json!({ "note": "Đủ điều kiện đăng ký tạm trú" }),
    )
    .await;
    assert_eq!(status, 200);
    // The UBND xã leader has no say over Công an's dossier.
    let (status, _) = act(&ubnd_leader, &code, "approve", json!({})).await;
    denied(status);
    let (status, d) = act(&chief, &code, "approve", json!({})).await;
    assert_eq!((status, d["status"].as_str()), (200, Some("resolved")));
}

#[tokio::test]
async fn a_procedure_not_done_at_the_offices_level_cannot_be_filed_there() {
    let app = demo_app().await;
    before_the_reform(&app);
    let officer = app.demo_client("motcua.camthanh").await;
    let office = unit(&officer, "Bộ phận một cửa UBND xã Cam Thành", "2024-05-06").await;
    // 2.000528: khai sinh có yếu tố nước ngoài, district level only.
    let (status, err) = intake(&officer, "2.000528", office).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["code"], "DOS-0017");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("không thực hiện ở cấp"),
        "{err}"
    );
    // The same office takes a commune procedure.
    let (status, _) = intake(&officer, "1.004873", office).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn administrators_do_not_handle_dossiers_and_proposer_is_not_approver() {
    let app = demo_app().await;
    let officer = app.demo_client("motcua.xacamlo").await;
    let office = centre_xa_cam_lo(&officer).await;
    let (_, d) = intake(&officer, "1.004873", office).await;
    let code = d["code"].as_str().unwrap().to_owned();
    // A unit administrator over the whole old district has no handling role: no view, no act.
    let unit_admin = app.demo_client("quantri.camlo").await;
    denied(
        unit_admin
            .get(&format!("/api/v1/dossiers/{code}"))
            .await
            .status,
    );
    let (status, _) = act(&unit_admin, &code, "forward", json!({})).await;
    denied(status);

    // A leader who also holds Specialist proposes; another leader must approve.
    act(&officer, &code, "forward", json!({})).await;
    let leader = app.demo_client("lanhdao.xacamlo").await;
    let leader_id = account_id(&app, "lanhdao.xacamlo").await;
    let ubnd = unit(&officer, "Ủy ban nhân dân xã Cam Lộ", "2026-11-02").await;
    {
        use camlo_domain::accounts::{AccountId, Role};
        use camlo_domain::units::UnitId;
        let mut tx = app.store.begin().await.unwrap();
        camlo_store::accounts::grant(
            &mut tx,
            AccountId(leader_id),
            Role::Specialist,
            Some(UnitId(ubnd)),
            None,
            0,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let leader = {
        drop(leader);
        app.demo_client("lanhdao.xacamlo").await
    };
    let (status, d) = act(&leader, &code, "assign", json!({ "assignee": leader_id })).await;
    assert_eq!(status, 200, "{d}");
    let (status, _) = act(&leader, &code, "propose", json!({ "note": "Đủ điều kiện" })).await;
    assert_eq!(status, 200);
    let (status, err) = act(&leader, &code, "approve", json!({})).await;
    assert_eq!(status, 403, "{err}");
    assert_eq!(err["code"], "DOS-0021");
    // The Chủ tịch, another leader of the same UBND, approves.
    let second = app.demo_client("chutich.xacamlo").await;
    let (status, d) = act(&second, &code, "approve", json!({})).await;
    assert_eq!(
        (status, d["status"].as_str()),
        (200, Some("resolved")),
        "{d}"
    );
}

#[tokio::test]
async fn the_legal_rules_completion_once_supplement_once_restart_kept_withdrawal_with_reason() {
    let app = demo_app().await;
    let citizen = app.demo_client("congdan").await;
    let officer = app.demo_client("motcua.xacamlo").await;
    let office = centre_xa_cam_lo(&officer).await;
    // Online filing by the citizen; the officer asks for completion once.
    let res = citizen
        .post_json(
            "/api/v1/dossiers",
            &json!({ "procedure_code": "1.004873", "receiving_unit_id": office,
                     "applicant": { "name": "Hồ Văn Bình", "address": "Thôn 3, xã Cam Lộ", "phone": "0912345678" } }),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let code = res.json()["code"].as_str().unwrap().to_owned();
    let (status, _) = act(
        &officer,
        &code,
        "request_completion",
        json!({ "note": "Bổ sung tờ khai có chữ ký" }),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = act(&citizen, &code, "resubmit", json!({})).await;
    assert_eq!(status, 200);
    let (status, err) = act(
        &officer,
        &code,
        "request_completion",
        json!({ "note": "Lần nữa" }),
    )
    .await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["code"], "DOS-0023");
    let (status, d) = act(&officer, &code, "accept", json!({})).await;
    assert_eq!(status, 200, "{d}");
    let received = d["received_at"].clone();
    act(&officer, &code, "forward", json!({})).await;
    let specialist = app.demo_client("chuyenvien.xacamlo").await;
    act(&specialist, &code, "assign", json!({})).await;
    let (status, _) = act(
        &specialist,
        &code,
        "request_supplement",
        json!({ "note": "Bổ sung giấy xác nhận tình trạng hôn nhân nơi cư trú trước đây" }),
    )
    .await;
    assert_eq!(status, 200);
    app.clock.advance(chrono::Duration::minutes(10));
    let (status, d) = act(&citizen, &code, "resubmit_complete", json!({})).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(
        d["received_at"], received,
        "the original reception time is kept"
    );
    let events = d["history"].as_array().unwrap();
    assert!(events.iter().any(|e| e["action"] == "resubmit_complete"));
    let (status, err) = act(
        &specialist,
        &code,
        "request_supplement",
        json!({ "note": "Bổ sung thêm" }),
    )
    .await;
    assert_eq!(status, 409, "{err}");
    assert_eq!(err["code"], "DOS-0022");
    assert!(err["message"].as_str().unwrap().contains("một lần"));

    // Withdrawal at the counter records the applicant's request and reason.
    let (_, d2) = intake(&officer, "1.004873", office).await;
    let code2 = d2["code"].as_str().unwrap().to_owned();
    let (status, err) = act(&officer, &code2, "withdraw", json!({})).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["code"], "DOS-0003");
    let (status, d2) = act(
        &officer,
        &code2,
        "withdraw",
        json!({ "note": "Công dân có đơn xin rút hồ sơ ngày 02/11/2026" }),
    )
    .await;
    assert_eq!((status, d2["status"].as_str()), (200, Some("withdrawn")));
}

/// Walks a dossier through every state the desk handles and checks that in each one at least
/// one demo official has it on their desk and can act on it: no state leaves a dossier in
/// nobody's inbox.
#[tokio::test]
async fn no_state_leaves_a_dossier_in_nobodys_inbox() {
    let app = demo_app().await;
    let officials = [
        "motcua.xacamlo",
        "chuyenvien.xacamlo",
        "chuyenvien2.xacamlo",
        "lanhdao.xacamlo",
        "congan.xacamlo",
        "truongcongan.xacamlo",
        "motcua.hieugiang",
        "chuyenvien.hieugiang",
        "lanhdao.hieugiang",
    ];
    let mut clients = Vec::new();
    for u in officials {
        clients.push((u, app.demo_client(u).await));
    }
    let citizen = app.demo_client("congdan").await;
    let officer = &clients[0].1;
    let office = centre_xa_cam_lo(officer).await;
    let check = |code: String, state: &'static str| {
        let clients = &clients;
        async move {
            let mut holders = Vec::new();
            for (name, c) in clients {
                if on_desk(c, &code).await.is_some() {
                    let d = c.get(&format!("/api/v1/dossiers/{code}")).await.json();
                    assert_eq!(d["status"], state);
                    if !d["actions"].as_array().unwrap().is_empty() {
                        holders.push(*name);
                    }
                }
            }
            assert!(
                !holders.is_empty(),
                "{code} in state {state} is on nobody's desk with an action to take"
            );
        }
    };
    // Every path through the table, for a commune procedure and a Công an one.
    for procedure in ["1.004873", "1.004194"] {
        let file = || async {
            let res = citizen
                .post_json(
                    "/api/v1/dossiers",
                    &json!({ "procedure_code": procedure, "receiving_unit_id": office,
                             "applicant": { "name": "Hồ Văn Bình", "address": "Thôn 3, xã Cam Lộ" } }),
                )
                .await;
            assert_eq!(res.status, 201, "{}", res.text);
            res.json()["code"].as_str().unwrap().to_owned()
        };
        let code = file().await;
        check(code.clone(), "submitted").await;
        act(
            officer,
            &code,
            "request_completion",
            json!({ "note": "Bổ sung tờ khai" }),
        )
        .await;
        check(code.clone(), "intake_incomplete").await;
        act(&citizen, &code, "resubmit", json!({})).await;
        act(officer, &code, "accept", json!({})).await;
        check(code.clone(), "received").await;
        act(officer, &code, "forward", json!({})).await;
        check(code.clone(), "forwarded").await;
        // The competent unit's specialist takes it.
        let (_, d) = c_for(&clients, &code).await;
        let specialist = d;
        act(specialist, &code, "assign", json!({})).await;
        check(code.clone(), "in_process").await;
        act(
            specialist,
            &code,
            "request_supplement",
            json!({ "note": "Bổ sung giấy tờ" }),
        )
        .await;
        check(code.clone(), "supplement_requested").await;
        act(&citizen, &code, "resubmit_complete", json!({})).await;
        act(
            specialist,
            &code,
            "propose",
            json!({ "note": "Đủ điều kiện" }),
        )
        .await;
        check(code.clone(), "awaiting_approval").await;
        let leader = clients
            .iter()
            .find(|(n, _)| {
                *n == if procedure == "1.004194" {
                    "truongcongan.xacamlo"
                } else {
                    "lanhdao.xacamlo"
                }
            })
            .map(|(_, c)| c)
            .unwrap();
        let (status, d) = act(leader, &code, "approve", json!({})).await;
        assert_eq!(status, 200, "{d}");
        check(code.clone(), "resolved").await;
        // A rejected one comes back to the office too.
        let code = file().await;
        act(officer, &code, "accept", json!({})).await;
        act(officer, &code, "forward", json!({})).await;
        let (_, specialist) = c_for(&clients, &code).await;
        act(specialist, &code, "assign", json!({})).await;
        act(
            specialist,
            &code,
            "propose",
            json!({ "note": "Không đủ điều kiện" }),
        )
        .await;
        let (status, _) = act(
            leader,
            &code,
            "reject",
            json!({ "note": "Không đủ điều kiện" }),
        )
        .await;
        assert_eq!(status, 200);
        check(code.clone(), "rejected").await;
    }
}

/// The specialist whose desk holds a forwarded dossier (the competent unit's).
async fn c_for<'a>(
    clients: &'a [(&'static str, Client)],
    code: &str,
) -> (&'static str, &'a Client) {
    for (name, c) in clients {
        if on_desk(c, code).await.as_deref() == Some("phan-cong")
            && c.get("/api/v1/desk").await.json()["queues"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["key"] == "tham-dinh")
        {
            return (name, c);
        }
    }
    panic!("{code}: no specialist has it");
}

/// The desk at a glance: tabs with counts, overdue first, search by code, name without
/// diacritics, phone or CCCD, filters by procedure and date, on the page and in the API.
#[tokio::test]
async fn the_desk_groups_counts_sorts_and_searches() {
    let app = demo_app().await;
    let officer = app.demo_client("motcua.xacamlo").await;
    let desk = officer.get("/api/v1/desk").await.json();
    let queues: Vec<(String, i64)> = desk["queues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["key"].as_str().unwrap().to_owned(),
                q["count"].as_i64().unwrap(),
            )
        })
        .collect();
    let keys: Vec<&str> = queues.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["tiep-nhan", "chuyen-xu-ly", "tra-ket-qua", "cho-cong-dan"],
        "an officer's queues, in the order of the work"
    );
    let items = desk["items"].as_array().unwrap();
    assert_eq!(
        items.len() as i64,
        queues.iter().map(|(_, n)| n).sum::<i64>(),
        "the counts add up to the list"
    );
    // Overdue first, then by due time, on every desk.
    let mut any_late = false;
    for who in ["motcua.xacamlo", "chuyenvien.xacamlo", "lanhdao.xacamlo"] {
        let c = app.demo_client(who).await;
        let desk = c.get("/api/v1/desk").await.json();
        let items = desk["items"].as_array().unwrap();
        let urgency: Vec<&str> = items
            .iter()
            .map(|i| i["urgency"].as_str().unwrap())
            .collect();
        let first_not_late = urgency
            .iter()
            .position(|u| *u != "late")
            .unwrap_or(urgency.len());
        let first_stopped = urgency
            .iter()
            .position(|u| *u == "none")
            .unwrap_or(urgency.len());
        assert!(
            urgency[first_stopped..].iter().all(|u| *u == "none"),
            "running clocks first: {who}: {urgency:?}"
        );
        assert!(
            urgency[first_not_late..].iter().all(|u| *u != "late"),
            "{who}: {urgency:?}"
        );
        any_late |= first_not_late > 0;
        let dues: Vec<i64> = items
            .iter()
            .filter(|i| i["urgency"] != "none")
            .filter_map(|i| i["due_at"].as_str())
            .map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap().timestamp())
            .collect();
        let mut sorted = dues.clone();
        sorted.sort();
        assert_eq!(dues, sorted, "{who}");
        assert!(
            items
                .iter()
                .all(|i| !i["waiting"].as_str().unwrap().is_empty())
        );
    }
    assert!(any_late, "the demo has late dossiers");

    // One tab.
    let tab = officer.get("/api/v1/desk?tab=tiep-nhan").await.json();
    assert!(
        tab["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["status"] == "submitted")
    );

    // Search: a new counter dossier found by its code, by name without diacritics, by phone.
    let office = centre_xa_cam_lo(&officer).await;
    let res = officer
        .post_json(
            "/api/v1/dossiers",
            &json!({
                "procedure_code": "1.004873", "receiving_unit_id": office, "channel": "counter",
                "applicant": { "name": "Đặng Thị Xuân Hương", "address": "Thôn 1, xã Cam Lộ", "phone": "0935 111 222", "cccd": "045190012345" }
            }),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let code = res.json()["code"].as_str().unwrap().to_owned();
    for q in [
        code.as_str(),
        "dang thi xuan huong",
        "XUÂN HƯƠNG",
        "0935111222",
        "+84 935 111 222",
        "045190012345",
    ] {
        let found = officer
            .get(&format!("/api/v1/desk?q={}", camlo_testkit::http::enc(q)))
            .await
            .json();
        let codes: Vec<&str> = found["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, [code.as_str()], "search {q:?}");
    }
    // A LIKE wildcard is a character, not a pattern.
    let none = officer.get("/api/v1/desk?q=%25").await.json();
    assert!(none["items"].as_array().unwrap().is_empty());
    // Filters: by procedure and by day.
    let by_procedure = officer.get("/api/v1/desk?procedure=1.004873").await.json();
    assert!(
        by_procedure["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["procedure_code"] == "1.004873")
    );
    let today = officer
        .get("/api/v1/desk?from=02/11/2026&to=02/11/2026")
        .await
        .json();
    assert!(
        today["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == code)
    );
    let earlier = officer.get("/api/v1/desk?to=2026-10-01").await.json();
    assert!(
        !earlier["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == code)
    );

    // The page: tabs with counts and the search box.
    let page = officer.get("/mot-cua?q=xuan+huong").await;
    assert_eq!(page.status, 200);
    let text = page.page_text();
    for want in [
        "Chờ tiếp nhận",
        "Chờ trả kết quả",
        "Chờ công dân bổ sung",
        "Đặng Thị Xuân Hương",
        "Đã chờ",
    ] {
        assert!(text.contains(want), "{want} missing in {text}");
    }
}
