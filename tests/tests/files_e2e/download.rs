//! Downloads: binary bodies as exact bytes, and the `_download` methods that stream a body chunk by chunk, with typed
//! errors, retries before the body starts, and a timeout between chunks.

use std::sync::atomic::Ordering;
use std::time::Duration;

use bytes::Bytes;
use fixture_outputs::files::{Error, GetDocumentPdfParams};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::server::{content, start};

#[tokio::test]
async fn a_binary_download_returns_the_exact_bytes() {
    let (seen, client) = start(Duration::from_secs(10), 0).await;
    let bytes = client.get_document_content("d1").await.expect("the download succeeds");
    assert!(bytes == content(), "exact bytes ({} of {})", bytes.len(), content().len());
    assert_eq!(seen.accept.lock().unwrap().as_slice(), ["application/octet-stream, application/json;q=0.9"]);
}

#[tokio::test]
async fn a_download_streams_chunks_before_the_whole_body_is_sent() {
    let (seen, client) = start(Duration::from_secs(10), 0).await;
    let (tx, rx) = mpsc::channel::<Bytes>(1);
    *seen.stream.lock().unwrap() = Some(rx);

    // The headers arrive while the server has not sent a byte of the body.
    let mut download = client
        .get_document_pdf_download("d1", &GetDocumentPdfParams::default())
        .await
        .expect("the headers arrive");
    assert_eq!(download.status(), 200);
    assert_eq!(download.content_type(), Some("application/pdf"));
    assert_eq!(download.content_length(), None, "the server streams without a length");

    // Each chunk is yielded as soon as the server sends it, before the next one exists.
    for i in 0..3 {
        let chunk = Bytes::from(format!("%PDF chunk {i};"));
        tx.send(chunk.clone()).await.expect("the server is streaming");
        let got = download.next().await.expect("a chunk").expect("no error");
        assert_eq!(got, chunk);
    }
    tx.send(Bytes::from_static(b"%%EOF")).await.expect("the server is streaming");
    drop(tx);
    let rest = download.bytes().await.expect("the rest of the body");
    assert_eq!(rest, Bytes::from_static(b"%%EOF"));
    assert_eq!(seen.accept.lock().unwrap().as_slice(), ["application/pdf, application/json;q=0.9"]);
}

#[tokio::test]
async fn an_error_status_on_a_download_gives_the_typed_error() {
    let (_seen, client) = start(Duration::from_secs(10), 0).await;
    let err = client
        .get_document_pdf_download("missing", &GetDocumentPdfParams::default())
        .await
        .expect_err("404");
    match err {
        Error::NotFound(e) => assert_eq!(e.body().map(|p| p.message.as_str()), Some("no such document")),
        other => panic!("expected NotFound, got {other:?}"),
    }
    let err = client.get_document_content("missing").await.expect_err("404");
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
}

#[tokio::test]
async fn a_download_is_retried_before_its_body_starts() {
    let (seen, client) = start(Duration::from_secs(10), 2).await;
    let (tx, rx) = mpsc::channel::<Bytes>(1);
    *seen.stream.lock().unwrap() = Some(rx);
    let download = client
        .get_document_pdf_download("flaky", &GetDocumentPdfParams::default())
        .await
        .expect("the second attempt streams");
    assert_eq!(seen.flaky_attempts.load(Ordering::SeqCst), 2, "503, then 200");
    tx.send(Bytes::from_static(b"%PDF")).await.expect("the server is streaming");
    drop(tx);
    assert_eq!(download.bytes().await.expect("the body"), Bytes::from_static(b"%PDF"));
}

#[tokio::test]
async fn a_stalled_download_ends_with_a_timeout() {
    // The timeout covers the wait for headers, then the wait for each chunk; the server sends one chunk and stalls.
    let (seen, client) = start(Duration::from_millis(300), 0).await;
    let (tx, rx) = mpsc::channel::<Bytes>(1);
    *seen.stream.lock().unwrap() = Some(rx);
    let mut download = client
        .get_document_pdf_download("d1", &GetDocumentPdfParams::default())
        .await
        .expect("the headers arrive");
    tx.send(Bytes::from_static(b"first")).await.expect("the server is streaming");
    assert_eq!(download.next().await.expect("a chunk").expect("no error"), Bytes::from_static(b"first"));
    let err = download.next().await.expect("an item").expect_err("the server stalled");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(download.next().await.is_none(), "an error ends the stream");
    drop(tx);
}

#[tokio::test]
async fn a_download_whose_headers_never_come_times_out() {
    let (_seen, client) = start(Duration::from_millis(300), 0).await;
    let err = client
        .get_document_pdf_download("hang", &GetDocumentPdfParams::default())
        .await
        .expect_err("no headers within the timeout");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}
