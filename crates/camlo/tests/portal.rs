//! Portal journeys through the real server, on SQLite by default and PostgreSQL when
//! `CAMLO_TEST_DATABASE_URL` is set: the editorial workflow, search, feeds, the render cache,
//! the schedule, statistics and the demo content.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_testkit::http::{Client, Resp, enc};
use camlo_testkit::{AppOptions, Seed, TestApp, spawn_app, spawn_app_with};
use chrono::Duration;

fn multipart(fields: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "camloPORTAL7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, filename, content) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        if filename.is_empty() {
            body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            );
        } else {
            body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn csrf(c: &Client) -> String {
    c.get("/bien-tap").await.csrf().unwrap()
}

/// The id in a `/bien-tap/bai-viet/{id}?…` redirect.
fn article_id(res: &Resp) -> i64 {
    let loc = res
        .location()
        .unwrap_or_else(|| panic!("no redirect: {}", res.text));
    loc.trim_start_matches("/bien-tap/bai-viet/")
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Writes a draft as `editor` for `unit`; returns its id.
async fn write(editor: &Client, title: &str, body: &str, unit: i64) -> i64 {
    let token = csrf(editor).await;
    let unit = unit.to_string();
    let res = editor
        .post_form(
            "/bien-tap/bai-viet",
            &[
                ("_csrf", &token),
                ("title", title),
                ("summary", "Tóm tắt bài viết thử nghiệm."),
                ("body", body),
                ("author", "Thanh Hải"),
                ("source", "Báo QT"),
                ("category", "cai-cach-hanh-chinh"),
                ("tags", "Cải cách hành chính, Một cửa"),
                ("unit", &unit),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    article_id(&res)
}

async fn step(c: &Client, id: i64, action: &str, fields: &[(&str, &str)]) -> Resp {
    let token = csrf(c).await;
    let mut all = vec![("_csrf", token.as_str())];
    all.extend_from_slice(fields);
    c.post_form(&format!("/bien-tap/bai-viet/{id}/thao-tac/{action}"), &all)
        .await
}

/// Writes, submits and publishes an article now; returns (id, slug).
async fn publish(app: &TestApp, title: &str, unit: i64) -> (i64, String) {
    let editor = app.browser("editor").await;
    let reviewer = app.browser("reviewer").await;
    let id = write(&editor, title, "<p>Nội dung.</p>", unit).await;
    assert_eq!(step(&editor, id, "submit", &[]).await.status, 303);
    assert_eq!(step(&reviewer, id, "publish", &[]).await.status, 303);
    (id, slug_of(&reviewer, id).await)
}

async fn slug_of(c: &Client, id: i64) -> String {
    let page = c.get(&format!("/bien-tap/bai-viet/{id}")).await.text;
    let i = page.find("href=\"/tin-tuc/").expect("a public link") + 15;
    page[i..i + page[i..].find('"').unwrap()].to_owned()
}

async fn search(c: &Client, q: &str) -> serde_json::Value {
    let res = c.get_json(&format!("/api/v1/search?q={}", enc(q))).await;
    assert_eq!(res.status, 200, "{}", res.text);
    res.json()
}

fn urls(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_editor_writes_a_reviewer_publishes_and_anyone_finds_it() {
    let app = spawn_app().await;
    let commune_a = app.fixture.commune_a.unwrap().0;
    let editor = app.browser("editor").await;
    let reviewer = app.browser("reviewer").await;
    let anonymous = app.client();

    // A draft with editor HTML: the script is removed when saved.
    let id = write(
        &editor,
        "Người dân Cam Thành hài lòng với cải cách hành chính",
        "<p>Bộ phận Một cửa xã trả kết quả đúng hẹn.</p><script>alert('x')</script><p onclick=\"x()\">Đoạn hai.</p>",
        commune_a,
    )
    .await;
    let page = editor.get(&format!("/bien-tap/bai-viet/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.text.contains("<script>alert"), "sanitised on save");
    assert!(!page.text.contains("onclick"));

    // A picture with its caption: resized, served from the store, set as the cover.
    let photo = camlo_portal::content::images::demo_picture(1800, 1200, 7);
    let token = csrf(&editor).await;
    let (ct, body) = multipart(&[
        ("_csrf", "", token.as_bytes()),
        ("image", "anh.jpg", &photo),
        ("caption", "", "Quầy tiếp nhận hồ sơ".as_bytes()),
        ("cover", "", b"1"),
    ]);
    let up = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}/anh"),
            Some(&ct),
            body,
            &[],
        )
        .await;
    assert_eq!(up.status, 303, "{}", up.text);
    // The token travels in the form, never in the URL: a token in the query is not enough, and
    // no upload form puts one there.
    let (ct, body) = multipart(&[("image", "anh.jpg", &photo)]);
    let in_url = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}/anh?_csrf={token}"),
            Some(&ct),
            body,
            &[],
        )
        .await;
    assert_eq!(in_url.status, 403, "{}", in_url.text);
    let form = editor.get(&format!("/bien-tap/bai-viet/{id}")).await.text;
    assert!(form.contains("enctype=\"multipart/form-data\"") && !form.contains("_csrf="));
    let page = editor.get(&format!("/bien-tap/bai-viet/{id}")).await.text;
    assert!(page.contains("Quầy tiếp nhận hồ sơ"));
    assert!(page.contains("1800×1200"));
    // The draft's picture: the editor sees it, nobody else, and no cache keeps it.
    let plain = page.replace("&#x2f;", "/");
    let at = plain.find("/anh/").unwrap();
    let picture = plain[at..at + 5 + 64].to_owned();
    let seen = editor.get(&picture).await;
    assert_eq!(seen.status, 200);
    assert!(seen.header("cache-control").unwrap().contains("no-store"));
    let anonymous_view = app.client().get(&picture).await;
    assert_eq!(anonymous_view.status, 404);
    assert!(!anonymous_view.text.is_empty() && anonymous_view.header("x-request-id").is_some());
    assert_eq!(
        app.browser("editor.b").await.get(&picture).await.status,
        404
    );
    let (ct, body) = multipart(&[
        ("_csrf", "", token.as_bytes()),
        ("image", "x.jpg", b"%PDF-1.4 not a picture"),
    ]);
    let bad = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}/anh"),
            Some(&ct),
            body,
            &[("accept", "text/html")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("Chỉ nhận ảnh JPEG hoặc PNG"));
    // A few bytes declaring 9000 × 9000 pixels are refused from the header, not decoded.
    let bomb = camlo_testkit::files::png_declaring(9000, 9000);
    let (ct, body) = multipart(&[("_csrf", "", token.as_bytes()), ("image", "bom.png", &bomb)]);
    let refused = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}/anh"),
            Some(&ct),
            body,
            &[("accept", "text/html")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert!(refused.text.contains("ART-0016") || refused.text.contains("quá lớn"));

    // A second save is a new revision; the diff shows what changed.
    let token = csrf(&editor).await;
    let unit = commune_a.to_string();
    let saved = editor
        .post_form(
            &format!("/bien-tap/bai-viet/{id}"),
            &[
                ("_csrf", &token),
                ("revision", "1"),
                (
                    "title",
                    "Người dân Cam Thành hài lòng với cải cách hành chính",
                ),
                ("summary", "Tóm tắt bài viết thử nghiệm."),
                (
                    "body",
                    "<p>Bộ phận Một cửa xã trả kết quả sớm hơn hẹn.</p><p>Đoạn hai.</p>",
                ),
                ("author", "Thanh Hải"),
                ("source", "Báo QT"),
                ("category", "cai-cach-hanh-chinh"),
                ("tags", "Cải cách hành chính"),
                ("unit", &unit),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let stale = editor
        .post_form(
            &format!("/bien-tap/bai-viet/{id}"),
            &[
                ("_csrf", &token),
                ("revision", "1"),
                ("title", "Bản cũ"),
                ("category", "cai-cach-hanh-chinh"),
                ("unit", &unit),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "a save from an old revision is refused");
    let revisions = editor
        .get(&format!("/bien-tap/bai-viet/{id}/phien-ban"))
        .await;
    assert_eq!(revisions.status, 200);
    assert!(revisions.text.contains("diff-removed"));
    assert!(
        revisions
            .text
            .contains("<del>Bộ phận Một cửa xã trả kết quả đúng hẹn.</del>")
    );
    assert!(
        revisions
            .text
            .contains("<ins>Bộ phận Một cửa xã trả kết quả sớm hơn hẹn.</ins>")
    );

    // Drafts stay out of sight.
    let slug = "nguoi-dan-cam-thanh-hai-long-voi-cai-cach-hanh-chinh";
    assert_eq!(anonymous.get(&format!("/tin-tuc/{slug}")).await.status, 404);
    assert!(
        !anonymous
            .get("/")
            .await
            .text
            .contains("hài lòng với cải cách")
    );
    assert!(
        urls(&search(&anonymous, "hai long cai cach").await).is_empty(),
        "a draft is not searchable"
    );
    let desk = anonymous.get(&format!("/bien-tap/bai-viet/{id}")).await;
    assert_eq!(desk.status, 303, "anonymous is sent to sign in");
    assert!(desk.location().unwrap().starts_with("/login"));
    // Another commune's editor cannot open it; a citizen cannot reach the desk.
    let editor_b = app.browser("editor.b").await;
    assert_eq!(
        editor_b
            .get(&format!("/bien-tap/bai-viet/{id}"))
            .await
            .status,
        404
    );
    assert_eq!(
        app.browser("citizen").await.get("/bien-tap").await.status,
        403
    );

    // The editor sends it for review but cannot publish.
    assert_eq!(step(&editor, id, "submit", &[]).await.status, 303);
    let refused = step(&editor, id, "publish", &[]).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    assert!(anonymous.get(&format!("/tin-tuc/{slug}")).await.status == 404);

    // The reviewer publishes: home page, article page with Open Graph tags, search without
    // diacritics, the API list.
    let published = step(&reviewer, id, "publish", &[]).await;
    assert_eq!(published.status, 303, "{}", published.text);
    let public_view = anonymous.get(&picture).await;
    assert_eq!(public_view.status, 200);
    assert!(
        public_view
            .header("cache-control")
            .unwrap()
            .contains("max-age=31536000")
    );
    let home = anonymous.get("/").await;
    assert!(
        home.text
            .contains("Người dân Cam Thành hài lòng với cải cách hành chính"),
        "on the home page"
    );
    let article = anonymous.get(&format!("/tin-tuc/{slug}")).await;
    assert_eq!(article.status, 200);
    assert!(article.text.contains("property=\"og:title\""));
    assert!(article.text.contains("property=\"og:image\""));
    assert!(article.text.contains("Quầy tiếp nhận hồ sơ"));
    assert!(article.page_text().contains("Thanh Hải (Báo QT)"));
    assert!(!article.text.contains("alert('x')"));
    let found = search(&anonymous, "hai long cai cach hanh chinh").await;
    assert_eq!(urls(&found), vec![format!("/tin-tuc/{slug}")]);
    let hit = &found["hits"][0];
    assert_eq!(hit["kind"], "article");
    assert!(hit["title"].as_str().unwrap().contains("hài lòng"));
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"));
    let listed = anonymous.get_json("/api/v1/articles").await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["byline"], "Thanh Hải (Báo QT)");
    // The commune's own site shows it; the other commune's does not.
    assert!(
        anonymous
            .get("/xa/xa-cam-thanh")
            .await
            .text
            .contains("hài lòng với cải cách")
    );
    assert!(
        !anonymous
            .get("/xa/xa-cam-tuyen")
            .await
            .text
            .contains("hài lòng với cải cách")
    );
    // Filters: kind and unit.
    let procedures_only = anonymous
        .get_json("/api/v1/search?q=cai%20cach&kind=procedure")
        .await
        .json();
    assert!(
        !urls(&procedures_only)
            .iter()
            .any(|u| u.starts_with("/tin-tuc/")),
        "kind filter"
    );
    let other_unit = anonymous
        .get_json("/api/v1/search?q=hai%20long&unit=xa-cam-tuyen")
        .await
        .json();
    assert_eq!(other_unit["total"], 0, "unit filter");

    // Once live, the editor can no longer change it; the reviewer unpublishes it.
    let token = csrf(&editor).await;
    let locked = editor
        .post_form(
            &format!("/bien-tap/bai-viet/{id}"),
            &[
                ("_csrf", &token),
                ("revision", "2"),
                ("title", "Sửa sau khi đăng"),
                ("category", "cai-cach-hanh-chinh"),
                ("unit", &unit),
            ],
        )
        .await;
    assert_eq!(locked.status, 403);
    assert_eq!(step(&reviewer, id, "unpublish", &[]).await.status, 303);
    assert_eq!(anonymous.get(&format!("/tin-tuc/{slug}")).await.status, 404);
    assert!(urls(&search(&anonymous, "hai long cai cach").await).is_empty());
    // Every step is in the audit log.
    let actions: Vec<String> = camlo_store::audit::recent(&app.store, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.entry.action)
        .filter(|a| a.starts_with("article."))
        .collect();
    for a in [
        "article.create",
        "article.image",
        "article.save",
        "article.submit",
        "article.publish",
        "article.unpublish",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
    }
}

#[tokio::test]
async fn feeds_parse_as_xml_and_the_sitemap_lists_published_articles() {
    let app = spawn_app().await;
    let commune_a = app.fixture.commune_a.unwrap().0;
    let (_, slug) = publish(
        &app,
        "Thông báo lịch tiếp công dân & <đối thoại>",
        commune_a,
    )
    .await;
    let c = app.client();
    for (path, root) in [
        ("/rss", "rss"),
        ("/rss/chuyen-muc/cai-cach-hanh-chinh", "rss"),
        ("/rss/don-vi/xa-cam-thanh", "rss"),
        ("/atom", "feed"),
        ("/atom/chuyen-muc/cai-cach-hanh-chinh", "feed"),
        ("/atom/don-vi/xa-cam-thanh", "feed"),
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(
            res.header("content-type").unwrap().contains("xml"),
            "{path}"
        );
        let doc = roxmltree::Document::parse(&res.text)
            .unwrap_or_else(|e| panic!("{path} is not XML ({e}): {}", res.text));
        assert_eq!(doc.root_element().tag_name().name(), root, "{path}");
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            titles.contains(&"Thông báo lịch tiếp công dân & <đối thoại>"),
            "{path}: {titles:?}"
        );
        let link = format!("/tin-tuc/{slug}");
        assert!(res.text.contains(&link), "{path} links the article");
    }
    // Feeds of another category or unit do not carry it.
    let other = c.get("/rss/don-vi/xa-cam-tuyen").await;
    let doc = roxmltree::Document::parse(&other.text).unwrap();
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("item")).count(),
        0
    );
    assert_eq!(c.get("/rss/chuyen-muc/khong-co").await.status, 404);

    let sitemap = c.get("/sitemap.xml").await;
    let doc = roxmltree::Document::parse(&sitemap.text).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.iter()
            .any(|l| l.ends_with(&format!("/tin-tuc/{slug}")))
    );
    assert!(locs.iter().any(|l| l.ends_with("/xa/xa-cam-thanh")));
    let robots = c.get("/robots.txt").await.text;
    assert!(robots.contains("/sitemap.xml"));
}

async fn api_step(c: &Client, id: i64, action: &str) -> Resp {
    c.post_json(
        &format!("/api/v1/editorial/articles/{id}/actions/{action}"),
        &serde_json::json!({}),
    )
    .await
}

#[tokio::test]
async fn the_editorial_desk_works_through_the_json_api_with_the_same_rules() {
    let app = spawn_app().await;
    let editor = app.api_client("editor").await;
    let reviewer = app.api_client("reviewer").await;
    let outsider = app.api_client("editor.b").await;
    let district = app.fixture.district.unwrap().0.to_string();
    let form = serde_json::json!({
        "title": "Thông báo lịch tiếp công dân tháng 12",
        "summary": "Lịch tiếp công dân định kỳ của huyện.",
        "body": "<p>Chủ tịch UBND huyện tiếp công dân vào ngày 15.</p><script>x()</script>",
        "author": "Văn phòng HĐND và UBND", "source": "", "category": "cai-cach-hanh-chinh",
        "tags": "Tiếp công dân", "unit": district,
    });
    let created = editor.post_json("/api/v1/editorial/articles", &form).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let a = created.json();
    let id = a["id"].as_i64().unwrap();
    assert_eq!(a["state"], "draft");
    assert_eq!(a["revision"], 1);
    assert!(
        !a["body_html"].as_str().unwrap().contains("<script"),
        "sanitised"
    );
    assert_eq!(a["tags"][0], "Tiếp công dân");

    // Another commune's editor cannot read or change it; the desk list is scoped too.
    assert_eq!(
        outsider
            .get_json(&format!("/api/v1/editorial/articles/{id}"))
            .await
            .status,
        404
    );
    let theirs = outsider.get_json("/api/v1/editorial/articles").await.json();
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"].as_i64() != Some(id))
    );

    // A save from a stale revision is refused; from the current one it is a new revision.
    let put = |rev: i64| {
        let mut f = form.clone();
        f["revision"] = serde_json::Value::from(rev.to_string());
        f["title"] = serde_json::Value::from("Lịch tiếp công dân tháng 12/2026");
        serde_json::to_vec(&f).unwrap()
    };
    let url = format!("/api/v1/editorial/articles/{id}");
    let saved = editor
        .send("PUT", &url, Some("application/json"), put(1), &[])
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.json()["revision"], 2);
    let stale = editor
        .send("PUT", &url, Some("application/json"), put(1), &[])
        .await;
    assert_eq!(stale.status, 409, "{}", stale.text);
    assert_eq!(stale.json()["code"], "ART-0014");

    // A picture as the raw body, set as the cover.
    let photo = camlo_portal::content::images::demo_picture(900, 600, 3);
    let pic = editor
        .send(
            "POST",
            &format!("/api/v1/editorial/articles/{id}/pictures?caption=Ph%C3%B2ng%20ti%E1%BA%BFp%20d%C3%A2n&cover=1"),
            Some("image/jpeg"),
            photo,
            &[],
        )
        .await;
    assert_eq!(pic.status, 201, "{}", pic.text);
    assert_eq!(pic.json()["caption"], "Phòng tiếp dân");
    assert_eq!(pic.json()["width"], 900);

    // The workflow: the editor cannot publish; submits; the reviewer publishes; it is public.
    assert_eq!(api_step(&editor, id, "publish").await.status, 403);
    let submitted = api_step(&editor, id, "submit").await;
    assert_eq!(submitted.status, 200, "{}", submitted.text);
    assert_eq!(submitted.json()["state"], "awaiting_review");
    let awaiting = reviewer
        .get_json("/api/v1/editorial/articles?state=awaiting_review")
        .await
        .json();
    assert!(
        awaiting["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"].as_i64() == Some(id))
    );
    let published = api_step(&reviewer, id, "publish").await;
    assert_eq!(published.status, 200, "{}", published.text);
    assert_eq!(published.json()["state"], "published");
    assert!(
        published.json()["publish_at_local"]
            .as_str()
            .unwrap()
            .contains("/2026")
    );
    let public = app.client().get_json("/api/v1/articles").await.json();
    assert!(
        public["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"] == "Lịch tiếp công dân tháng 12/2026")
    );
    // An unknown state filter is a clear 422.
    assert_eq!(
        reviewer
            .get_json("/api/v1/editorial/articles?state=x")
            .await
            .status,
        422
    );
}

#[tokio::test]
async fn a_picture_above_the_general_body_limit_is_taken_on_the_upload_route_only() {
    let app = spawn_app().await;
    let editor = app.browser("editor").await;
    let id = write(
        &editor,
        "Ảnh chụp từ điện thoại",
        "<p>Ảnh lớn hơn giới hạn chung.</p>",
        app.fixture.commune_a.unwrap().0,
    )
    .await;
    // A PNG of noise the size of a phone photo: above the 2 MB general body limit.
    let mut img = image::RgbImage::new(1100, 1000);
    let mut x: u32 = 12345;
    for p in img.pixels_mut() {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let b = x.to_le_bytes();
        *p = image::Rgb([b[1], b[2], b[3]]);
    }
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(png.len() > 2 * 1024 * 1024, "{} bytes", png.len());
    let token = csrf(&editor).await;
    let (ct, body) = multipart(&[
        ("_csrf", "", token.as_bytes()),
        ("image", "lon.png", &png),
        ("caption", "", "Ảnh lớn".as_bytes()),
    ]);
    let up = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}/anh"),
            Some(&ct),
            body.clone(),
            &[],
        )
        .await;
    assert_eq!(up.status, 303, "{}", up.text);
    let page = editor.get(&format!("/bien-tap/bai-viet/{id}")).await.text;
    assert!(page.contains("1100×1000"));
    // The same body on a route that takes no upload is refused before it is read.
    let refused = editor
        .send(
            "POST",
            &format!("/bien-tap/bai-viet/{id}"),
            Some(&ct),
            body,
            &[("accept", "text/html")],
        )
        .await;
    assert_eq!(refused.status, 413, "{}", refused.text);
}

#[tokio::test]
async fn publishing_drops_the_render_cache() {
    let app = spawn_app().await;
    let c = app.client();
    let first = c.get("/").await;
    assert_eq!(first.header("x-camlo-cache"), Some("miss"));
    let second = c.get("/").await;
    assert_eq!(second.header("x-camlo-cache"), Some("hit"));
    assert_eq!(first.text, second.text);
    // An anonymous page holds no per-visitor token (the language switch needs none), so every
    // visitor gets the same bytes and no cookie: a shared proxy could cache it too.
    assert!(!second.text.contains("__camlo_csrf_token__"));
    assert_eq!(second.csrf(), None);
    assert_eq!(second.header("set-cookie"), None);
    let other = app.client();
    let theirs = other.get("/").await;
    assert_eq!(theirs.header("x-camlo-cache"), Some("hit"));
    assert_eq!(theirs.text, second.text);
    // The security headers and a request id come with a cached page as with any other.
    assert!(theirs.header("x-request-id").is_some());
    assert!(theirs.header("content-security-policy").is_some());
    assert_eq!(theirs.header("cache-control"), None);
    // A stale session cookie or another language is not served someone else's page.
    let english = app.client();
    english.set_header("cookie", "camlo-lang=en");
    let en = english.get("/").await;
    assert_eq!(en.header("x-camlo-cache"), Some("miss"));
    assert!(en.text.contains("<html lang=\"en\">"));
    // Signed-in visitors always get a fresh page.
    let editor = app.browser("editor").await;
    assert_eq!(editor.get("/").await.header("x-camlo-cache"), None);

    publish(
        &app,
        "Tin mới sau khi đăng",
        app.fixture.commune_a.unwrap().0,
    )
    .await;
    let after = c.get("/").await;
    assert_eq!(
        after.header("x-camlo-cache"),
        Some("miss"),
        "publishing invalidates"
    );
    assert!(after.text.contains("Tin mới sau khi đăng"));
}

#[tokio::test]
async fn scheduled_articles_appear_on_time_and_expire() {
    let app = spawn_app().await;
    let editor = app.browser("editor").await;
    let reviewer = app.browser("reviewer").await;
    let c = app.client();
    let id = write(
        &editor,
        "Lịch cắt điện định kỳ",
        "Điện lực thông báo lịch cắt điện.",
        app.fixture.district.unwrap().0,
    )
    .await;
    assert_eq!(step(&editor, id, "submit", &[]).await.status, 303);
    // The clock says 09:00 on 2 November 2026 (Vietnam time).
    let bad = step(
        &reviewer,
        id,
        "publish",
        &[
            ("publish_at", "2026-11-02T10:00"),
            ("expire_at", "2026-11-02T10:00"),
        ],
    )
    .await;
    assert_eq!(bad.status, 422);
    let res = step(
        &reviewer,
        id,
        "publish",
        &[
            ("publish_at", "2026-11-02T10:00"),
            ("expire_at", "02/11/2026 11:00"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert!(!c.get("/").await.text.contains("Lịch cắt điện"));
    assert!(c.get("/").await.header("x-camlo-cache") == Some("hit"));
    assert!(urls(&search(&c, "lich cat dien").await).is_empty());

    app.clock.advance(Duration::minutes(61));
    let home = c.get("/").await;
    assert!(home.text.contains("Lịch cắt điện"), "published at 10:00");
    assert_eq!(home.header("x-camlo-cache"), Some("miss"));
    assert_eq!(urls(&search(&c, "lich cat dien").await).len(), 1);
    assert!(c.get("/rss").await.text.contains("Lịch cắt điện"));

    app.clock.advance(Duration::hours(1));
    assert!(
        !c.get("/").await.text.contains("Lịch cắt điện"),
        "expired at 11:00"
    );
    assert!(urls(&search(&c, "lich cat dien").await).is_empty());
    assert_eq!(c.get("/tin-tuc/lich-cat-dien-dinh-ky").await.status, 404);
}

#[tokio::test]
async fn views_are_counted_per_day_and_per_article_only() {
    let app = spawn_app().await;
    let (_, slug) = publish(&app, "Bài được xem", app.fixture.district.unwrap().0).await;
    let c = app.client();
    for _ in 0..3 {
        assert_eq!(c.get(&format!("/tin-tuc/{slug}")).await.status, 200);
    }
    c.get("/").await;
    let editor = app.browser("editor").await;
    let stats = editor.get("/bien-tap/thong-ke").await;
    assert_eq!(stats.status, 200);
    assert!(stats.text.contains("Bài được xem"));
    assert!(
        stats.text.contains("<td class=\"views\">3</td>"),
        "{}",
        stats.text
    );
    assert!(stats.text.contains("2026-11-02"));
    assert!(stats.text.contains("<strong id=\"total-views\">4</strong>"));
    assert_eq!(app.client().get("/bien-tap/thong-ke").await.status, 303);
}

#[tokio::test]
async fn the_demo_portal_has_the_seed_article_pages_and_commune_sites() {
    let app = spawn_app_with(AppOptions {
        seed: Seed::Demo,
        web: camlo_web::WebConfig {
            secure_cookies: false,
            site_name: "Huyện Cam Lộ".into(),
            home_unit: Some("cam-lo".into()),
            ..camlo_web::WebConfig::default()
        },
        ..AppOptions::default()
    })
    .await;
    let c = app.client();
    let seed = "/tin-tuc/doi-moi-phong-cach-lanh-dao-dieu-hanh-o-dang-bo-cam-lo";
    for q in ["cai cach hanh chinh", "dan van kheo"] {
        let found = search(&c, q).await;
        assert!(
            urls(&found).contains(&seed.to_owned()),
            "{q}: {:?}",
            urls(&found)
        );
    }
    // Date filters: the seed article is dated 28/12/2017.
    let dated = |from: &str, to: &str| {
        let c = &c;
        let (from, to) = (from.to_owned(), to.to_owned());
        async move {
            urls(
                &c.get_json(&format!(
                    "/api/v1/search?q=dan%20van%20kheo&kind=article&from={from}&to={to}"
                ))
                .await
                .json(),
            )
        }
    };
    assert!(
        dated("2017-12-01", "2017-12-31")
            .await
            .contains(&seed.to_owned())
    );
    assert!(!dated("2018-01-01", "").await.contains(&seed.to_owned()));
    assert_eq!(
        c.get_json("/api/v1/search?q=x&from=31/12/2017")
            .await
            .status,
        422
    );
    let page = c.get("/tim-kiem?q=dan+van+kheo").await;
    assert!(page.text.contains("Đổi mới phong cách lãnh đạo"));
    assert!(page.text.contains("<mark>"));
    let article = c.get(seed).await;
    assert_eq!(article.status, 200);
    assert!(
        article
            .text
            .contains("<figcaption>Một góc thị trấn Cam Lộ hôm nay</figcaption>")
    );
    assert!(article.page_text().contains("Thanh Hải (Báo QT)"));
    assert!(article.text.contains("109 Tổ Dân vận"));

    let home = c.get("/").await.page_text();
    assert!(home.contains("Đổi mới phong cách lãnh đạo"));
    assert!(
        home.contains("Xã Cam Thành nhân rộng"),
        "commune news on the district home"
    );
    assert!(
        home.contains("Công khai ngân sách"),
        "required sections in the menu"
    );
    assert!(home.contains("href=\"/co-cau-to-chuc\""));
    let intro = c.get("/gioi-thieu").await;
    assert!(intro.text.contains("328-HĐBT"));
    assert!(intro.text.contains("47.777"));
    let org = c.get("/co-cau-to-chuc").await.page_text();
    assert!(org.contains("Phòng Tư pháp"));
    assert!(org.contains("Nguyễn Hữu Phước"), "the leader is named");
    assert!(org.contains("href=\"/xa/cam-chinh\""));
    let contacts = c.get("/lien-he").await.text;
    assert!(contacts.contains("0233 3871 535"));
    assert!(
        contacts.contains("Ngô Thị Khánh Linh"),
        "a named contact officer"
    );
    let site = c.get("/xa/cam-chinh").await.text;
    assert!(site.contains("Về lại căn cứ Tân Sở"));
    assert!(site.contains("vùng Cùa"));
    assert!(!site.contains("Đổi mới phong cách lãnh đạo"));
    let new_commune = c.get("/xa/xa-cam-lo").await.text;
    assert!(new_commune.contains("Trung tâm Phục vụ hành chính công xã Cam Lộ đi vào hoạt động"));
    // Procedures are searched too.
    let procedures = c
        .get_json("/api/v1/search?q=khai%20sinh&kind=procedure")
        .await
        .json();
    assert!(procedures["total"].as_u64().unwrap() >= 1);
    assert_eq!(procedures["hits"][0]["kind"], "procedure");
}

#[tokio::test]
async fn a_reviewer_keeps_a_commune_introduction_and_contacts() {
    let app = spawn_app().await;
    let unit = app.fixture.commune_a.unwrap().0;
    let reviewer = app.browser("reviewer.a").await;
    let anonymous = app.client();
    assert!(
        !anonymous
            .get("/xa/xa-cam-thanh")
            .await
            .text
            .contains("Cây chè vằng")
    );
    let page = reviewer.get(&format!("/bien-tap/don-vi/{unit}")).await;
    assert_eq!(page.status, 200);
    let token = page.csrf().unwrap();
    let saved = reviewer
        .post_form(
            &format!("/bien-tap/don-vi/{unit}/gioi-thieu"),
            &[
                ("_csrf", &token),
                ("title", "Giới thiệu xã Cam Thành"),
                (
                    "body",
                    "<p>Cây chè vằng là đặc sản.</p><img src=x onerror=alert(1)>",
                ),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    let bad = reviewer
        .post_form(
            &format!("/bien-tap/don-vi/{unit}/lien-he"),
            &[("_csrf", &token), ("email", "không phải thư")],
        )
        .await;
    assert_eq!(bad.status, 422);
    let saved = reviewer
        .post_form(
            &format!("/bien-tap/don-vi/{unit}/lien-he"),
            &[
                ("_csrf", &token),
                ("address", "Thôn 3, xã Cam Thành"),
                ("email", "ubnd.camthanh@example.vn"),
                ("contact_name", "Trương Công Hậu"),
                ("contact_title", "Công chức Văn phòng – Thống kê"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.text);
    // Live at once for visitors (the render cache is dropped), the script is gone.
    let site = anonymous.get("/xa/xa-cam-thanh").await.text;
    assert!(site.contains("Cây chè vằng là đặc sản."));
    assert!(!site.contains("onerror"));
    assert!(site.contains("Trương Công Hậu"));
    // An editor cannot change what goes live without review.
    let editor = app.browser("editor.a").await;
    assert_eq!(
        editor.get(&format!("/bien-tap/don-vi/{unit}")).await.status,
        403
    );
}
