//! Uploads on the wire: multipart file parts with their file names, content types and exact bytes, text and JSON
//! parts beside them, and raw bodies of bytes.

use std::time::Duration;

use bytes::Bytes;
use fixture_outputs::files::{FilePart, Meta, UploadDocumentBody};

use super::server::{Part, content, start};

fn part<'a>(parts: &'a [Part], name: &str) -> Vec<&'a Part> {
    parts.iter().filter(|p| p.name == name).collect()
}

#[tokio::test]
async fn a_multipart_upload_sends_real_file_parts() {
    let (seen, client) = start(Duration::from_secs(10), 0).await;
    let pdf = content();
    let body = UploadDocumentBody {
        title: "Q3 \"final\" report".into(),
        tags: Some(vec!["finance".into(), "q3".into()]),
        meta: Some(Meta { author: Some("Jane".into()), pages: Some(12) }),
        file: FilePart::new(pdf.clone()).file_name("résumé \"v2\".pdf").content_type("application/pdf"),
        attachments: Some(vec![
            FilePart::new(&b"\x89PNG first"[..]).file_name("a.png").content_type("image/png"),
            FilePart::new(&b"\xff\xd8 second"[..]).file_name("b.jpg").content_type("image/jpeg"),
        ]),
        // The spec fixes this part's type (`encoding: {thumbnail: {contentType: image/png}}`): the caller's is ignored.
        thumbnail: Some(FilePart::new(Bytes::from_static(b"thumb")).content_type("image/gif")),
    };
    let doc = client.upload_document(&body).await.expect("the upload succeeds");
    assert_eq!(doc.id, "d1");

    let upload_type = seen.upload_type.lock().unwrap().clone().expect("a Content-Type");
    assert!(upload_type.starts_with("multipart/form-data; boundary="), "{upload_type}");
    let parts = seen.parts.lock().unwrap().clone();
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["title", "tags", "tags", "meta", "file", "attachments", "attachments", "thumbnail"]);

    let text = |name: &str| {
        let p = part(&parts, name)[0];
        (p.file_name.clone(), p.content_type.clone(), String::from_utf8(p.bytes.clone()).expect("UTF-8"))
    };
    assert_eq!(text("title"), (None, None, "Q3 \"final\" report".into()));
    // An array of plain values is one text part per item; objects are JSON.
    let tags: Vec<(Option<String>, String)> =
        part(&parts, "tags").iter().map(|p| (p.content_type.clone(), String::from_utf8(p.bytes.clone()).expect("UTF-8"))).collect();
    assert_eq!(tags, [(None, "finance".to_owned()), (None, "q3".to_owned())]);
    assert_eq!(text("meta"), (None, Some("application/json".into()), r#"{"author":"Jane","pages":12}"#.into()));

    let file = part(&parts, "file")[0];
    // Quotes in a file name are escaped as browsers do (`%22`); other characters are sent as UTF-8.
    assert_eq!(file.file_name.as_deref(), Some("résumé %22v2%22.pdf"));
    assert_eq!(file.content_type.as_deref(), Some("application/pdf"));
    assert!(file.bytes == pdf, "the file's bytes arrive unchanged ({} of {} bytes)", file.bytes.len(), pdf.len());

    let attachments = part(&parts, "attachments");
    assert_eq!(attachments[0].file_name.as_deref(), Some("a.png"));
    assert_eq!(attachments[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(attachments[0].bytes, b"\x89PNG first");
    assert_eq!(attachments[1].file_name.as_deref(), Some("b.jpg"));
    // The spec lists two types for this part, so the caller's choice stands.
    assert_eq!(attachments[1].content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(attachments[1].bytes, b"\xff\xd8 second");

    let thumbnail = part(&parts, "thumbnail")[0];
    assert_eq!(thumbnail.content_type.as_deref(), Some("image/png"));
    assert_eq!(thumbnail.file_name.as_deref(), Some(""), "a file part always has a filename");
    assert_eq!(thumbnail.bytes, b"thumb");
}

#[tokio::test]
async fn optional_parts_left_out_are_not_sent_and_a_default_type_applies() {
    let (seen, client) = start(Duration::from_secs(10), 0).await;
    let body = UploadDocumentBody {
        title: "t".into(),
        tags: None,
        meta: None,
        file: FilePart::new(vec![0u8, 1, 2]),
        attachments: Some(Vec::new()),
        thumbnail: None,
    };
    client.upload_document(&body).await.expect("the upload succeeds");
    let parts = seen.parts.lock().unwrap().clone();
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["title", "file"]);
    assert_eq!(parts[1].content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(parts[1].bytes, [0u8, 1, 2]);
}

#[tokio::test]
async fn an_octet_stream_body_arrives_unchanged_with_its_content_type() {
    let (seen, client) = start(Duration::from_secs(10), 0).await;
    let bytes = content();
    client.put_document_content("d1", bytes.clone()).await.expect("a Vec<u8> is accepted");
    let (ct, received) = seen.raw.lock().unwrap().clone().expect("a raw upload");
    assert_eq!(ct, "application/octet-stream");
    assert!(received == bytes, "the body arrives unchanged ({} of {} bytes)", received.len(), bytes.len());

    client.put_document_content("d1", Bytes::from_static(b"static")).await.expect("Bytes are accepted");
    assert_eq!(seen.raw.lock().unwrap().clone().expect("a raw upload").1, b"static");
}
