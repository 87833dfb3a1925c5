//! One-stop journeys through the real server, on SQLite by default and PostgreSQL when
//! `CAMLO_TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_testkit::http::Client;
use camlo_testkit::{TestApp, spawn_app};
use chrono::Duration;
use serde_json::{Value, json};

async fn file(app: &TestApp, citizen: &Client, key: &str) -> Value {
    let body = json!({
        "procedure_code": "1.004873",
        "receiving_unit_id": app.fixture.office_a.unwrap().0,
        "applicant": { "name": "Nguyễn Thị Hằng", "address": "Thôn 3, xã Cam Thành", "phone": "0912345678", "cccd": "045185001234" }
    });
    let res = citizen
        .send(
            "POST",
            "/api/v1/dossiers",
            Some("application/json"),
            body.to_string().into_bytes(),
            &[("idempotency-key", key)],
        )
        .await;
    assert!(res.status == 201 || res.status == 200, "{}", res.text);
    res.json()
}

async fn act(c: &Client, code: &str, action: &str, note: Option<&str>) -> (u16, Value) {
    let body = note
        .map(|n| json!({ "note": n }).to_string())
        .unwrap_or_default();
    let res = c
        .send(
            "POST",
            &format!("/api/v1/dossiers/{code}/actions/{action}"),
            Some("application/json"),
            body.into_bytes(),
            &[],
        )
        .await;
    let status = res.status;
    (
        status,
        serde_json::from_str(&res.text).unwrap_or(Value::Null),
    )
}

/// The text of a PDF, whitespace squashed.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    pdf_extract::extract_text_from_mem(bytes)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn multipart(fields: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "camloBOUNDARY7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, filename, content) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        if filename.is_empty() {
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            );
        } else {
            body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_whole_journey_from_filing_to_lookup() {
    let app = spawn_app().await;
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let specialist = app.api_client("specialist.a").await;

    // Filed online: a code at once, no due date yet.
    let d = file(&app, &citizen, "k-1").await;
    let code = d["code"].as_str().unwrap().to_owned();
    assert_eq!(code, "001.21.08.H50-261102-0001");
    assert_eq!(d["status"], "submitted");
    assert_eq!(d["due_at"], Value::Null);
    // A retry with the same Idempotency-Key returns the original.
    let again = file(&app, &citizen, "k-1").await;
    assert_eq!(again["id"], d["id"]);
    assert_eq!(again["code"], d["code"]);

    // Attach a scan (judged by content, not by name).
    let id = d["id"].as_i64().unwrap();
    let (ct, body) = multipart(&[
        ("document_index", "", b"0"),
        ("file", "to-khai.pdf", &camlo_testkit::files::pdf("to khai")),
    ]);
    let up = citizen
        .send(
            "POST",
            &format!("/ho-so/{id}/tai-lieu"),
            Some(&ct),
            body,
            &[],
        )
        .await;
    assert_eq!(up.status, 303, "{}", up.text);
    let (ct, body) = multipart(&[("file", "virus.pdf", b"MZ\x90\x00 not a pdf")]);
    let bad = citizen
        .send(
            "POST",
            &format!("/ho-so/{id}/tai-lieu"),
            Some(&ct),
            body,
            &[("accept", "text/html")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Chỉ nhận tệp PDF"));
    // Judged whole: a PDF/HTML polyglot, a PDF that runs script on opening, a PDF that does not
    // parse and an SVG are refused with their own codes; an .exe name holding a real PDF is
    // kept under a .pdf name.
    let polyglot = {
        let mut p = camlo_testkit::files::pdf("hoa don");
        p.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>");
        p
    };
    let scripted = camlo_testkit::files::pdf_with(
        "hoa don",
        "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
    );
    let embedded = camlo_testkit::files::pdf_with(
        "hoa don",
        "/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >> >>",
    );
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    for (file, message) in [
        (polyglot, "nội dung chủ động"),
        (scripted, "nội dung chủ động"),
        (embedded, "nội dung chủ động"),
        (b"%PDF-1.4 to khai".to_vec(), "bị hỏng"),
        (svg, "Chỉ nhận tệp PDF"),
    ] {
        let (ct, body) = multipart(&[("file", "to-khai.pdf", &file)]);
        let res = citizen
            .send(
                "POST",
                &format!("/ho-so/{id}/tai-lieu"),
                Some(&ct),
                body,
                &[("accept", "text/html")],
            )
            .await;
        assert_eq!(res.status, 422, "{message}: {}", res.text);
        assert!(res.text.contains(message), "{message}: {}", res.text);
    }
    let (ct, body) = multipart(&[("file", "hoa-don.exe", &camlo_testkit::files::pdf("hoa don"))]);
    let up = citizen
        .send(
            "POST",
            &format!("/ho-so/{id}/tai-lieu"),
            Some(&ct),
            body,
            &[],
        )
        .await;
    assert_eq!(up.status, 303, "{}", up.text);
    let names: Vec<String> = citizen
        .get_json(&format!("/api/v1/dossiers/{}", d["code"].as_str().unwrap()))
        .await
        .json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&"hoa-don.pdf".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(".exe")), "{names:?}");

    // The citizen cannot receive their own dossier; another commune's officer cannot see it.
    assert_eq!(act(&citizen, &code, "accept", None).await.0, 403);
    let officer_b = app.api_client("officer.b").await;
    assert_eq!(
        officer_b
            .get_json(&format!("/api/v1/dossiers/{code}"))
            .await
            .status,
        404
    );

    // Received Monday 2 Nov 2026 09:00: 3 working days → Thursday 5 Nov, 17:00 (10:00 UTC).
    let (s, r) = act(&officer, &code, "accept", None).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["status"], "received");
    assert_eq!(r["due_at"], "2026-11-05T10:00:00+00:00");
    assert_eq!(r["due_at_local"], "05/11/2026 17:00");
    assert_eq!(r["received_at_local"], "02/11/2026 09:00");
    let secret = r["lookup_secret"].as_str().unwrap().to_owned();
    assert_eq!(act(&officer, &code, "forward", None).await.0, 200);
    assert_eq!(act(&specialist, &code, "assign", None).await.0, 200);
    // A supplement needs a reason, and comes within 3 working days of reception.
    assert_eq!(
        act(&specialist, &code, "request_supplement", None).await.0,
        422
    );
    let (s, r) = act(
        &specialist,
        &code,
        "request_supplement",
        Some("Bổ sung giấy xác nhận cư trú"),
    )
    .await;
    assert_eq!(
        (s, r["status"].as_str()),
        (200, Some("supplement_requested"))
    );
    // The request for the missing documents is printable (Mẫu 02) by the citizen too.
    let form = citizen
        .get(&format!("/api/v1/dossiers/{code}/supplement-request.pdf"))
        .await;
    assert_eq!(form.status, 200);
    let text = pdf_text(&form.bytes);
    assert!(text.contains("Bổ sung giấy xác nhận cư trú"), "{text}");
    assert!(text.contains(&code), "{text}");
    // Two days later the complete dossier is back: the clock restarts from zero.
    app.clock.advance(Duration::days(2));
    // (Sessions ended meanwhile; everyone signs in again.)
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let specialist = app.api_client("specialist.a").await;
    let leader = app.api_client("leader.a").await;
    let (s, r) = act(&citizen, &code, "resubmit_complete", None).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        r["due_at"], "2026-11-09T10:00:00+00:00",
        "Wed 4 Nov 09:00 + 3 WD = Mon 9 Nov 17:00"
    );
    assert_eq!(
        act(
            &specialist,
            &code,
            "propose",
            Some("Đủ điều kiện cấp giấy xác nhận")
        )
        .await
        .0,
        200
    );
    assert_eq!(
        act(&specialist, &code, "approve", None).await.0,
        403,
        "specialists do not approve"
    );
    let (s, r) = act(&leader, &code, "approve", None).await;
    assert_eq!((s, r["status"].as_str()), (200, Some("resolved")));
    // An illegal transition gets 409.
    let (s, r) = act(&leader, &code, "approve", None).await;
    assert_eq!((s, r["code"].as_str()), (409, Some("DOS-0001")));
    assert_eq!(act(&officer, &code, "return_result", None).await.0, 200);

    // Lookup: status for anyone; history with the secret or as the owner.
    let anon = app.client();
    let l = anon.get(&format!("/api/v1/lookup/{code}")).await.json();
    assert_eq!(l["status"], "result_returned");
    assert_eq!(l["history"], Value::Null);
    let l = anon
        .get(&format!("/api/v1/lookup/{code}?secret={secret}"))
        .await
        .json();
    assert!(l["history"].as_array().unwrap().len() >= 9);
    let wrong = anon
        .get(&format!("/api/v1/lookup/{code}?secret=WRONG123"))
        .await;
    let missing = anon.get("/api/v1/lookup/001.21.08.H50-261102-0999").await;
    assert_eq!((wrong.status, missing.status), (404, 404));
    assert_eq!(wrong.json()["message"], missing.json()["message"]);
    let mine = citizen
        .get_json(&format!("/api/v1/dossiers/{code}"))
        .await
        .json();
    assert_eq!(
        mine["files"].as_array().unwrap().len(),
        2,
        "the scan and the PDF sent under an .exe name"
    );

    // The receipt is a real PDF.
    let pdf = citizen
        .get(&format!("/api/v1/dossiers/{code}/receipt.pdf"))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.text.starts_with("%PDF"));

    // Every step is in the audit chain, which is intact.
    assert!(
        camlo_store::audit::verify(&app.store, &[], |_, _| {})
            .await
            .unwrap()
            .is_ok()
    );
    assert_eq!(
        camlo_store::audit::by_action(&app.store, "dossier.approve")
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_supplement_after_three_working_days_is_refused() {
    let app = spawn_app().await;
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let specialist = app.api_client("specialist.a").await;
    let code = file(&app, &citizen, "k-2").await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    for (c, a) in [
        (&officer, "accept"),
        (&officer, "forward"),
        (&specialist, "assign"),
    ] {
        assert_eq!(act(c, &code, a, None).await.0, 200);
    }
    // Monday reception; the following Monday is past the third working day.
    app.clock.advance(Duration::days(7));
    let specialist = app.api_client("specialist.a").await;
    let (s, r) = act(
        &specialist,
        &code,
        "request_supplement",
        Some("Thiếu giấy tờ"),
    )
    .await;
    assert_eq!((s, r["code"].as_str()), (409, Some("DOS-0004")));
}

#[tokio::test]
async fn twenty_concurrent_approvals_give_exactly_one_success() {
    let app = spawn_app().await;
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let specialist = app.api_client("specialist.a").await;
    let code = file(&app, &citizen, "k-3").await["code"]
        .as_str()
        .unwrap()
        .to_owned();
    for (c, a, n) in [
        (&officer, "accept", None),
        (&officer, "forward", None),
        (&specialist, "assign", None),
        (&specialist, "propose", Some("Đề nghị phê duyệt")),
    ] {
        assert_eq!(act(c, &code, a, n).await.0, 200);
    }
    let token = app
        .api_login(&app.client(), "leader.a", camlo_testkit::app::PASSWORD)
        .await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (url, code, token) = (app.url.clone(), code.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&url);
            c.set_bearer(Some(token));
            act(&c, &code, "approve", None).await.0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(
        camlo_store::audit::by_action(&app.store, "dossier.approve")
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn codes_are_unique_under_concurrent_filings() {
    let app = spawn_app().await;
    let token = app
        .api_login(&app.client(), "citizen", camlo_testkit::app::PASSWORD)
        .await;
    let office = app.fixture.office_a.unwrap().0;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (url, token) = (app.url.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&url);
            c.set_bearer(Some(token));
            let body = json!({ "procedure_code": "1.001193", "receiving_unit_id": office, "applicant": { "name": "Lê Văn Tám", "address": "Thôn 1" } });
            let res = c.send("POST", "/api/v1/dossiers", Some("application/json"), body.to_string().into_bytes(), &[("idempotency-key", &format!("c-{i}"))]).await;
            assert_eq!(res.status, 201, "{}", res.text);
            res.json()["code"].as_str().unwrap().to_owned()
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 12);
    assert!(codes.iter().all(|c| c.starts_with("001.21.08.H50-261102-")));
}

#[tokio::test]
async fn the_catalogue_is_searchable_without_diacritics() {
    let app = spawn_app().await;
    let c = app.client();
    let hits = c.get("/api/v1/procedures?q=khai%20sinh").await.json();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "1.001193")
    );
    let exact = c
        .get(&format!(
            "/api/v1/procedures?q={}",
            camlo_testkit::http::enc("khai sinh")
        ))
        .await
        .json();
    assert_eq!(hits, exact);
    let commune = c.get("/api/v1/procedures?level=district").await.json();
    assert!(
        commune
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["levels"].as_array().unwrap().contains(&json!("district")))
    );
    assert!(
        c.get("/api/v1/procedures")
            .await
            .json()
            .as_array()
            .unwrap()
            .len()
            >= 20
    );
    let page = c.get("/thu-tuc?q=chung%20thuc").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Chứng thực"));
    let detail = c.get("/thu-tuc/1.001193").await;
    assert!(detail.text.contains("Nộp hồ sơ trực tuyến"));
    assert_eq!(c.get("/thu-tuc/9.999999").await.status, 404);
}

#[tokio::test]
async fn counter_intake_issues_a_code_and_due_date_at_once() {
    let app = spawn_app().await;
    let officer = app.browser("officer.a").await;
    let page = officer.get("/mot-cua/tiep-nhan").await;
    assert_eq!(page.status, 200);
    let office = app.fixture.office_a.unwrap().0.to_string();
    let res = officer
        .post_form(
            "/mot-cua/tiep-nhan",
            &[
                ("_csrf", &page.csrf().unwrap()),
                ("procedure_code", "2.000815"),
                ("receiving_unit_id", &office),
                ("name", "Trần Văn Bảy"),
                ("address", "Khu phố 2"),
                ("phone", ""),
                ("cccd", ""),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let detail = officer.get(res.location().unwrap()).await;
    let text = detail.page_text();
    assert!(text.contains("Đã tiếp nhận"), "{text}");
    assert!(text.contains("001.21.08.H50-261102-0001"));
    assert!(
        text.contains("02/11/2026 17:00"),
        "same-day procedure received at 09:00 is due at 17:00"
    );
    let inbox = officer.get("/mot-cua").await;
    assert!(inbox.text.contains("001.21.08.H50-261102-0001"));
    let receipt = officer
        .get(&format!(
            "{}/giay-hen.pdf",
            res.location().unwrap().split('?').next().unwrap()
        ))
        .await;
    assert!(receipt.text.starts_with("%PDF"));
}

#[tokio::test]
async fn a_refusal_prints_mau_03_with_the_reasons() {
    let app = spawn_app().await;
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let d = file(&app, &citizen, "k-refuse").await;
    let code = d["code"].as_str().unwrap().to_owned();
    // Nothing refused yet: no form to print.
    let none = officer
        .get(&format!("/api/v1/dossiers/{code}/refusal.pdf"))
        .await;
    assert_eq!(none.status, 404);
    let (s, _) = act(
        &officer,
        &code,
        "refuse",
        Some("Thủ tục không thuộc thẩm quyền của xã\n- Người nộp không phải người có yêu cầu"),
    )
    .await;
    assert_eq!(s, 200);
    let form = citizen
        .get(&format!("/api/v1/dossiers/{code}/refusal.pdf"))
        .await;
    assert_eq!(form.status, 200);
    assert!(
        form.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let text = pdf_text(&form.bytes);
    assert!(
        text.contains("Thủ tục không thuộc thẩm quyền của xã"),
        "{text}"
    );
    assert!(
        text.contains("Người nộp không phải người có yêu cầu"),
        "{text}"
    );
    assert!(text.contains("Nguyễn Thị Hằng"), "{text}");
    // The same form from the dossier page, which links it.
    let page = app.browser("officer.a").await;
    let id = d["id"].as_i64().unwrap();
    let html = page.get(&format!("/ho-so/{id}")).await;
    assert!(
        html.text
            .contains(&format!("/ho-so/{id}/phieu-tu-choi.pdf"))
    );
    assert!(!html.text.contains("phieu-bo-sung.pdf"));
    let pdf = page.get(&format!("/ho-so/{id}/phieu-tu-choi.pdf")).await;
    assert_eq!(pdf.status, 200);
    assert!(pdf.bytes.starts_with(b"%PDF"));
}

#[tokio::test]
async fn a_request_for_completion_at_intake_prints_mau_02() {
    let app = spawn_app().await;
    let citizen = app.api_client("citizen").await;
    let officer = app.api_client("officer.a").await;
    let d = file(&app, &citizen, "k-complete").await;
    let code = d["code"].as_str().unwrap().to_owned();
    let (s, _) = act(
        &officer,
        &code,
        "request_completion",
        Some("Bản sao giấy khai sinh\nẢnh 4x6"),
    )
    .await;
    assert_eq!(s, 200);
    let text = pdf_text(
        &officer
            .get(&format!("/api/v1/dossiers/{code}/supplement-request.pdf"))
            .await
            .bytes,
    );
    assert!(text.contains("Bản sao giấy khai sinh"), "{text}");
    assert!(text.contains("Ảnh 4x6"), "{text}");
    // Another commune's officer cannot print it.
    let officer_b = app.api_client("officer.b").await;
    assert_ne!(
        officer_b
            .get(&format!("/api/v1/dossiers/{code}/supplement-request.pdf"))
            .await
            .status,
        200
    );
}

const NEW_CSV: &str = "code,name,sector,levels,agency,legal_time,fees,documents,result,legal_basis,online,steps,valid_from,valid_to\n\
9.000001,Đăng ký thử nghiệm,Thử nghiệm,xã,UBND cấp xã,3 ngày làm việc,Miễn phí,\"Tờ khai|Bản chính|1\",Giấy xác nhận,Quyết định thử,full,\"Tiếp nhận|one_stop_officer|0h\nThẩm định|specialist|2d\nKý|unit_leader|1d\",01/12/2026,\n";

async fn import(c: &Client, content_type: &str, body: &str) -> camlo_testkit::http::Resp {
    c.send(
        "POST",
        "/api/v1/procedures/import",
        Some(content_type),
        body.as_bytes().to_vec(),
        &[],
    )
    .await
}

#[tokio::test]
async fn the_catalogue_is_imported_all_or_nothing_and_versioned() {
    let app = spawn_app().await;
    let admin = app.api_client("sysadmin").await;
    let before = camlo_store::procedures::count(&app.store).await.unwrap();

    // A file with problems: every one is reported with its row and column; nothing is stored.
    let bad =
        format!("{NEW_CSV}9.000002,,Thử nghiệm,huyện,UBND,ba ngày,,,,,sometimes,,31/02/2026,\n");
    let res = import(&admin, "text/csv", &bad).await;
    assert_eq!(res.status, 422, "{}", res.text);
    let body = res.json();
    assert!(body["request_id"].as_str().is_some());
    let problems: Vec<(i64, String)> = body["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_i64().unwrap(),
                p["field"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for expected in ["legal_time", "online", "valid_from"] {
        assert!(
            problems.contains(&(2, expected.to_owned())),
            "{expected}: {problems:?}"
        );
    }
    assert_eq!(
        camlo_store::procedures::count(&app.store).await.unwrap(),
        before
    );

    // Only administrators import.
    let officer = app.api_client("officer.a").await;
    assert_eq!(import(&officer, "text/csv", NEW_CSV).await.status, 403);

    // A good file: the new code is stored; importing it again changes nothing.
    let res = import(&admin, "text/csv", NEW_CSV).await;
    assert_eq!(res.status, 200, "{}", res.text);
    assert_eq!(res.json(), json!({ "added": 1, "unchanged": 0 }));
    let res = import(&admin, "text/csv", NEW_CSV).await;
    assert_eq!(res.json(), json!({ "added": 0, "unchanged": 1 }));

    // The export reads back as "nothing changed", in CSV and in JSON.
    let csv = admin.get("/admin/thu-tuc/xuat.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let res = import(&admin, "text/csv", &csv.text).await;
    assert_eq!(res.json()["added"], 0, "{}", res.text);
    let all = app.client().get("/api/v1/procedures").await.text;
    let res = import(&admin, "application/json", &all).await;
    assert_eq!(res.json()["added"], 0, "{}", res.text);

    // A new version of a procedure in use: dossiers filed before keep the old one.
    let citizen = app.api_client("citizen").await;
    let d = file(&app, &citizen, "k-version").await;
    let v1: Vec<camlo_domain::procedures::Procedure> = serde_json::from_str(
        &app.client()
            .get("/api/v1/procedures/1.004873/versions")
            .await
            .text,
    )
    .unwrap();
    let mut changed = v1[0].clone();
    changed.fees = "5.000 đồng".into();
    let fields = camlo_domain::catalogue::fields_of(&changed);
    // (One TOTP code signs in once: the same client carries on with the pages.)
    let page = &admin;
    let mut form: Vec<(&str, String)> = camlo_domain::catalogue::CSV_COLUMNS
        .iter()
        .copied()
        .zip(fields)
        .filter(|(n, _)| *n != "code")
        .collect();
    // Starting on the same day as the version in force is refused.
    let same_day: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = page.post_form("/admin/thu-tuc/1.004873", &same_day).await;
    assert_eq!(res.status, 422, "{}", res.text);
    assert!(res.text.contains("Phiên bản mới phải có hiệu lực sau"));
    for (k, v) in &mut form {
        if *k == "valid_from" {
            *v = "01/12/2026".into();
        }
    }
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = page.post_form("/admin/thu-tuc/1.004873", &fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let versions = app
        .client()
        .get("/api/v1/procedures/1.004873/versions")
        .await
        .json();
    // Version 1 is the 2016 text, version 2 the 2025 one (no CMND), version 3 this edit.
    assert_eq!(versions[0]["version"], 3);
    assert_eq!(versions[0]["fees"], "5.000 đồng");
    assert_eq!(versions[1]["valid_to"], "2026-11-30");
    // Today the old version is still in force, and the dossier keeps it.
    let now = app.client().get("/api/v1/procedures/1.004873").await.json();
    assert_eq!(now["version"], 2);
    let p = camlo_store::dossiers::get(
        &app.store,
        camlo_domain::dossiers::DossierId(d["id"].as_i64().unwrap()),
    )
    .await
    .unwrap()
    .procedure_id;
    assert_eq!(
        camlo_store::procedures::get(&app.store, p)
            .await
            .unwrap()
            .version,
        2
    );
    // The pages list it.
    let list = page.get("/admin/thu-tuc").await;
    assert_eq!(list.status, 200);
    assert!(list.text.contains("9.000001"));
    let detail = page.get("/admin/thu-tuc/1.004873").await;
    assert!(detail.text.contains("5.000 đồng"));
    // Every import is audited.
    assert_eq!(
        camlo_store::audit::by_action(&app.store, "procedure.import")
            .await
            .unwrap()
            .len(),
        2
    );
}
