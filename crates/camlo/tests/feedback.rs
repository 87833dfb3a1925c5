//! Feedback and questions through the real server, on SQLite by default and PostgreSQL when
//! `CAMLO_TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_store::audit;
use camlo_testkit::http::{Client, Resp};
use camlo_testkit::{TestApp, spawn_app};
use chrono::Duration;
use serde_json::{Value, json};

/// The first `PAKN-YYMMDD-XXXX` in a text.
fn code_in(text: &str) -> String {
    let i = text.find("PAKN-").expect("no code in page");
    text[i..i + 16].to_owned()
}

fn item(app: &TestApp, unit: i64, consent: bool) -> Value {
    let _ = app;
    json!({
        "kind": "question",
        "unit_id": unit,
        "title": "Lịch tiêm chủng <b>tháng 11</b>",
        "body": "Cho tôi hỏi lịch tiêm chủng mở rộng tháng 11 tại trạm y tế xã?",
        "name": "Nguyễn Thị Hằng",
        "contact": "0912345678",
        "consent": consent,
    })
}

async fn submit_api(app: &TestApp, c: &Client, body: &Value) -> Resp {
    let _ = app;
    c.post_json("/api/v1/feedback", body).await
}

async fn count(app: &TestApp) -> i64 {
    camlo_store::feedback::count(&app.store).await.unwrap()
}

async fn id_of(app: &TestApp, code: &str) -> i64 {
    camlo_store::feedback::by_code(&app.store, code)
        .await
        .unwrap()
        .id
        .0
}

/// An official's action through the item page's form.
async fn act(c: &Client, id: i64, action: &str, fields: &[(&str, &str)]) -> Resp {
    let page = c.get(&format!("/quan-tri/phan-anh/{id}")).await;
    let csrf = page.csrf().unwrap_or_default();
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    c.post_form(&format!("/quan-tri/phan-anh/{id}/thao-tac/{action}"), &all)
        .await
}

/// The public form, filled like a person would (plus any extra fields).
async fn submit_form(c: &Client, unit: i64, contact: &str, extra: &[(&str, &str)]) -> Resp {
    let page = c.get("/phan-anh").await;
    assert_eq!(page.status, 200);
    let csrf = page.csrf().unwrap();
    let unit = unit.to_string();
    let mut fields = vec![
        ("_csrf", csrf.as_str()),
        ("kind", "feedback"),
        ("unit_id", unit.as_str()),
        ("title", "Đèn đường hỏng"),
        // Decomposed diacritics: stored as NFC.
        ("body", "Đe\u{0300}n đường thôn 3 bị hỏng đã hai tuần."),
        ("name", "Lê Văn Tám"),
        ("contact", contact),
        ("website", ""),
    ];
    fields.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
    fields.extend_from_slice(extra);
    c.post_form("/phan-anh", &fields).await
}

#[tokio::test]
async fn feedback_goes_from_submission_to_a_published_answer() {
    let app = spawn_app().await;
    let unit_a = app.fixture.commune_a.unwrap().0;
    let anon = app.client();

    // The form lists the communes and the district valid today.
    let page = anon.get("/phan-anh").await;
    assert!(page.text.contains("Xã Cam Thành") && page.text.contains("Huyện Thử nghiệm"));
    let res = submit_form(&anon, unit_a, "an@example.vn", &[("consent", "1")]).await;
    assert_eq!(res.status, 200, "{}", res.text);
    let code = code_in(&res.text);
    assert_eq!(code, "PAKN-261102-0001");
    let stored = camlo_store::feedback::by_code(&app.store, &code)
        .await
        .unwrap();
    assert_eq!(stored.body, "Đèn đường thôn 3 bị hỏng đã hai tuần.");
    assert_eq!(stored.contact_email.as_deref(), Some("an@example.vn"));
    assert!(stored.consent_at.is_some());

    // Following it shows the status, never the content before publication.
    let follow = anon.get(&format!("/phan-anh/{code}")).await;
    assert_eq!(follow.status, 200);
    assert!(follow.text.contains("Đã tiếp nhận"));
    assert!(!follow.text.contains("Lê Văn Tám"));

    // The commune's specialist finds it in the inbox, takes it up, answers, publishes.
    let specialist = app.browser("specialist.a").await;
    let inbox = specialist.get("/quan-tri/phan-anh").await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.text.contains(&code));
    let id = id_of(&app, &code).await;
    let detail = specialist.get(&format!("/quan-tri/phan-anh/{id}")).await;
    assert!(detail.text.contains("Lê Văn Tám") && detail.text.contains("an@example.vn"));
    // Answering before routing is out of order.
    assert_eq!(
        act(&specialist, id, "answer", &[("text", "Sớm")])
            .await
            .status,
        409
    );
    let unit_a_s = unit_a.to_string();
    let r = act(&specialist, id, "route", &[("unit_id", &unit_a_s)]).await;
    assert_eq!(r.status, 303, "{}", r.text);
    // An empty answer is refused with the field named.
    let r = act(&specialist, id, "answer", &[("text", "  ")]).await;
    assert_eq!(r.status, 422);
    assert!(r.text.contains("Nội dung trả lời"));
    let answer = "Xã đã thay bóng đèn ngày 3/11. <script>alert(1)</script>";
    assert_eq!(
        act(&specialist, id, "answer", &[("text", answer)])
            .await
            .status,
        303
    );
    assert_eq!(act(&specialist, id, "publish", &[]).await.status, 303);

    // Visible on /hoi-dap, escaped; through the API; at /phan-anh/{code}.
    let qa = anon.get("/hoi-dap").await;
    assert_eq!(qa.status, 200);
    assert!(qa.text.contains("Đèn đường hỏng"));
    assert!(qa.text.contains("Xã đã thay bóng đèn"));
    assert!(!qa.text.contains("<script>alert(1)</script>"));
    assert!(qa.text.contains("&lt;script&gt;"));
    assert!(
        !qa.text.contains("Lê Văn Tám"),
        "the asker's name stays private"
    );
    let filtered = anon
        .get(&format!(
            "/hoi-dap?don-vi={}",
            app.fixture.commune_b.unwrap().0
        ))
        .await;
    assert!(!filtered.text.contains("Đèn đường hỏng"));
    let list = anon.get_json("/api/v1/feedback").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["code"], code.as_str());
    assert_eq!(list[0]["answer"], answer);
    assert!(list[0].get("name").is_none() && list[0].get("contact").is_none());
    let one = anon.get_json(&format!("/api/v1/feedback/{code}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["status"], "published");
    let follow = anon.get(&format!("/phan-anh/{code}")).await;
    assert!(follow.text.contains("Xã đã thay bóng đèn"));
    assert!(follow.text.contains("Đã công khai trả lời"));

    // Every step is in the audit chain, and the chain verifies.
    for action in [
        "feedback.submit",
        "feedback.route",
        "feedback.answer",
        "feedback.publish",
    ] {
        let entries = audit::by_action(&app.store, action).await.unwrap();
        assert_eq!(entries.len(), 1, "{action}");
        assert_eq!(entries[0].entry.object, format!("feedback:{code}"));
    }
    assert!(
        audit::verify(&app.store, &[], |_, _| {})
            .await
            .unwrap()
            .is_ok()
    );
}

#[tokio::test]
async fn officials_handle_feedback_through_the_json_api_in_their_units_only() {
    let app = spawn_app().await;
    let unit_a = app.fixture.commune_a.unwrap().0;
    let anon = app.client();
    let res = submit_api(&app, &anon, &item(&app, unit_a, true)).await;
    assert_eq!(res.status, 201, "{}", res.text);
    let code = res.json()["code"].as_str().unwrap().to_owned();
    let id = id_of(&app, &code).await;

    let specialist = app.api_client("specialist.a").await;
    let inbox = specialist.get_json("/api/v1/feedback-inbox").await;
    assert_eq!(inbox.status, 200, "{}", inbox.text);
    let mine = inbox.json();
    let row = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code.as_str())
        .expect("in the commune's inbox")
        .clone();
    assert_eq!(row["status"], "new");
    assert_eq!(row["contact_phone"], "0912345678");
    // Another commune's official sees neither the item nor a way to act on it.
    let other = app.api_client("specialist.b").await;
    let theirs = other.get_json("/api/v1/feedback-inbox").await.json();
    assert!(
        theirs
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["code"] != code.as_str())
    );
    let path = |action: &str| format!("/api/v1/feedback-inbox/{id}/actions/{action}");
    assert_eq!(
        other
            .post_json(&path("route"), &json!({ "unit_id": unit_a }))
            .await
            .status,
        404
    );
    // The same order as on the pages: answering before routing is refused.
    let early = specialist
        .post_json(&path("answer"), &json!({ "text": "Sớm" }))
        .await;
    assert_eq!(early.status, 409, "{}", early.text);
    let routed = specialist
        .post_json(&path("route"), &json!({ "unit_id": unit_a }))
        .await;
    assert_eq!(routed.status, 200, "{}", routed.text);
    assert_eq!(routed.json()["status"], "routed");
    let empty = specialist
        .post_json(&path("answer"), &json!({ "text": "  " }))
        .await;
    assert_eq!(empty.status, 422);
    let answered = specialist
        .post_json(
            &path("answer"),
            &json!({ "text": "Trạm y tế xã tiêm chủng vào ngày 20 hằng tháng." }),
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.text);
    let published = specialist.post_json(&path("publish"), &json!({})).await;
    assert_eq!(published.status, 200, "{}", published.text);
    assert_eq!(published.json()["status"], "published");
    let public = anon
        .get_json(&format!("/api/v1/feedback/{code}"))
        .await
        .json();
    assert_eq!(
        public["answer"],
        "Trạm y tế xã tiêm chủng vào ngày 20 hằng tháng."
    );
    assert_eq!(
        audit::by_action(&app.store, "feedback.publish")
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn without_consent_an_answer_is_never_published() {
    let app = spawn_app().await;
    let res = submit_api(
        &app,
        &app.client(),
        &item(&app, app.fixture.commune_a.unwrap().0, false),
    )
    .await;
    assert_eq!(res.status, 201, "{}", res.text);
    let code = res.json()["code"].as_str().unwrap().to_owned();
    let id = id_of(&app, &code).await;
    let leader = app.browser("leader.a").await;
    assert_eq!(act(&leader, id, "route", &[]).await.status, 303);
    assert_eq!(
        act(&leader, id, "answer", &[("text", "Trả lời riêng cho chị.")])
            .await
            .status,
        303
    );
    // The page offers no publish button, and posting anyway is refused.
    let page = leader.get(&format!("/quan-tri/phan-anh/{id}")).await;
    assert!(!page.text.contains("data-action=\"publish\""));
    let r = act(&leader, id, "publish", &[]).await;
    assert_eq!(r.status, 409);
    assert!(r.text.contains("không đồng ý công khai"));
    assert!(
        !app.client()
            .get("/hoi-dap")
            .await
            .text
            .contains("Lịch tiêm chủng")
    );
    assert_eq!(
        app.client().get_json("/api/v1/feedback").await.json(),
        json!([])
    );
    let f = app
        .client()
        .get_json(&format!("/api/v1/feedback/{code}"))
        .await
        .json();
    assert_eq!(f["status"], "answered");
    assert_eq!(f["answer"], Value::Null);
    // A rejection needs a reason and closes the item.
    assert_eq!(act(&leader, id, "reject", &[]).await.status, 422);
    assert_eq!(
        act(&leader, id, "reject", &[("text", "Trùng nội dung")])
            .await
            .status,
        303
    );
}

#[tokio::test]
async fn a_filled_honeypot_is_thanked_but_nothing_is_stored() {
    let app = spawn_app().await;
    let unit = app.fixture.commune_a.unwrap().0;
    let res = submit_form(
        &app.client(),
        unit,
        "",
        &[("website", "http://spam.example")],
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert!(res.text.contains("Đã gửi thành công"));
    let _ = code_in(&res.text);
    let mut bot = item(&app, unit, true);
    bot["website"] = json!("http://spam.example");
    let res = submit_api(&app, &app.client(), &bot).await;
    assert_eq!(res.status, 201);
    assert!(res.json()["code"].as_str().unwrap().starts_with("PAKN-"));
    assert_eq!(count(&app).await, 0);
    assert!(
        audit::by_action(&app.store, "feedback.submit")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn submissions_are_rate_limited_per_client_address() {
    let app = spawn_app().await;
    let unit = app.fixture.commune_a.unwrap().0;
    let c = app.client();
    for _ in 0..5 {
        assert_eq!(
            submit_api(&app, &c, &item(&app, unit, true)).await.status,
            201
        );
    }
    let res = submit_api(&app, &c, &item(&app, unit, true)).await;
    assert_eq!(res.status, 429);
    assert_eq!(res.json()["code"], "FBK-0012");
    // The form says so in Vietnamese.
    let page = submit_form(&app.client(), unit, "", &[]).await;
    assert_eq!(page.status, 429);
    assert!(page.text.contains("quá nhiều phản ánh"), "{}", page.text);
    assert_eq!(count(&app).await, 5);
    // Ten minutes later the address may send again.
    app.clock.advance(Duration::minutes(11));
    assert_eq!(
        submit_api(&app, &c, &item(&app, unit, true)).await.status,
        201
    );
    assert_eq!(count(&app).await, 6);
}

#[tokio::test]
async fn bad_input_gets_422_with_an_error_summary_and_stores_nothing() {
    let app = spawn_app().await;
    let unit = app.fixture.commune_a.unwrap().0;
    let res = submit_form(&app.client(), unit, "12345", &[]).await;
    assert_eq!(res.status, 422);
    assert!(res.text.contains("error-summary"));
    assert!(res.text.contains("href=\"#contact\""));
    assert!(
        res.text.contains("Đèn đường hỏng"),
        "the form keeps what was typed"
    );
    let mut bad = item(&app, unit, true);
    bad["contact"] = json!("not-an-address@");
    let res = submit_api(&app, &app.client(), &bad).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["field"], "contact");
    // A unit that does not receive feedback (a one-stop office) and an empty title.
    let mut bad = item(&app, app.fixture.office_a.unwrap().0, true);
    assert_eq!(
        submit_api(&app, &app.client(), &bad).await.json()["code"],
        "FBK-0008"
    );
    bad["unit_id"] = json!(unit);
    bad["title"] = json!("   ");
    assert_eq!(
        submit_api(&app, &app.client(), &bad).await.json()["code"],
        "FBK-0003"
    );
    assert_eq!(count(&app).await, 0);
    // Unknown codes are 404, malformed or not.
    assert_eq!(
        app.client().get("/phan-anh/PAKN-261102-0042").await.status,
        404
    );
    assert_eq!(
        app.client()
            .get_json("/api/v1/feedback/nonsense")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn another_communes_official_can_neither_see_nor_act() {
    let app = spawn_app().await;
    let (unit_a, unit_b) = (
        app.fixture.commune_a.unwrap().0,
        app.fixture.commune_b.unwrap().0,
    );
    let code = submit_api(&app, &app.client(), &item(&app, unit_a, true))
        .await
        .json()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = id_of(&app, &code).await;
    let other = app.browser("specialist.b").await;
    assert!(!other.get("/quan-tri/phan-anh").await.text.contains(&code));
    assert_eq!(
        other.get(&format!("/quan-tri/phan-anh/{id}")).await.status,
        404
    );
    let csrf = other.get("/quan-tri/phan-anh").await.csrf().unwrap();
    let r = other
        .post_form(
            &format!("/quan-tri/phan-anh/{id}/thao-tac/reject"),
            &[("_csrf", &csrf), ("text", "x")],
        )
        .await;
    assert_eq!(r.status, 404, "hidden like a missing item");
    // Citizens and one-stop officers have no feedback inbox.
    assert_eq!(
        app.browser("citizen")
            .await
            .get("/quan-tri/phan-anh")
            .await
            .status,
        403
    );
    assert_eq!(
        app.browser("officer.a")
            .await
            .get("/quan-tri/phan-anh")
            .await
            .status,
        403
    );
    // Commune A routes it to commune B: B's specialist now handles it, A's does not.
    let leader = app.browser("leader.a").await;
    let r = act(&leader, id, "route", &[("unit_id", &unit_b.to_string())]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), Some("/quan-tri/phan-anh?m=saved"));
    assert_eq!(
        leader.get(&format!("/quan-tri/phan-anh/{id}")).await.status,
        404
    );
    assert!(other.get("/quan-tri/phan-anh").await.text.contains(&code));
    assert_eq!(
        act(&other, id, "answer", &[("text", "Xã Cam Tuyền trả lời.")])
            .await
            .status,
        303
    );
    // The district's administrator covers both communes.
    let district = app.browser("district.admin").await;
    assert_eq!(
        district
            .get(&format!("/quan-tri/phan-anh/{id}"))
            .await
            .status,
        200
    );
    let f = camlo_store::feedback::by_code(&app.store, &code)
        .await
        .unwrap();
    assert_eq!((f.unit_id.0, f.submitted_unit_id.0), (unit_b, unit_a));
    let events = camlo_store::feedback::events(&app.store, f.id)
        .await
        .unwrap();
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["submit", "route", "answer"]
    );
}

#[tokio::test]
async fn the_demo_has_published_answers_and_open_items() {
    let app = camlo_testkit::spawn_app_with(camlo_testkit::AppOptions {
        seed: camlo_testkit::Seed::Demo,
        ..camlo_testkit::AppOptions::default()
    })
    .await;
    let list = app.client().get_json("/api/v1/feedback").await.json();
    assert!(list.as_array().unwrap().len() >= 3, "{list}");
    let leader = app.client();
    let password = &app
        .demo_accounts
        .iter()
        .find(|a| a.username == "lanhdao.xacamlo")
        .unwrap()
        .password;
    app.api_login(&leader, "lanhdao.xacamlo", password).await;
    let inbox = leader.get("/quan-tri/phan-anh").await;
    assert_eq!(inbox.status, 200);
    assert!(
        inbox.text.contains("Đang xử lý") || inbox.text.contains("Đã tiếp nhận"),
        "{}",
        inbox.text
    );
}
