//! Leadership and legal documents on the portal, on SQLite by default and PostgreSQL when
//! `CAMLO_TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_testkit::http::Client;
use camlo_testkit::{TestApp, spawn_app};
use serde_json::{Value, json};

async fn post(c: &Client, body: Value) -> camlo_testkit::http::Resp {
    c.send(
        "POST",
        "/api/v1/documents",
        Some("application/json"),
        body.to_string().into_bytes(),
        &[("accept-language", "vi")],
    )
    .await
}

fn doc(app: &TestApp, number: &str, issued: &str) -> Value {
    json!({
        "unit_id": app.fixture.commune_a.unwrap().0.to_string(),
        "number_symbol": number,
        "issuer": "UBND xã Thử nghiệm A",
        "signer": "Nguyễn Văn Chủ",
        "issued_on": issued,
        "summary": "Kế hoạch cải cách hành chính năm 2026",
        "publish": "publish",
    })
}

#[tokio::test]
async fn numbers_are_checked_in_both_formats_with_clear_messages() {
    let app = spawn_app().await;
    let editor = app.api_client("admin.a").await;
    // (input, issued, expected code, words of the Vietnamese message)
    let bad = [
        ("5/QĐ-UBND", "02/11/2026", "DOC-0005", "01 đến 09"),
        ("15 / QĐ-UBND", "02/11/2026", "DOC-0003", "dấu cách"),
        ("15-QĐ-UBND", "02/11/2026", "DOC-0002", "Thiếu dấu"),
        ("15/QD-UBND", "02/11/2026", "DOC-0007", "\"QD\""),
        ("12/2025/QĐ-UBND", "02/11/2026", "DOC-0016", "năm ban hành"),
        ("15/qđ-ubnd", "02/11/2026", "DOC-0009", "chữ in hoa"),
        ("26CV/HU", "02/11/2026", "DOC-0004", "chữ số"),
        ("", "02/11/2026", "DOC-0001", "Chưa nhập"),
    ];
    for (number, issued, code, words) in bad {
        let res = post(&editor, doc(&app, number, issued)).await;
        assert_eq!(res.status, 422, "{number}: {}", res.text);
        let body = res.json();
        assert_eq!(body["code"], code, "{number}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(words), "{number}: {message}");
        assert!(body["request_id"].as_str().is_some());
    }
    // Nothing was stored.
    let list = app.client().get("/api/v1/documents").await.json();
    assert_eq!(list.as_array().unwrap().len(), 0);

    // Valid ones in both formats, stored in canonical form.
    let good = [
        ("15/QĐ-UBND", "15/QĐ-UBND", "Quyết định", "state"),
        (
            "Số: 07/2026/QĐ-UBND",
            "07/2026/QĐ-UBND",
            "Quyết định",
            "state",
        ),
        ("26/UBND-VP", "26/UBND-VP", "Công văn", "state"),
        ("26-CV/HU", "26-CV/HU", "Công văn", "party"),
        ("Số 15-KH/HU", "15-KH/HU", "Kế hoạch", "party"),
    ];
    for (number, canonical, ty, family) in good {
        let res = post(&editor, doc(&app, number, "02/11/2026")).await;
        assert_eq!(res.status, 201, "{number}: {}", res.text);
        let d = res.json();
        assert_eq!(d["number_symbol"], canonical);
        assert_eq!(d["doc_type"], ty);
        assert_eq!(d["family"], family);
        assert_eq!(d["issued_on_local"], "02/11/2026");
    }
    // The same number of the same body on the same day is refused.
    let res = post(&editor, doc(&app, "15/QĐ-UBND", "02/11/2026")).await;
    assert_eq!(res.status, 409);
    assert_eq!(res.json()["code"], "DOC-0020");

    // The page shows the message at the field, keeps the input and stores nothing.
    let b = app.browser("admin.a").await;
    let form = b.get("/quan-tri/van-ban").await;
    assert_eq!(form.status, 200);
    let unit = app.fixture.commune_a.unwrap().0.to_string();
    let res = b
        .post_form(
            "/quan-tri/van-ban",
            &[
                ("_csrf", &form.csrf().unwrap()),
                ("unit_id", &unit),
                ("number_symbol", "5/QĐ-UBND"),
                ("issuer", "UBND xã Thử nghiệm A"),
                ("issued_on", "02/11/2026"),
                ("summary", "Thử"),
                ("publish", "publish"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let text = res.page_text();
    assert!(text.contains("Số nhỏ hơn 10 phải ghi thêm số 0"), "{text}");
    assert!(res.page_text().contains("value=\"5/QĐ-UBND\""));
}

#[tokio::test]
async fn a_document_is_published_with_its_pdf_filtered_and_linked_to_the_one_it_replaces() {
    let app = spawn_app().await;
    let editor = app.api_client("admin.a").await;
    let old = post(&editor, doc(&app, "12/2025/QĐ-UBND", "10/03/2025"))
        .await
        .json();
    let mut newer = doc(&app, "07/2026/QĐ-UBND", "02/11/2026");
    newer["replaces_id"] = json!(old["id"].to_string());
    newer["summary"] = json!("Quy chế một cửa điện tử của xã");
    let newer = post(&editor, newer).await.json();
    let mut draft = doc(&app, "08/QĐ-UBND", "02/11/2026");
    draft["publish"] = json!("draft");
    let draft = post(&editor, draft).await.json();

    // A PDF attached through the editor's page; other types refused by content.
    let b = app.browser("admin.a").await;
    let id = newer["id"].as_i64().unwrap();
    let page = b.get(&format!("/quan-tri/van-ban/{id}")).await;
    assert_eq!(page.status, 200);
    let csrf = page.csrf().unwrap();
    let upload = |content: &[u8]| {
        let boundary = "camloDOCBOUNDARY";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Quyết định 07.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    };
    let (ct, body) = upload(&camlo_testkit::files::pdf("quyet dinh 07"));
    let res = b
        .send(
            "POST",
            &format!("/quan-tri/van-ban/{id}/tep"),
            Some(&ct),
            body,
            &[],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let (ct, body) = upload(b"MZ not a pdf");
    let res = b
        .send(
            "POST",
            &format!("/quan-tri/van-ban/{id}/tep"),
            Some(&ct),
            body,
            &[("accept", "text/html")],
        )
        .await;
    assert_eq!(res.status, 422);

    // The public sees the published ones, filters them, and follows the links both ways.
    let anon = app.client();
    let list = anon.get("/api/v1/documents").await.json();
    assert_eq!(list.as_array().unwrap().len(), 2, "the draft is not public");
    // Commune A's own documents, linked from its site.
    let slug_of = |unit: Value| unit["slug"].as_str().unwrap().to_owned();
    let slug_a = slug_of(
        anon.get(&format!(
            "/api/v1/units/{}",
            app.fixture.commune_a.unwrap().0
        ))
        .await
        .json(),
    );
    let slug_b = slug_of(
        anon.get(&format!(
            "/api/v1/units/{}",
            app.fixture.commune_b.unwrap().0
        ))
        .await
        .json(),
    );
    let own = anon
        .get(&format!("/api/v1/documents?don_vi={slug_a}"))
        .await
        .json();
    assert_eq!(own.as_array().unwrap().len(), 2, "{own}");
    let other = anon
        .get(&format!("/api/v1/documents?don_vi={slug_b}"))
        .await
        .json();
    assert_eq!(other.as_array().unwrap().len(), 0);
    let site = anon.get(&format!("/xa/{slug_a}")).await;
    assert_eq!(site.status, 200);
    assert!(
        site.page_text()
            .contains(&format!("/van-ban?don_vi={slug_a}")),
        "{}",
        site.page_text()
    );
    // The unit's list keeps the unit when the visitor filters further or turns the page.
    let unit_list = anon.get(&format!("/van-ban?don_vi={slug_a}")).await;
    assert_eq!(unit_list.status, 200);
    assert!(
        unit_list
            .text
            .contains(&format!("name=\"don_vi\" value=\"{slug_a}\"")),
        "{}",
        unit_list.text
    );
    let sitemap = anon.get("/sitemap.xml").await.text;
    assert!(sitemap.contains(&format!("/van-ban/{id}<")), "{sitemap}");
    assert!(!sitemap.contains(&format!("/van-ban/{}<", draft["id"])));
    let y2026 = anon.get("/api/v1/documents?nam=2026").await.json();
    assert_eq!(y2026.as_array().unwrap().len(), 1);
    let by_words = anon
        .get("/api/v1/documents?q=quy%20che%20mot%20cua")
        .await
        .json();
    assert_eq!(by_words[0]["number_symbol"], "07/2026/QĐ-UBND");
    let by_type = anon
        .get("/van-ban?loai=Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh")
        .await;
    assert!(by_type.page_text().contains("07/2026/QĐ-UBND"));
    let shown = anon.get(&format!("/van-ban/{id}")).await;
    assert_eq!(shown.status, 200);
    let text = shown.page_text();
    assert!(text.contains("Thay thế văn bản"), "{text}");
    assert!(text.contains("12/2025/QĐ-UBND"));
    let old_page = anon
        .get(&format!("/van-ban/{}", old["id"]))
        .await
        .page_text();
    assert!(old_page.contains("Được thay thế bởi"), "{old_page}");
    assert!(old_page.contains("07/2026/QĐ-UBND"));
    assert_eq!(
        anon.get(&format!("/van-ban/{}", draft["id"])).await.status,
        404
    );
    // The PDF downloads as an attachment, never inline.
    let file_link = shown
        .text
        .split(&format!("/van-ban/{id}/tep/"))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let pdf = anon.get(&format!("/van-ban/{id}/tep/{file_link}")).await;
    assert_eq!(pdf.status, 200);
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert!(
        pdf.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );

    // Published documents are searchable (without diacritics), drafts are not; a withdrawn
    // document leaves the index.
    let hits = anon
        .get("/api/v1/search?q=quy%20che%20mot%20cua%20dien%20tu&kind=document")
        .await
        .json();
    assert_eq!(hits["hits"][0]["url"], format!("/van-ban/{id}"), "{hits}");
    assert_eq!(hits["hits"][0]["kind"], "document");
    let drafts = anon
        .get("/api/v1/search?q=08%2FQ%C4%90-UBND&kind=document")
        .await
        .json();
    assert!(
        drafts["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["url"] != format!("/van-ban/{}", draft["id"])),
        "{drafts}"
    );
    let manage = b.get(&format!("/quan-tri/van-ban/{id}")).await;
    let res = b
        .post_form(
            &format!("/quan-tri/van-ban/{id}/trang-thai"),
            &[("_csrf", &manage.csrf().unwrap()), ("action", "withdraw")],
        )
        .await;
    assert_eq!(res.status, 303);
    let gone = anon
        .get("/api/v1/search?q=quy%20che%20mot%20cua%20dien%20tu&kind=document")
        .await
        .json();
    assert_eq!(gone["total"], 0, "{gone}");
    assert_eq!(anon.get(&format!("/van-ban/{id}")).await.status, 404);
    // Withdrawn is final (the documents' workflow table): publishing it again is refused with a
    // message, and it stays withdrawn.
    for action in ["publish", "comment"] {
        let manage = b.get(&format!("/quan-tri/van-ban/{id}")).await;
        let res = b
            .post_form(
                &format!("/quan-tri/van-ban/{id}/trang-thai"),
                &[("_csrf", &manage.csrf().unwrap()), ("action", action)],
            )
            .await;
        assert_eq!(res.status, 409, "{action}: {}", res.text);
        assert!(res.text.contains("DOC-0027"), "{}", res.text);
        assert!(
            res.text.contains("văn bản đã thu hồi không được đăng lại"),
            "{}",
            res.text
        );
    }
    assert_eq!(anon.get(&format!("/van-ban/{id}")).await.status, 404);

    // Another commune's administrator can neither manage it nor publish for commune A.
    let other = app.browser("admin.b").await;
    assert_eq!(
        other.get(&format!("/quan-tri/van-ban/{id}")).await.status,
        404
    );
    let other_api = app.api_client("admin.b").await;
    let res = post(&other_api, doc(&app, "09/QĐ-UBND", "02/11/2026")).await;
    assert_eq!(res.status, 422);
    assert_eq!(res.json()["code"], "UNIT-0006");
    // A citizen cannot reach the editors' pages at all.
    let citizen = app.browser("citizen").await;
    assert_eq!(citizen.get("/quan-tri/van-ban").await.status, 403);
    // Every change is audited.
    assert!(
        camlo_store::audit::by_action(&app.store, "document.create")
            .await
            .unwrap()
            .len()
            >= 3
    );
}

#[tokio::test]
async fn a_draft_open_for_comment_takes_moderated_comments() {
    let app = spawn_app().await;
    let editor = app.api_client("admin.a").await;
    let mut d = doc(&app, "03/TB-UBND", "02/11/2026");
    d["publish"] = json!("comment");
    d["comment_days"] = json!("10");
    let d = post(&editor, d).await.json();
    assert_eq!(d["state"], "consultation");
    let id = d["id"].as_i64().unwrap();

    let visitor = app.client();
    let page = visitor.get(&format!("/van-ban/{id}")).await;
    assert!(page.page_text().contains("đang lấy ý kiến"));
    let csrf = page.csrf().unwrap();
    let send = |name: &'static str, body: &'static str, website: &'static str| {
        let csrf = csrf.clone();
        let visitor = &visitor;
        async move {
            visitor
                .post_form(
                    &format!("/van-ban/{id}/gop-y"),
                    &[
                        ("_csrf", &csrf),
                        ("name", name),
                        ("body", body),
                        ("website", website),
                    ],
                )
                .await
        }
    };
    // A robot fills the hidden field: thanked, nothing kept.
    assert_eq!(send("Bot", "spam", "http://spam.example").await.status, 303);
    // An empty comment is refused with a message.
    let res = send("Lê Văn Tám", "", "").await;
    assert_eq!(res.status, 422);
    assert!(res.page_text().contains("nội dung góp ý"));
    // A real comment waits for moderation.
    assert_eq!(
        send("Lê Văn Tám", "Đề nghị bổ sung quy định về trang phục.", "")
            .await
            .status,
        303
    );
    let shown = visitor.get(&format!("/van-ban/{id}")).await.page_text();
    assert!(!shown.contains("trang phục"), "not before moderation");
    let pending = camlo_store::legal::comments(&app.store, id, true)
        .await
        .unwrap();
    assert_eq!(pending.len(), 1, "the robot's comment was not kept");
    // The editor approves it; now it shows.
    let b = app.browser("admin.a").await;
    let manage = b.get(&format!("/quan-tri/van-ban/{id}")).await;
    let res = b
        .post_form(
            &format!("/quan-tri/van-ban/{id}/gop-y/{}", pending[0].id),
            &[("_csrf", &manage.csrf().unwrap()), ("action", "approve")],
        )
        .await;
    assert_eq!(res.status, 303);
    let shown = visitor.get(&format!("/van-ban/{id}")).await.page_text();
    assert!(shown.contains("trang phục"), "{shown}");
    // Rate limit: at most 5 comments per address in 10 minutes.
    let mut last = 0;
    for _ in 0..6 {
        last = send("Lê Văn Tám", "Thêm ý kiến", "").await.status;
    }
    assert_eq!(last, 429);
    // After the period, comments are closed.
    app.clock.advance(chrono::Duration::days(11));
    let closed = send("Lê Văn Tám", "Muộn", "").await;
    assert_eq!(closed.status, 409);
}
