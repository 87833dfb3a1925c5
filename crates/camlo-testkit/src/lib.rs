//! Test harness: a fresh database per test on SQLite (default) or PostgreSQL
//! (`CAMLO_TEST_DATABASE_URL`), a fake clock, and helpers to boot and drive the real server.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod app;
pub mod clock;
pub mod db;
pub mod files;
pub mod http;
pub mod process;
pub mod webdriver;

pub use app::{AppOptions, FEATURES, Seed, TestApp, spawn_app, spawn_app_with};
pub use clock::FakeClock;
pub use db::TestDb;
