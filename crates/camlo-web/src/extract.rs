//! Extractors whose rejections come back in camlo's error format, not the framework's.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

fn too_large_or_bad(status: StatusCode) -> AppError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006")
    } else {
        AppError::bad_request()
    }
}

/// A URL-encoded form.
pub struct AppForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AppForm<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Self(v)),
            Err(e) => Err(match e {
                FormRejection::BytesRejection(b) => too_large_or_bad(b.status()),
                other => {
                    let mut err = AppError::bad_request();
                    err.detail = Some(other.body_text());
                    err
                }
            }),
        }
    }
}

/// A JSON body.
pub struct AppJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(e) => Err(match e {
                JsonRejection::BytesRejection(b) => too_large_or_bad(b.status()),
                other => {
                    let mut err = AppError::bad_request();
                    err.detail = Some(other.body_text());
                    err
                }
            }),
        }
    }
}

impl<T: serde::Serialize> axum::response::IntoResponse for AppJson<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// A query string.
pub struct AppQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for AppQuery<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|e: QueryRejection| {
                let mut err = AppError::bad_request();
                err.detail = Some(e.body_text());
                err
            })
    }
}

/// Path parameters.
pub struct AppPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for AppPath<T> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|e: PathRejection| {
                let mut err = AppError::not_found();
                err.detail = Some(e.body_text());
                err
            })
    }
}
