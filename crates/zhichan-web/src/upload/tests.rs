//! The upload and download plumbing behind a small router of its own (no product route takes
//! uploads yet): what is stored, what is refused, and what a download answers.

use std::path::Path;

use axum::extract::Path as UrlPath;
use axum::http::Request;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::*;

const TOKEN: &str = "8f14e45fceea167a5a36dedd4bea2543c4f1a5c7e5b9d1e0f2a3b4c5d6e7f809";
const BOUNDARY: &str = "zc-test-boundary-7MA4YWxkTrZu0gW";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// A form field: name, file name (for the file), content.
type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file_name, content) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(file_name) = file_name {
            body.extend_from_slice(format!("; filename=\"{file_name}\"\r\nContent-Type: application/pdf").as_bytes());
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A router with one upload route (a form's CSRF check, `body_limit`) and one download route.
fn app(files: &FileStore, body_limit: usize) -> Router {
    let store = files.clone();
    let upload = move |multipart: Multipart| async move {
        match receive(&store, multipart, CsrfCheck::Field(TOKEN)).await {
            Ok(upload) => {
                Json(json!({ "file": upload.file, "visibility": upload.field("visibility") })).into_response()
            }
            Err(error) => ApiError::from(error).into_response(),
        }
    };
    let store = files.clone();
    let fetch = move |UrlPath((sha256, name)): UrlPath<(String, String)>| async move {
        let file = store.open(&sha256).await.expect("stored");
        let size = file.metadata().await.expect("metadata").len();
        let meta = EvidenceFile { file_name: name, media_type: "image/png".into(), size, sha256 };
        download(file, &meta)
    };
    Router::new().route("/upload", with_limit(post(upload), body_limit)).route("/files/{sha256}/{name}", get(fetch))
}

async fn post_body(app: &Router, body: Body, length: Option<usize>) -> (StatusCode, Value) {
    let mut request =
        Request::post("/upload").header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"));
    if let Some(length) = length {
        request = request.header(header::CONTENT_LENGTH, length);
    }
    let response = app.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn post_form(app: &Router, parts: &[Part<'_>]) -> (StatusCode, Value) {
    let body = multipart(parts);
    let length = body.len();
    post_body(app, Body::from(body), Some(length)).await
}

/// Every file under `root`, temporary ones included.
fn stored_files(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            found.push(file.path().display().to_string());
        }
    }
    found
}

#[tokio::test]
async fn an_upload_is_stored_and_downloads_as_an_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1024);
    let app = app(&files, 64 * 1024);
    let parts: [Part<'_>; 3] =
        [("csrf", None, TOKEN.as_bytes()), ("file", Some("证据 1.pdf"), PNG), ("visibility", None, b"parties")];
    let (status, body) = post_form(&app, &parts).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["visibility"], "parties");
    let file = &body["file"];
    assert_eq!((file["file_name"].as_str(), file["media_type"].as_str()), (Some("证据 1.pdf"), Some("image/png")));
    assert_eq!(file["size"], PNG.len());
    let sha256 = file["sha256"].as_str().unwrap();
    assert!(files.verify(sha256).await.unwrap());

    let path = format!("/files/{sha256}/%E8%AF%81%E6%8D%AE%20%221%22.png");
    let response = app.oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(headers[header::CONTENT_LENGTH], PNG.len().to_string().as_str());
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"__ _1_.png\"; filename*=UTF-8''%E8%AF%81%E6%8D%AE%20%221%22.png"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
    let downloaded = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    assert_eq!(downloaded.as_ref(), PNG);
}

#[tokio::test]
async fn the_csrf_field_must_come_first_and_match() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1024);
    let app = app(&files, 64 * 1024);
    let wrong = "0".repeat(64);
    let forms: [&[Part<'_>]; 3] = [
        &[("file", Some("a.png"), PNG), ("csrf", None, TOKEN.as_bytes())],
        &[("csrf", None, wrong.as_bytes()), ("file", Some("a.png"), PNG)],
        &[("visibility", None, b"parties")],
    ];
    for form in forms {
        let (status, body) = post_form(&app, form).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("csrf_failed")), "{body}");
    }
    assert_eq!(stored_files(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn a_form_without_its_one_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&FileStore::new(dir.path().to_owned(), 1024), 64 * 1024);
    let (status, body) = post_form(&app, &[("csrf", None, TOKEN.as_bytes())]).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")), "{body}");
    let twice = [("csrf", None, TOKEN.as_bytes()), ("file", Some("a.png"), PNG), ("file", Some("b.png"), PNG)];
    let (status, body) = post_form(&app, &twice).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_input")), "{body}");
    let none_chosen = [("csrf", None, TOKEN.as_bytes()), ("file", Some(""), b"".as_slice())];
    let (status, body) = post_form(&app, &none_chosen).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")), "{body}");
    let long = vec![b'x'; MAX_FIELD_BYTES + 1];
    let (status, body) = post_form(&app, &[("csrf", None, TOKEN.as_bytes()), ("note", None, &long)]).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("form")), "{body}");
}

#[tokio::test]
async fn files_over_the_limit_are_refused_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1000);
    let app = app(&files, 64 * 1024);
    let exactly = vec![b'a'; 1000];
    let (status, body) = post_form(&app, &[("csrf", None, TOKEN.as_bytes()), ("file", Some("a.txt"), &exactly)]).await;
    assert_eq!((status, body["file"]["size"].as_u64()), (StatusCode::OK, Some(1000)), "{body}");

    let over = vec![b'b'; 1001];
    let (status, body) = post_form(&app, &[("csrf", None, TOKEN.as_bytes()), ("file", Some("b.txt"), &over)]).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("file_too_large")), "{body}");
    assert_eq!(stored_files(dir.path()).len(), 1, "only the first file is kept");
}

#[tokio::test]
async fn bodies_over_the_route_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1_000_000);
    let app = app(&files, 4096);
    let big = vec![b'c'; 10_000];
    let body = multipart(&[("csrf", None, TOKEN.as_bytes()), ("file", Some("c.txt"), &big)]);

    // A declared length beyond the limit is answered at once.
    let (status, _) = post_body(&app, Body::from(body.clone()), Some(body.len())).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // A body of unknown length is cut off at the limit, half-way through the file.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.chunks(1000).map(|c| Ok(c.to_vec())).collect();
    let (status, body) = post_body(&app, Body::from_stream(futures_util::stream::iter(chunks)), None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("file_too_large")), "{body}");
    assert_eq!(stored_files(dir.path()), Vec::<String>::new());
}

#[test]
fn only_upload_routes_take_large_bodies() {
    let files = FileStore::new("files".into(), 25 * 1024 * 1024);
    assert_eq!(body_limit(true, Some(&files)), 26 * 1024 * 1024);
    assert_eq!(body_limit(false, Some(&files)), BODY_LIMIT);
    assert_eq!(body_limit(true, None), BODY_LIMIT);
}

#[test]
fn download_names_are_quoted_safely() {
    assert_eq!(attachment("report.pdf"), "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    assert_eq!(
        attachment("a\"b\\c%d;e.txt"),
        "attachment; filename=\"a_b_c_d;e.txt\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.txt"
    );
    assert_eq!(rfc5987("商标"), "%E5%95%86%E6%A0%87");
}
