//! The portal's part of the OpenAPI document: documents, feedback, search, articles and the
//! officials' desks.

use camlo_web::openapi::{error_ref, id_param, ok, q};
use serde_json::{Value, json};

/// The officials' desks: editorial and feedback (added apart from the main literal, which is
/// near the macro's recursion limit).
fn desk_paths() -> Value {
    let article = json!({ "type": "object", "properties": {
        "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string" },
        "state": { "type": "string", "enum": ["draft", "awaiting_review", "published", "unpublished"] },
        "unit_id": { "type": "integer" }, "title": { "type": "string" }, "summary": { "type": "string" }, "body_html": { "type": "string" },
        "author": { "type": "string" }, "source": { "type": "string" }, "category": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } },
        "revision": { "type": "integer" }, "cover_image_id": { "type": ["integer", "null"] },
        "publish_at": { "type": ["string", "null"], "format": "date-time" }, "publish_at_local": { "type": ["string", "null"] },
        "expire_at": { "type": ["string", "null"], "format": "date-time" }, "expire_at_local": { "type": ["string", "null"] },
        "updated_at": { "type": "string", "format": "date-time" } } });
    let form = json!({ "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["title"], "properties": {
        "title": { "type": "string" }, "summary": { "type": "string" }, "body": { "type": "string", "description": "HTML (sanitised) or plain paragraphs" },
        "author": { "type": "string" }, "source": { "type": "string", "examples": ["Báo Quảng Trị"] }, "category": { "type": "string" },
        "tags": { "type": "string", "description": "comma-separated" }, "unit": { "type": "string", "description": "site unit id; the first site of the caller when empty" },
        "revision": { "type": "string", "description": "the revision read (saving only)" } } } } } });
    let security = json!([{ "bearer": [] }, { "cookie": [] }]);
    let item = json!({ "type": "object", "properties": {
        "id": { "type": "integer" }, "code": { "type": "string" }, "kind": { "type": "string" }, "status": { "type": "string" },
        "unit_id": { "type": "integer" }, "submitted_unit_id": { "type": "integer" }, "title": { "type": "string" }, "body": { "type": "string" },
        "asker_name": { "type": "string" }, "contact_phone": { "type": ["string", "null"] }, "contact_email": { "type": ["string", "null"] },
        "consent": { "type": "boolean" }, "answer": { "type": ["string", "null"] }, "answered_at": { "type": ["string", "null"], "format": "date-time" },
        "published_at": { "type": ["string", "null"], "format": "date-time" }, "reject_reason": { "type": ["string", "null"] },
        "submitted_at": { "type": "string", "format": "date-time" } } });
    json!({
        "/api/v1/editorial/articles": {
            "get": { "summary": "Articles of the caller's sites in every state, newest change first (editors and reviewers)", "security": security.clone(),
                "parameters": [q("state", "string", false, "draft | awaiting_review | published | unpublished")],
                "responses": { "200": ok("Articles", json!({ "type": "object", "properties": { "total": { "type": "integer" }, "items": { "type": "array", "items": article.clone() } } })), "422": error_ref() } },
            "post": { "summary": "Write a draft (editors)", "security": security.clone(), "requestBody": form.clone(),
                "responses": { "201": ok("The draft", article.clone()), "403": error_ref(), "422": error_ref() } } },
        "/api/v1/editorial/articles/{id}": {
            "get": { "summary": "One article in any state (its site's editors and reviewers)", "security": security.clone(), "parameters": [id_param()],
                "responses": { "200": ok("Article", article.clone()), "403": error_ref(), "404": error_ref() } },
            "put": { "summary": "Save a new revision; `revision` must be the one read", "security": security.clone(), "parameters": [id_param()], "requestBody": form.clone(),
                "responses": { "200": ok("Article", article.clone()), "403": error_ref(), "409": error_ref(), "422": error_ref() } } },
        "/api/v1/editorial/articles/{id}/actions/{action}": {
            "post": { "summary": "A workflow step: submit (editor), publish, return, unpublish (reviewer)", "security": security.clone(),
                "parameters": [id_param(), { "name": "action", "in": "path", "required": true, "schema": { "type": "string", "enum": ["submit", "publish", "return", "unpublish"] } }],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "note": { "type": "string", "description": "reason (required to return)" }, "publish_at": { "type": "string", "description": "dd/mm/yyyy HH:MM Vietnam time; now when empty" },
                    "expire_at": { "type": "string" } } } } } },
                "responses": { "200": ok("Article", article.clone()), "403": error_ref(), "409": error_ref(), "422": error_ref() } } },
        "/api/v1/editorial/articles/{id}/pictures": {
            "post": { "summary": "Add a picture (raw JPEG or PNG body, up to 10 MB), resized into the theme's sizes", "security": security.clone(),
                "parameters": [id_param(), q("caption", "string", false, "caption (chú thích ảnh)"), q("cover", "string", false, "1: make it the cover")],
                "requestBody": { "required": true, "content": { "image/jpeg": {}, "image/png": {} } },
                "responses": { "201": ok("Picture", json!({ "type": "object", "properties": { "id": { "type": "integer" }, "article_id": { "type": "integer" }, "caption": { "type": "string" },
                    "width": { "type": "integer" }, "height": { "type": "integer" }, "url": { "type": "string" }, "cover": { "type": "boolean" } } })), "403": error_ref(), "413": error_ref(), "422": error_ref() } } },
        "/api/v1/feedback-inbox": {
            "get": { "summary": "Feedback and questions in the caller's units, newest first (officials who handle feedback)", "security": security.clone(),
                "responses": { "200": ok("Items", json!({ "type": "array", "items": item.clone() })), "403": error_ref() } } },
        "/api/v1/feedback-inbox/{id}": {
            "get": { "summary": "One item, with the asker's contact", "security": security.clone(), "parameters": [id_param()],
                "responses": { "200": ok("Item", item.clone()), "403": error_ref(), "404": error_ref() } } },
        "/api/v1/feedback-inbox/{id}/actions/{action}": {
            "post": { "summary": "route (to unit_id), answer (text), publish (only with the asker's consent), reject (text: the reason)", "security": security.clone(),
                "parameters": [id_param(), { "name": "action", "in": "path", "required": true, "schema": { "type": "string", "enum": ["route", "answer", "publish", "reject"] } }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "unit_id": { "type": "integer" }, "text": { "type": "string" } } } } } },
                "responses": { "200": ok("Item", item.clone()), "403": error_ref(), "404": error_ref(), "409": error_ref(), "422": error_ref() } } }
    })
}

/// Paths and schemas.
pub fn paths() -> Value {
    let mut doc = main();
    if let (Some(paths), Value::Object(extra)) = (doc["paths"].as_object_mut(), desk_paths()) {
        paths.extend(extra);
    }
    doc
}

fn main() -> Value {
    json!({
        "schemas": {
                "LegalDocument": { "type": "object", "properties": { "id": { "type": "integer" }, "number_symbol": { "type": "string" }, "family": { "type": "string" }, "doc_type": { "type": "string" },
                    "issuer": { "type": "string" }, "signer": { "type": "string" }, "issued_on": { "type": "string", "format": "date" }, "issued_on_local": { "type": "string" }, "effective_on": { "type": ["string", "null"] },
                    "expires_on": { "type": ["string", "null"] }, "summary": { "type": "string" }, "state": { "type": "string" }, "replaces_id": { "type": ["integer", "null"] }, "url": { "type": "string" } } },
                "Feedback": { "type": "object", "properties": { "code": { "type": "string" }, "kind": { "type": "string", "enum": ["feedback", "question"] }, "kind_label": { "type": "string" },
                    "status": { "type": "string", "enum": ["new", "routed", "answered", "published", "rejected"] }, "status_label": { "type": "string" }, "unit_id": { "type": "integer" }, "unit_name": { "type": "string" },
                    "submitted_at": { "type": "string", "format": "date-time" }, "submitted_at_local": { "type": "string" }, "title": { "type": ["string", "null"] }, "body": { "type": ["string", "null"] },
                    "answer": { "type": ["string", "null"] }, "answered_at_local": { "type": ["string", "null"] }, "published_at": { "type": ["string", "null"], "format": "date-time" }, "published_at_local": { "type": ["string", "null"] } } },
                "Article": { "type": "object", "properties": { "id": { "type": "integer" }, "slug": { "type": "string" }, "url": { "type": "string" }, "title": { "type": "string" }, "summary": { "type": "string" },
                    "category": { "type": "string" }, "category_name": { "type": "string" }, "unit": { "type": ["string", "null"] }, "unit_name": { "type": ["string", "null"] }, "byline": { "type": "string", "examples": ["Thanh Hải (Báo QT)"] },
                    "date": { "type": ["string", "null"] }, "published_at": { "type": ["string", "null"], "format": "date-time" },
                    "cover": { "type": ["object", "null"], "properties": { "large": { "type": "string" }, "medium": { "type": "string" }, "thumb": { "type": "string" }, "caption": { "type": "string" } } } } }
        },
        "paths": {
            "/api/v1/documents": {
                "get": { "summary": "Published leadership and legal documents (and drafts open for comment), newest first, 20 a page",
                    "parameters": [q("q", "string", false, "words in the number, type, issuer, signer or summary, with or without diacritics"), q("loai", "string", false, "type name, e.g. Quyết định"), q("co-quan", "string", false, "issuing body"), q("nam", "integer", false, "year of issue"), q("don_vi", "string", false, "unit slug: that unit's and its sub-units' documents"), q("trang", "integer", false, "page from 1")],
                    "responses": { "200": ok("Documents", json!({ "type": "array", "items": { "$ref": "#/components/schemas/LegalDocument" } })) } },
                "post": { "summary": "Publish a document (editors, clerks and unit administrators, for their units). The number and symbol is checked in the state format (15/QĐ-UBND, 12/2026/QĐ-UBND, 26/UBND-VP) or the Party format (26-CV/HU) and stored in canonical form.",
                    "security": [{ "bearer": [] }, { "cookie": [] }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["unit_id", "number_symbol", "issuer", "issued_on", "summary"], "properties": {
                        "unit_id": { "type": "string" }, "number_symbol": { "type": "string" }, "family": { "type": "string", "enum": ["", "state", "party"] }, "issuer": { "type": "string" }, "signer": { "type": "string" },
                        "issued_on": { "type": "string", "description": "dd/mm/yyyy" }, "effective_on": { "type": "string" }, "expires_on": { "type": "string" }, "summary": { "type": "string" },
                        "replaces_id": { "type": "string" }, "publish": { "type": "string", "enum": ["publish", "comment", "draft"] }, "comment_days": { "type": "string" } } } } } },
                    "responses": { "201": ok("The document", json!({ "$ref": "#/components/schemas/LegalDocument" })), "403": error_ref(), "409": error_ref(), "422": error_ref() } } },
            "/api/v1/documents/{id}": { "get": { "summary": "One public document", "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "responses": { "200": ok("Document", json!({ "$ref": "#/components/schemas/LegalDocument" })), "404": error_ref() } } },
            "/api/v1/feedback": {
                "post": { "summary": "Send feedback or a question (anyone; no sign-in). Rate-limited per client address (5 per 10 minutes, then 429 FBK-0012). A filled `website` field (the honeypot) is answered like a real submission but nothing is stored. Honours Idempotency-Key: a retry returns the original code with 200.",
                    "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": false, "schema": { "type": "string" } }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["kind", "unit_id", "title", "body", "name"], "properties": {
                        "kind": { "type": "string", "enum": ["feedback", "question"] }, "unit_id": { "type": "integer", "description": "a commune or district unit valid today" },
                        "title": { "type": "string", "maxLength": 200 }, "body": { "type": "string", "minLength": 10, "maxLength": 5000 }, "name": { "type": "string", "maxLength": 100 },
                        "contact": { "type": "string", "description": "Vietnamese mobile number or e-mail; never published" }, "consent": { "type": "boolean", "default": false, "description": "agrees to publication of the content with its answer" },
                        "website": { "type": "string", "description": "leave empty" } } } } } },
                    "responses": { "201": ok("Received", json!({ "type": "object", "properties": { "code": { "type": "string", "examples": ["PAKN-261102-0001"] }, "status": { "type": "string" }, "follow_url": { "type": "string" } } })),
                        "200": ok("The original (idempotent retry)", json!({ "type": "object" })), "422": error_ref(), "429": error_ref() } },
                "get": { "summary": "Published questions and feedback with their answers, newest first (20 per page)", "parameters": [q("unit_id", "integer", false, "only this unit"), q("page", "integer", false, "from 1")], "responses": {
                    "200": ok("Items", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Feedback" } })) } }
            },
            "/api/v1/feedback/{code}": { "get": { "summary": "Follow an item: its status; the content and answer once published. Never the asker's name or contact. Rate-limited.",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "examples": ["PAKN-261102-0001"] } }], "responses": {
                "200": ok("Item", json!({ "$ref": "#/components/schemas/Feedback" })), "404": error_ref(), "429": error_ref() } } },
            "/api/v1/search": { "get": { "summary": "Full-text search over the portal (articles, procedures, and every other indexed kind), with or without diacritics; every word must match. Hits best first, snippets with <mark> around matched words (everything else escaped).",
                "parameters": [q("q", "string", true, "words, e.g. cai cach hanh chinh"), q("kind", "string", false, "article | procedure | document"), q("unit", "string", false, "unit slug"),
                    q("from", "string", false, "YYYY-MM-DD"), q("to", "string", false, "YYYY-MM-DD"), q("page", "integer", false, "20 hits a page, from 1")], "responses": {
                "200": ok("Hits", json!({ "type": "object", "properties": { "total": { "type": "integer" }, "page": { "type": "integer" }, "hits": { "type": "array", "items": { "type": "object", "required": ["kind", "title", "url", "snippet"], "properties": {
                    "kind": { "type": "string" }, "kind_label": { "type": "string" }, "title": { "type": "string" }, "url": { "type": "string" }, "snippet": { "type": "string", "description": "HTML" },
                    "unit": { "type": ["string", "null"] }, "date": { "type": ["string", "null"], "format": "date" }, "score": { "type": "number" } } } } } })),
                "422": error_ref() } } },
            "/api/v1/articles": { "get": { "summary": "Published articles visible now, newest first (12 a page)", "parameters": [q("category", "string", false, "category slug"), q("unit", "string", false, "unit slug (its site and everything below)"), q("tag", "string", false, "tag slug"), q("page", "integer", false, "from 1")], "responses": {
                "200": ok("Articles", json!({ "type": "object", "properties": { "total": { "type": "integer" }, "page": { "type": "integer" }, "per_page": { "type": "integer" }, "items": { "type": "array", "items": { "$ref": "#/components/schemas/Article" } } } })),
                "404": error_ref() } } }
        }
    })
}
