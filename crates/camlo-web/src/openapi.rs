//! The OpenAPI 3.1 description of `/api/v1`, written by hand (a test checks it names every API
//! route the router serves, so it cannot drift).

use serde_json::{Value, json};

fn error_ref() -> Value {
    json!({ "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn q(name: &str, ty: &str, required: bool, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": { "type": ty } })
}

fn code_param() -> Value {
    json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "examples": ["000.01.60.H50-261102-0001"] } })
}

fn id_param() -> Value {
    json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } })
}

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

/// The document served at `/api/v1/openapi.json`.
pub fn document() -> Value {
    let mut doc = main_document();
    if let (Some(paths), Value::Object(extra)) = (doc["paths"].as_object_mut(), desk_paths()) {
        paths.extend(extra);
    }
    doc
}

fn main_document() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "camlo API",
            "version": "1",
            "description": "E-government for Vietnamese local government. Errors are {code, message, request_id} in the caller's language (Accept-Language: vi or en)."
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" }, "cookie": { "type": "apiKey", "in": "cookie", "name": "__Host-camlo" } },
            "schemas": {
                "Error": { "type": "object", "required": ["code", "message", "request_id"], "properties": {
                    "code": { "type": "string", "examples": ["AUTH-0001"] }, "message": { "type": "string" }, "request_id": { "type": "string" }, "field": { "type": "string" } } },
                "Unit": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "code": { "type": "string" }, "name": { "type": "string" }, "kind": { "type": "string" },
                    "parent_id": { "type": ["integer", "null"] }, "slug": { "type": "string" }, "valid_from": { "type": "string", "format": "date" }, "valid_to": { "type": ["string", "null"], "format": "date" } } },
                "Grant": { "type": "object", "properties": { "role": { "type": "string" }, "unit_id": { "type": ["integer", "null"] }, "unit_name": { "type": ["string", "null"] } } },
                "Procedure": { "type": "object", "properties": { "code": { "type": "string" }, "version": { "type": "integer" }, "name": { "type": "string" }, "sector": { "type": "string" },
                    "levels": { "type": "array", "items": { "type": "string" } }, "agency": { "type": "string" }, "legal_time": { "type": "object" }, "fees": { "type": "string" },
                    "documents": { "type": "array" }, "result": { "type": "string" }, "legal_basis": { "type": "string" }, "online": { "type": "string", "enum": ["full", "partial", "none"] },
                    "steps": { "type": "array" }, "valid_from": { "type": "string" }, "valid_to": { "type": ["string", "null"] } } },
                "Dossier": { "type": "object", "properties": { "id": { "type": "integer" }, "code": { "type": ["string", "null"] }, "status": { "type": "string" }, "status_label": { "type": "string" },
                    "due_at": { "type": ["string", "null"], "format": "date-time" }, "due_at_local": { "type": ["string", "null"], "description": "dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh" }, "procedure_code": { "type": "string" }, "procedure_name": { "type": "string" }, "applicant_name": { "type": "string" },
                    "received_at": { "type": ["string", "null"], "format": "date-time" }, "received_at_local": { "type": ["string", "null"], "description": "dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh" }, "lookup_secret": { "type": ["string", "null"] }, "history": { "type": ["array", "null"] }, "files": { "type": ["array", "null"] } } },
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
                    "cover": { "type": ["object", "null"], "properties": { "large": { "type": "string" }, "medium": { "type": "string" }, "thumb": { "type": "string" }, "caption": { "type": "string" } } } } },
                "Account": { "type": "object", "properties": { "id": { "type": "integer" }, "username": { "type": "string" }, "display_name": { "type": "string" }, "disabled": { "type": "boolean" }, "roles": { "type": "array", "items": { "$ref": "#/components/schemas/Grant" } } } }
            }
        },
        "paths": {
            "/api/v1/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } } },
            "/api/v1/session": {
                "post": {
                    "summary": "Sign in; sets the session cookie and returns a token usable as Authorization: Bearer",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["username", "password"], "properties": {
                        "username": { "type": "string" }, "password": { "type": "string" }, "totp": { "type": "string", "description": "Required when the account has two-step verification" } } } } } },
                    "responses": {
                        "200": ok("Signed in", json!({ "type": "object", "properties": { "token": { "type": "string" }, "csrf_token": { "type": "string" }, "idle_expires_at": { "type": "string" }, "absolute_expires_at": { "type": "string" } } })),
                        "401": error_ref(), "429": error_ref()
                    }
                },
                "delete": { "summary": "Sign out (revokes the session on the server)", "security": [{ "bearer": [] }, { "cookie": [] }], "responses": { "204": { "description": "Signed out" }, "401": error_ref() } }
            },
            "/api/v1/me": { "get": { "summary": "The current account, its roles and units", "security": [{ "bearer": [] }, { "cookie": [] }], "responses": {
                "200": ok("Account", json!({ "type": "object", "properties": { "id": { "type": "integer" }, "username": { "type": "string" }, "display_name": { "type": "string" }, "audience": { "type": "string" },
                    "language": { "type": "string" }, "totp_enabled": { "type": "boolean" }, "roles": { "type": "array", "items": { "$ref": "#/components/schemas/Grant" } },
                    "idle_remaining": { "type": "integer" }, "absolute_remaining": { "type": "integer" } } })),
                "401": error_ref() } } },
            "/api/v1/units": { "get": { "summary": "Units valid on a date (default today)", "parameters": [q("on", "string", false, "YYYY-MM-DD")], "responses": {
                "200": ok("Units", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Unit" } })), "422": error_ref() } } },
            "/api/v1/procedures": { "get": { "summary": "The procedure catalogue in force today", "parameters": [q("q", "string", false, "words, with or without diacritics"), q("sector", "string", false, ""), q("level", "string", false, "commune | district | province")], "responses": {
                "200": ok("Procedures", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Procedure" } })) } } },
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
            "/api/v1/procedures/import": { "post": { "summary": "Import procedures (system administrators): a JSON array in the seed format, or CSV with the columns code,name,sector,levels,agency,legal_time,fees,documents,result,legal_basis,online,steps,valid_from,valid_to. All or nothing; a procedure identical to its newest version is left alone, a changed one becomes a new version.",
                "security": [{ "bearer": [] }, { "cookie": [] }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Procedure" } } }, "text/csv": { "schema": { "type": "string" } } } },
                "responses": { "200": ok("Counts", json!({ "type": "object", "properties": { "added": { "type": "integer" }, "unchanged": { "type": "integer" } } })),
                    "403": error_ref(), "422": { "description": "Every problem, with its row and column: { code, message, request_id, problems: [{ row, field, code, detail }] }" } } } },
            "/api/v1/procedures/{code}/versions": { "get": { "summary": "Every version of a procedure, newest first", "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" } }], "responses": {
                "200": ok("Versions", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Procedure" } })), "404": error_ref() } } },
            "/api/v1/procedures/{code}": { "get": { "summary": "One procedure (the version in force)", "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "examples": ["1.001193"] } }], "responses": {
                "200": ok("Procedure", json!({ "$ref": "#/components/schemas/Procedure" })), "404": error_ref() } } },
            "/api/v1/dossiers": {
                "post": { "summary": "File a dossier (citizens online; officers with channel=counter, accepted at once). Honours Idempotency-Key: a retry returns the original with 200.",
                    "security": [{ "bearer": [] }, { "cookie": [] }],
                    "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": false, "schema": { "type": "string" } }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["procedure_code", "receiving_unit_id", "applicant"], "properties": {
                        "procedure_code": { "type": "string" }, "receiving_unit_id": { "type": "integer" }, "submit": { "type": "boolean", "default": true }, "channel": { "type": "string", "enum": ["online", "counter"] },
                        "applicant": { "type": "object", "properties": { "name": { "type": "string" }, "address": { "type": "string" }, "phone": { "type": "string" }, "email": { "type": "string" }, "cccd": { "type": "string" } } } } } } } },
                    "responses": { "201": ok("Created", json!({ "$ref": "#/components/schemas/Dossier" })), "200": ok("The original (idempotent retry)", json!({ "$ref": "#/components/schemas/Dossier" })), "404": error_ref(), "422": error_ref() } },
                "get": { "summary": "The caller's own dossiers", "security": [{ "bearer": [] }, { "cookie": [] }], "responses": { "200": ok("Dossiers", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Dossier" } })) } }
            },
            "/api/v1/dossiers/{code}": { "get": { "summary": "A dossier with its history and files (its applicant, or officials of its units)", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": ok("Dossier", json!({ "$ref": "#/components/schemas/Dossier" })), "403": error_ref(), "404": error_ref() } } },
            "/api/v1/dossiers/{code}/actions/{action}": { "post": { "summary": "Act on a dossier: accept, request_completion, refuse, forward, assign, request_supplement, resubmit_complete, propose, approve, reject, return_result, return_on_spot, submit, resubmit, withdraw",
                "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param(), { "name": "action", "in": "path", "required": true, "schema": { "type": "string" } }],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string" }, "assignee": { "type": "integer" } } } } } },
                "responses": { "200": ok("Dossier after the action", json!({ "$ref": "#/components/schemas/Dossier" })), "403": error_ref(), "409": error_ref(), "422": error_ref() } } },
            "/api/v1/dossiers/{code}/receipt.pdf": { "get": { "summary": "The receipt (Mẫu 01, A5 PDF with a QR code to the lookup page)", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref(), "409": error_ref() } } },
            "/api/v1/dossiers/{code}/supplement-request.pdf": { "get": { "summary": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02, A5 PDF) after request_completion or request_supplement; the note's lines are the items", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref() } } },
            "/api/v1/dossiers/{code}/refusal.pdf": { "get": { "summary": "Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu 03, A5 PDF) after refuse or reject; the note's lines are the reasons", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref() } } },
            "/api/v1/lookup/{code}": { "get": { "summary": "Public lookup: status and due date; with the receipt's secret, the history too. A missing code and a wrong secret get the same 404. Rate-limited.",
                "parameters": [code_param(), q("secret", "string", false, "printed on the receipt")], "responses": {
                "200": ok("Status", json!({ "$ref": "#/components/schemas/Dossier" })), "404": error_ref(), "429": error_ref() } } },
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
                "404": error_ref() } } },
            "/api/v1/units/{id}/office-hours": { "get": { "summary": "The office hours that apply to a unit (its own, its nearest ancestor's, or the default)", "parameters": [id_param()], "responses": {
                "200": ok("Office hours", json!({ "type": "object", "properties": { "unit_id": { "type": "integer" }, "source_unit_id": { "type": ["integer", "null"] },
                    "hours": { "type": "object", "properties": { "office_days": { "type": "array", "items": { "type": "string", "examples": ["Mon"] } },
                        "sessions": { "type": "array", "items": { "type": "object", "properties": { "start": { "type": "string" }, "end": { "type": "string" } } } },
                        "same_day_cutoff": { "type": "string" } } } } })),
                "404": error_ref() } } },
            "/api/v1/units/{id}": { "get": { "summary": "One unit", "parameters": [id_param()], "responses": { "200": ok("Unit", json!({ "$ref": "#/components/schemas/Unit" })), "404": error_ref() } } },
            "/api/v1/accounts/{id}": { "get": { "summary": "An account (administrators of its units)", "security": [{ "bearer": [] }], "parameters": [id_param()], "responses": {
                "200": ok("Account", json!({ "$ref": "#/components/schemas/Account" })), "403": error_ref(), "404": error_ref() } } },
            "/api/v1/admin/units/{id}/accounts": { "get": { "summary": "Accounts holding a role in a unit (administrators of that unit)", "security": [{ "bearer": [] }], "parameters": [id_param()], "responses": {
                "200": ok("Accounts", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Account" } })), "403": error_ref(), "404": error_ref() } } },
            "/api/v1/calendar/lunar": { "get": { "summary": "Solar to lunar date (UTC+7)", "parameters": [q("date", "string", true, "YYYY-MM-DD")], "responses": {
                "200": ok("Lunar date", json!({ "type": "object", "properties": { "solar": { "type": "string" }, "day": { "type": "integer" }, "month": { "type": "integer" }, "year": { "type": "integer" }, "leap": { "type": "boolean" }, "text": { "type": "string", "examples": ["1/1/2026", "15/6/2025 nhuận"] } } })),
                "422": error_ref() } } },
            "/api/v1/calendar/solar": { "get": { "summary": "Lunar to solar date", "parameters": [q("year", "integer", true, ""), q("month", "integer", true, ""), q("day", "integer", true, ""), q("leap", "boolean", false, "leap month")], "responses": {
                "200": ok("Solar date", json!({ "type": "object", "properties": { "date": { "type": "string" } } })), "422": error_ref() } } },
            "/api/v1/calendar/holidays": { "get": { "summary": "A year's days off (confirmed by an administrator, or computed from the Labour Code)", "parameters": [q("year", "integer", true, "")], "responses": {
                "200": ok("Days off", json!({ "type": "object", "properties": { "year": { "type": "integer" }, "confirmed": { "type": "boolean" }, "decision": { "type": ["string", "null"] },
                    "days": { "type": "array", "items": { "type": "object", "properties": { "date": { "type": "string" }, "lunar": { "type": "string" }, "name": { "type": "string" }, "name_en": { "type": "string" }, "kind": { "type": "string" } } } },
                    "extra_working_days": { "type": "array", "items": { "type": "string" } } } })),
                "422": error_ref() } } },
            "/api/v1/calendar/deadline": { "get": { "summary": "Deadline in working days (day 1 is the first working day after reception; due at the close of office hours)",
                "parameters": [q("received", "string", true, "YYYY-MM-DD HH:MM, Vietnam time"), q("working_days", "integer", true, "0 = same day (15:00 rule)"), q("unit", "integer", false, "receiving unit: its office hours apply")], "responses": {
                "200": ok("Deadline", json!({ "type": "object", "properties": { "received": { "type": "string" }, "working_days": { "type": "integer" }, "due": { "type": "string" }, "due_display": { "type": "string" }, "calendar": { "type": "string" } } })),
                "422": error_ref() } } }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_api_route_is_documented() {
        let doc = super::document();
        for (method, path) in crate::route_list() {
            if !path.starts_with("/api/") {
                continue;
            }
            let op = &doc["paths"][path][method.as_str().to_lowercase()];
            assert!(
                op.is_object(),
                "{method} {path} is missing from openapi.json"
            );
        }
    }
}
