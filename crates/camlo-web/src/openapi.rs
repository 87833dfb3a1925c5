//! The OpenAPI 3.1 description of `/api/v1`, written by hand and assembled from the frame's part
//! and each feature's (a test checks it names every API route the router serves, so it cannot
//! drift).

use serde_json::{Value, json};

/// A response with the error schema.
pub fn error_ref() -> Value {
    json!({ "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

/// A JSON response with a schema.
pub fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

/// A query parameter.
pub fn q(name: &str, ty: &str, required: bool, description: &str) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": { "type": ty } })
}

/// The `{id}` path parameter.
pub fn id_param() -> Value {
    json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } })
}

/// The document served at `/api/v1/openapi.json`: the frame's paths and schemas, then each
/// feature's (`{"paths": {…}, "schemas": {…}}` from [`crate::feature::Feature::openapi`]).
pub fn document(features: &[&'static crate::feature::Feature]) -> Value {
    let mut doc = main_document();
    for f in features {
        let part = (f.openapi)();
        for (key, target) in [("paths", "/paths"), ("schemas", "/components/schemas")] {
            if let (Some(into), Some(Value::Object(extra))) = (
                doc.pointer_mut(target).and_then(Value::as_object_mut),
                part.get(key),
            ) {
                into.extend(extra.clone());
            }
        }
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
