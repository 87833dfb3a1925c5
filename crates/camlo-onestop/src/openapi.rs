//! The one-stop shop's part of the OpenAPI document: procedures, dossiers, lookup.

use camlo_web::openapi::{error_ref, ok, q};
use serde_json::{Value, json};

/// The `{code}` path parameter of a dossier.
fn code_param() -> Value {
    json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string", "examples": ["000.01.60.H50-261102-0001"] } })
}

/// Paths and schemas.
pub fn paths() -> Value {
    json!({
        "schemas": {
                "Procedure": { "type": "object", "properties": { "code": { "type": "string" }, "version": { "type": "integer" }, "name": { "type": "string" }, "sector": { "type": "string" },
                    "levels": { "type": "array", "items": { "type": "string" } }, "agency": { "type": "string" }, "legal_time": { "type": "object" }, "fees": { "type": "string" },
                    "documents": { "type": "array" }, "result": { "type": "string" }, "legal_basis": { "type": "string" }, "online": { "type": "string", "enum": ["full", "partial", "none"] },
                    "steps": { "type": "array" }, "valid_from": { "type": "string" }, "valid_to": { "type": ["string", "null"] } } },
                "Dossier": { "type": "object", "properties": { "id": { "type": "integer" }, "code": { "type": ["string", "null"] }, "status": { "type": "string" }, "status_label": { "type": "string" },
                    "due_at": { "type": ["string", "null"], "format": "date-time" }, "due_at_local": { "type": ["string", "null"], "description": "dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh" }, "procedure_code": { "type": "string" }, "procedure_name": { "type": "string" }, "applicant_name": { "type": "string" },
                    "received_at": { "type": ["string", "null"], "format": "date-time" }, "received_at_local": { "type": ["string", "null"], "description": "dd/mm/yyyy HH:MM, Asia/Ho_Chi_Minh" }, "lookup_secret": { "type": ["string", "null"] }, "history": { "type": ["array", "null"] }, "files": { "type": ["array", "null"] },
                    "current_unit": { "type": ["string", "null"], "description": "the unit holding the dossier now" }, "assignee_id": { "type": ["integer", "null"] },
                    "actions": { "type": ["array", "null"], "items": { "type": "string" }, "description": "what the caller can do now (names for /actions/{action})" } } },
                "DeskItem": { "allOf": [{ "$ref": "#/components/schemas/Dossier" }, { "type": "object", "properties": {
                    "queue": { "type": "string", "enum": ["tiep-nhan", "chuyen-xu-ly", "phan-cong", "tham-dinh", "phe-duyet", "tra-ket-qua", "cho-cong-dan"] },
                    "urgency": { "type": "string", "enum": ["late", "today", "soon", "ok", "none"] }, "time_left": { "type": "string" }, "waiting": { "type": "string" } } }] }
        },
        "paths": {
            "/api/v1/procedures": { "get": { "summary": "The procedure catalogue in force today", "parameters": [q("q", "string", false, "words, with or without diacritics"), q("sector", "string", false, ""), q("level", "string", false, "commune | district | province")], "responses": {
                "200": ok("Procedures", json!({ "type": "array", "items": { "$ref": "#/components/schemas/Procedure" } })) } } },
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
            "/api/v1/dossiers/{code}/actions/{action}": { "post": { "summary": "Act on a dossier: accept, request_completion, refuse, forward, assign, request_supplement, resubmit_complete, propose, approve, reject, send_back (leader, with a reason), reassign (leader, with assignee), return_result, return_on_spot, submit, resubmit, withdraw (at the counter with the applicant's reason). A leader's assign names a specialist of the unit holding the dossier (assignee); otherwise 422 DOS-0020.",
                "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param(), { "name": "action", "in": "path", "required": true, "schema": { "type": "string" } }],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object", "properties": { "note": { "type": "string" }, "assignee": { "type": "integer" } } } } } },
                "responses": { "200": ok("Dossier after the action", json!({ "$ref": "#/components/schemas/Dossier" })), "403": error_ref(), "409": error_ref(), "422": error_ref() } } },
            "/api/v1/dossiers/{code}/receipt.pdf": { "get": { "summary": "The receipt (Mẫu 01, A5 PDF with a QR code to the lookup page)", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref(), "409": error_ref() } } },
            "/api/v1/dossiers/{code}/supplement-request.pdf": { "get": { "summary": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02, A5 PDF) after request_completion or request_supplement; the note's lines are the items", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref() } } },
            "/api/v1/dossiers/{code}/refusal.pdf": { "get": { "summary": "Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu 03, A5 PDF) after refuse or reject; the note's lines are the reasons", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": { "description": "PDF", "content": { "application/pdf": {} } }, "404": error_ref() } } },
            "/api/v1/desk": { "get": { "summary": "The official's desk: queues by what must be done (with counts) and the dossiers, running clocks first, overdue first, then by due time. Search by code, name (with or without diacritics), phone or CCCD; filter by procedure and day (dd/mm/yyyy or yyyy-mm-dd).",
                "security": [{ "bearer": [] }, { "cookie": [] }],
                "parameters": [q("tab", "string", false, "a queue key"), q("q", "string", false, "code, name, phone or CCCD"), q("procedure", "string", false, "procedure code"), q("from", "string", false, "first day"), q("to", "string", false, "last day")],
                "responses": { "200": ok("Desk", json!({ "type": "object", "properties": {
                    "queues": { "type": "array", "items": { "type": "object", "properties": { "key": { "type": "string" }, "label": { "type": "string" }, "count": { "type": "integer" } } } },
                    "items": { "type": "array", "items": { "$ref": "#/components/schemas/DeskItem" } } } })), "401": error_ref(), "403": error_ref() } } },
            "/api/v1/dossiers/{code}/assignees": { "get": { "summary": "The specialists a leader may assign the dossier to (Specialist of the unit holding it)", "security": [{ "bearer": [] }, { "cookie": [] }], "parameters": [code_param()], "responses": {
                "200": ok("Specialists", json!({ "type": "array", "items": { "type": "object", "properties": { "id": { "type": "integer" }, "name": { "type": "string" } } } })), "404": error_ref() } } },
            "/api/v1/lookup/{code}": { "get": { "summary": "Public lookup: status and due date; with the receipt's secret, the history too. A missing code and a wrong secret get the same 404. Rate-limited.",
                "parameters": [code_param(), q("secret", "string", false, "printed on the receipt")], "responses": {
                "200": ok("Status", json!({ "$ref": "#/components/schemas/Dossier" })), "404": error_ref(), "429": error_ref() } } }
        }
    })
}
