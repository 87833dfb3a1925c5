//! The calendar where users meet it: JSON API, public page and the administrators' confirmation
//! of a year's holidays (on both databases).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_store::audit;
use camlo_testkit::spawn_app;

#[tokio::test]
async fn api_converts_dates_and_computes_deadlines() {
    let app = spawn_app().await;
    let c = app.client();
    let cases: &[(&str, serde_json::Value)] = &[
        (
            "/api/v1/calendar/lunar?date=2026-02-17",
            serde_json::json!({ "text": "1/1/2026", "leap": false }),
        ),
        (
            "/api/v1/calendar/lunar?date=1985-01-21",
            serde_json::json!({ "text": "1/1/1985" }),
        ),
        (
            "/api/v1/calendar/lunar?date=2025-07-25",
            serde_json::json!({ "text": "1/6/2025 nhuận", "leap": true }),
        ),
        (
            "/api/v1/calendar/solar?year=2025&month=6&day=1&leap=true",
            serde_json::json!({ "date": "2025-07-25" }),
        ),
        (
            "/api/v1/calendar/solar?year=2026&month=3&day=10",
            serde_json::json!({ "date": "2026-04-26" }),
        ),
        (
            "/api/v1/calendar/deadline?received=2026-02-13%2010:00&working_days=3",
            serde_json::json!({ "due": "2026-02-25 17:00", "due_display": "17:00 25/02/2026" }),
        ),
        (
            "/api/v1/calendar/deadline?received=2026-04-24%2009:00&working_days=1",
            serde_json::json!({ "due": "2026-04-28 17:00" }),
        ),
        (
            "/api/v1/calendar/deadline?received=2026-11-02%2014:59&working_days=0",
            serde_json::json!({ "due": "2026-11-02 17:00" }),
        ),
        (
            "/api/v1/calendar/deadline?received=2026-11-02%2015:01&working_days=0",
            serde_json::json!({ "due": "2026-11-03 17:00" }),
        ),
    ];
    for (path, expect) in cases {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}: {}", res.text);
        let got = res.json();
        for (k, v) in expect.as_object().unwrap() {
            assert_eq!(&got[k], v, "{path} field {k}");
        }
    }
    let hol = c.get("/api/v1/calendar/holidays?year=2026").await.json();
    let days: Vec<&str> = hol["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    for d in [
        "2026-01-01",
        "2026-02-16",
        "2026-02-17",
        "2026-02-20",
        "2026-04-26",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-09-02",
    ] {
        assert!(days.contains(&d), "{d} missing from {days:?}");
    }
    assert_eq!(hol["confirmed"], false);
    let bad = c
        .get("/api/v1/calendar/solar?year=2026&month=2&day=1&leap=true")
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["code"], "CAL-0004");
}

#[tokio::test]
async fn public_page_lists_days_off_and_computes_a_deadline() {
    let app = spawn_app().await;
    let page = app
        .client()
        .get("/calendar?year=2026&received=2026-02-13T10:00&working_days=3")
        .await;
    assert_eq!(page.status, 200);
    let text = page.page_text();
    assert!(text.contains("Giỗ Tổ Hùng Vương"));
    assert!(text.contains("27/04/2026"));
    assert!(text.contains("10/3/2026"), "lunar date of Giỗ Tổ shown");
    assert!(text.contains("17:00 25/02/2026"));
    let bad = app
        .client()
        .get("/calendar?received=not-a-date&working_days=3")
        .await;
    assert_eq!(bad.status, 200);
    assert!(bad.text.contains("YYYY-MM-DD HH:MM"));
}

#[tokio::test]
async fn administrators_confirm_a_year_and_the_change_is_audited_and_reported() {
    let app = spawn_app().await;
    let c = app.client();
    let before = c
        .get("/api/v1/calendar/deadline?received=2027-01-04%2009:00&working_days=5")
        .await
        .json();

    // Only system administrators may confirm.
    let leader = app.api_client("leader.a").await;
    assert_eq!(
        leader
            .post_form("/admin/calendar/2027", &[("decision", "x")])
            .await
            .status,
        403
    );

    let admin = app.api_client("sysadmin").await;
    let form = admin.get("/admin/calendar/2027").await;
    assert_eq!(form.status, 200);
    let mut days = form
        .text
        .split("<textarea id=\"days_off\" name=\"days_off\" rows=\"16\">")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap()
        .to_owned();
    days = days.replace("&#x2f;", "/").replace("&#x27;", "'");
    // The Prime Minister adds a day off on Friday 8 January 2027 (an invented example).
    days.push_str("\n2027-01-08 Nghỉ bù theo quyết định");
    let bad = admin
        .post_form(
            "/admin/calendar/2027",
            &[
                ("decision", "Thông báo 1/TB-BNV"),
                ("days_off", "2026-05-01 sai năm"),
                ("extra_working", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Ngày không thuộc năm đang xác nhận"));
    let ok = admin
        .post_form(
            "/admin/calendar/2027",
            &[
                ("decision", "Thông báo 123/TB-BNV"),
                ("days_off", &days),
                ("extra_working", ""),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.text);

    let hol = c.get("/api/v1/calendar/holidays?year=2027").await.json();
    assert_eq!(hol["confirmed"], true);
    assert_eq!(hol["decision"], "Thông báo 123/TB-BNV");
    assert!(
        hol["days"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2027-01-08")
    );

    let after = c
        .get("/api/v1/calendar/deadline?received=2027-01-04%2009:00&working_days=5")
        .await
        .json();
    assert_eq!(before["due"], "2027-01-11 17:00");
    assert_eq!(after["due"], "2027-01-12 17:00");
    assert_ne!(
        before["calendar"], after["calendar"],
        "a stored deadline can tell its calendar changed"
    );

    let entries = audit::by_action(&app.store, "calendar.confirm")
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(entries[0].entry.detail.contains("\"changed\":true"));
    assert!(entries[0].entry.detail.contains("123/TB-BNV"));
    assert_eq!(entries[0].entry.actor, "sysadmin");
}

#[tokio::test]
async fn office_hours_are_set_per_unit_and_inherited_below() {
    let app = spawn_app().await;
    let c = app.client();
    let (district, unit_a, unit_b) = (
        app.fixture.district.unwrap().0,
        app.fixture.commune_a.unwrap().0,
        app.fixture.commune_b.unwrap().0,
    );
    let default = c
        .get(&format!("/api/v1/units/{unit_a}/office-hours"))
        .await
        .json();
    assert_eq!(default["source_unit_id"], serde_json::Value::Null);

    // Commune A's administrator opens Saturday mornings and closes at 16:30.
    let admin = app.browser("admin.a").await;
    let page = admin
        .get(&format!("/admin/units/{unit_a}/office-hours"))
        .await;
    assert_eq!(page.status, 200);
    let csrf = page.csrf().unwrap();
    let bad = admin
        .post_form(
            &format!("/admin/units/{unit_a}/office-hours"),
            &[
                ("_csrf", &csrf),
                ("day_mon", "1"),
                ("am_start", "11:30"),
                ("am_end", "07:30"),
                ("cutoff", "15:00"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Giờ làm việc không hợp lệ"));
    let fields = [
        ("_csrf", csrf.as_str()),
        ("day_mon", "1"),
        ("day_tue", "1"),
        ("day_wed", "1"),
        ("day_thu", "1"),
        ("day_fri", "1"),
        ("day_sat", "1"),
        ("am_start", "07:30"),
        ("am_end", "11:30"),
        ("pm_start", "13:00"),
        ("pm_end", "16:30"),
        ("cutoff", "15:00"),
    ];
    assert_eq!(
        admin
            .post_form(&format!("/admin/units/{unit_a}/office-hours"), &fields)
            .await
            .status,
        303
    );
    // Commune A's administrator cannot set commune B's hours, nor the district's.
    assert_eq!(
        admin
            .post_form(&format!("/admin/units/{unit_b}/office-hours"), &fields)
            .await
            .status,
        403
    );
    assert_eq!(
        admin
            .post_form(&format!("/admin/units/{district}/office-hours"), &fields)
            .await
            .status,
        403
    );

    let own = c
        .get(&format!("/api/v1/units/{unit_a}/office-hours"))
        .await
        .json();
    assert_eq!(own["source_unit_id"], unit_a);
    // Received Friday 6 Nov 2026: day 1 is Saturday for commune A, Monday by default.
    let q = "received=2026-11-06%2010:00&working_days=1";
    assert_eq!(
        c.get(&format!("/api/v1/calendar/deadline?{q}&unit={unit_a}"))
            .await
            .json()["due"],
        "2026-11-07 16:30"
    );
    assert_eq!(
        c.get(&format!("/api/v1/calendar/deadline?{q}&unit={unit_b}"))
            .await
            .json()["due"],
        "2026-11-09 17:00"
    );
    assert_eq!(
        c.get(&format!("/api/v1/calendar/deadline?{q}"))
            .await
            .json()["due"],
        "2026-11-09 17:00"
    );
    let entries = audit::by_action(&app.store, "unit.office_hours")
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].entry.unit_id, Some(unit_a));

    // The district sets its hours; commune B inherits them, commune A keeps its own.
    let district_admin = app.api_client("district.admin").await;
    let mut late = fields.to_vec();
    late.retain(|(k, _)| *k != "day_sat" && *k != "_csrf");
    late.iter_mut().for_each(|f| {
        if f.0 == "pm_end" {
            f.1 = "17:30"
        }
    });
    assert_eq!(
        district_admin
            .post_form(&format!("/admin/units/{district}/office-hours"), &late)
            .await
            .status,
        303
    );
    let b = c
        .get(&format!("/api/v1/units/{unit_b}/office-hours"))
        .await
        .json();
    assert_eq!(b["source_unit_id"], district);
    assert_eq!(
        c.get(&format!("/api/v1/calendar/deadline?{q}&unit={unit_b}"))
            .await
            .json()["due"],
        "2026-11-09 17:30"
    );
    assert_eq!(
        c.get(&format!("/api/v1/calendar/deadline?{q}&unit={unit_a}"))
            .await
            .json()["due"],
        "2026-11-07 16:30"
    );
    // Back to inheriting.
    let csrf = admin
        .get(&format!("/admin/units/{unit_a}/office-hours"))
        .await
        .csrf()
        .unwrap();
    assert_eq!(
        admin
            .post_form(
                &format!("/admin/units/{unit_a}/office-hours"),
                &[("_csrf", &csrf), ("inherit", "1")]
            )
            .await
            .status,
        303
    );
    assert_eq!(
        c.get(&format!("/api/v1/units/{unit_a}/office-hours"))
            .await
            .json()["source_unit_id"],
        district
    );
}
