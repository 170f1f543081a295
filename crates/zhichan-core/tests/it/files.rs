//! The store of case documents on a real directory: what is kept, where, under which name and
//! type, and that a refused or broken upload leaves nothing behind.

use std::io::Write;
use std::path::Path;

use bytes::Bytes;
use futures_util::stream;
use sha2::{Digest, Sha256};
use zhichan_core::files::FileStore;
use zhichan_core::{CoreError, CoreSettings, ErrorCode};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0";

/// A body arriving in chunks of `size` bytes.
fn chunked(content: &[u8], size: usize) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + use<> {
    let chunks: Vec<_> = content.chunks(size).map(|chunk| Ok(Bytes::copy_from_slice(chunk))).collect();
    stream::iter(chunks)
}

fn sha256(content: &[u8]) -> String {
    hex::encode(Sha256::digest(content))
}

/// Every file under `root`, the temporary directory included.
fn files_under(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            found.push(file.path().strip_prefix(root).unwrap().display().to_string());
        }
    }
    found.sort();
    found
}

/// A minimal Word document: a zip archive with the parts Word writes first.
fn docx() -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships/>"#),
        ("word/document.xml", r#"<?xml version="1.0"?><w:document><w:body><w:p>答辩理由</w:p></w:body></w:document>"#),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0"?><Relationships/>"#),
        ("word/styles.xml", r#"<?xml version="1.0"?><w:styles/>"#),
    ];
    for (name, content) in parts {
        archive.start_file(name, options).unwrap();
        archive.write_all(content.as_bytes()).unwrap();
    }
    archive.finish().unwrap().into_inner()
}

fn zip_of_notes() -> Vec<u8> {
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    archive.start_file("notes.txt", options).unwrap();
    archive.write_all("会面记录".as_bytes()).unwrap();
    archive.finish().unwrap().into_inner()
}

#[tokio::test]
async fn a_file_is_stored_under_the_sha256_of_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let content = "商标使用证据：2025 年广交会展位照片说明\n".repeat(2000);
    let stored = files.receive("../../说明.txt", chunked(content.as_bytes(), 4096)).await.unwrap();
    let expected = sha256(content.as_bytes());
    assert_eq!(stored.sha256, expected);
    assert_eq!(stored.size, content.len() as u64);
    assert_eq!(stored.file_name, "说明.txt");
    assert_eq!(stored.media_type, "text/plain; charset=utf-8");
    assert_eq!(files_under(dir.path()), [format!("{}/{expected}", &expected[..2])]);

    let mut opened = files.open(&expected).await.unwrap();
    let mut read = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut opened, &mut read).await.unwrap();
    assert_eq!(read, content.as_bytes());
    assert!(files.verify(&expected).await.unwrap());
}

#[tokio::test]
async fn the_size_limit_is_inclusive_and_an_oversized_file_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 10_000);
    let at_limit = vec![b'a'; 10_000];
    assert_eq!(files.receive("a.txt", chunked(&at_limit, 333)).await.unwrap().size, 10_000);

    let over = vec![b'b'; 10_001];
    let refused = files.receive("b.txt", chunked(&over, 333)).await.unwrap_err();
    assert!(matches!(refused, CoreError::FileTooLarge { limit: 10_000 }), "{refused:?}");
    assert_eq!(refused.code(), ErrorCode::FileTooLarge);
    assert_eq!(refused.code().status(), 413);
    assert_eq!(files_under(dir.path()), [format!("{0}/{1}", &sha256(&at_limit)[..2], sha256(&at_limit))]);
}

#[tokio::test]
async fn the_type_comes_from_the_content_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let png = files.receive("合同.pdf", chunked(PNG, 7)).await.unwrap();
    assert_eq!((png.file_name.as_str(), png.media_type.as_str()), ("合同.pdf", "image/png"));

    let word = files.receive("答辩书", chunked(&docx(), 100)).await.unwrap();
    assert_eq!(word.media_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    let archive = files.receive("notes.docx", chunked(&zip_of_notes(), 100)).await.unwrap();
    assert_eq!(archive.media_type, "application/zip");

    let mut program = ELF.to_vec();
    program.resize(50_000, 0x90);
    let refused = files.receive("invoice.pdf", chunked(&program, 4096)).await.unwrap_err();
    assert!(matches!(&refused, CoreError::UnsupportedMediaType { found } if found == "application/x-executable"));
    assert_eq!((refused.code().status(), refused.field()), (415, Some("file")));
    assert!(refused.to_string().contains("application/x-executable"), "{refused}");

    let binary = files.receive("data.txt", chunked(&[0, 1, 2, 3, 0xff, 0xfe], 2)).await.unwrap_err();
    assert!(matches!(&binary, CoreError::UnsupportedMediaType { found } if found == "unrecognised binary data"));
    assert_eq!(files_under(dir.path()).len(), 3, "only the accepted files are kept: {:?}", files_under(dir.path()));
}

#[tokio::test]
async fn an_identical_upload_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let first = files.receive("photo.png", chunked(PNG, 5)).await.unwrap();
    let second = files.receive("同一张照片.png", chunked(PNG, 11)).await.unwrap();
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(second.file_name, "同一张照片.png");
    assert_eq!(files_under(dir.path()).len(), 1);
}

#[tokio::test]
async fn a_damaged_stored_file_fails_verification_and_a_new_upload_repairs_it() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let stored = files.receive("photo.png", chunked(PNG, 64)).await.unwrap();
    let path = dir.path().join(&stored.sha256[..2]).join(&stored.sha256);
    std::fs::write(&path, &PNG[..10]).unwrap();
    assert!(!files.verify(&stored.sha256).await.unwrap());

    files.receive("photo.png", chunked(PNG, 64)).await.unwrap();
    assert!(files.verify(&stored.sha256).await.unwrap());
}

#[tokio::test]
async fn only_digests_name_stored_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret"), "not a document").unwrap();
    let files = FileStore::new(dir.path().join("files"), 1 << 20);
    let upper = sha256(b"x").to_uppercase();
    for name in ["../secret", "../../etc/passwd", "", "ab/../../secret", upper.as_str(), &sha256(b"x")[..63]] {
        let refused = files.open(name).await.unwrap_err();
        assert_eq!(refused.field(), Some("sha256"), "{name:?}");
        assert_eq!(files.verify(name).await.unwrap_err().field(), Some("sha256"), "{name:?}");
    }
    let absent = files.open(&sha256(b"never stored")).await.unwrap_err();
    assert!(matches!(absent, CoreError::NotFound(_)), "{absent:?}");
    assert!(matches!(files.verify(&sha256(b"never stored")).await, Err(CoreError::NotFound(_))));
}

#[tokio::test]
async fn a_stream_failing_half_way_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let body = stream::iter([
        Ok(Bytes::from_static(b"%PDF-1.7\n")),
        Ok(Bytes::from(vec![b'x'; 20_000])),
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer")),
    ]);
    let refused = files.receive("brief.pdf", body).await.unwrap_err();
    assert_eq!(refused.field(), Some("file"));
    assert!(refused.to_string().contains("connection reset by peer"), "{refused}");
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn an_upload_dropped_half_way_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(1);
    let body =
        stream::unfold(receiver, |mut receiver| async move { receiver.recv().await.map(|item| (item, receiver)) });
    let task = tokio::spawn({
        let files = files.clone();
        async move { files.receive("brief.pdf", body).await }
    });
    sender.send(Ok(Bytes::from_static(b"%PDF-1.7\n"))).await.unwrap();
    let started = std::time::Instant::now();
    while files_under(dir.path()).is_empty() {
        assert!(started.elapsed().as_secs() < 10, "the upload never started");
        tokio::task::yield_now().await;
    }
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn names_with_nothing_visible_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().to_owned(), 1 << 20);
    let refused = files.receive("../\u{202e}", chunked(PNG, 64)).await.unwrap_err();
    assert_eq!(refused.field(), Some("file_name"));
    let empty = files.receive("empty.txt", chunked(b"", 1)).await.unwrap_err();
    assert_eq!(empty.field(), Some("file"));
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn the_core_hands_out_its_attached_store() {
    let (core, dir) = crate::core_with(CoreSettings::default()).await;
    assert_eq!(core.files().unwrap().root(), dir.path().join("files"));
    let bare = zhichan_core::Core::new(core.store().clone(), CoreSettings::default());
    assert!(matches!(bare.files(), Err(CoreError::Internal(_))));
    assert_eq!(bare.with_files(FileStore::new(dir.path().join("other"), 42)).files().unwrap().max_bytes(), 42);
}
