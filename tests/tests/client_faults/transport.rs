//! Failures below HTTP: timeouts, refused and dropped connections, bodies cut short (raw TCP servers on 127.0.0.1).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use stax_customer_client::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::support::{CUSTOMER, ID, Script, builder, json, new_customer, serve};

#[tokio::test]
async fn slow_server_times_out_quickly() {
    let script = Script::new(|_| json(200, CUSTOMER).set_delay(Duration::from_secs(2)));
    let server = serve("GET", "/customer/cus_1", &script).await;
    let client = builder(&server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.get_customer(ID).await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Timeout(t) = &err else {
        panic!("expected Timeout, got {err:?}")
    };
    assert!(t.elapsed_ms >= 150, "{t:?}");
    assert!(
        elapsed < Duration::from_millis(1500),
        "gave up after {elapsed:?}"
    );
    assert_eq!(err.status(), None);
    assert_eq!(
        script.arrivals().len(),
        1,
        "a timed-out attempt is not repeated"
    );
}

#[tokio::test]
async fn closed_port_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = builder(&format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let err = client.get_customer(ID).await.unwrap_err();
    let Error::Transport(t) = &err else {
        panic!("expected Transport, got {err:?}")
    };
    assert!(t.is_connect(), "{t:?}");
    assert_eq!(err.status(), None);
}

/// A raw HTTP/1.1 server on 127.0.0.1: connection `n` (from 0) gets the bytes `reply(n)` after its request head,
/// then the socket is closed (`None`: closed at once, without reading or answering). Returns the base URL and
/// the number of connections accepted.
async fn raw_server(
    reply: impl Fn(usize) -> Option<Vec<u8>> + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let Some(bytes) = reply(n) else { continue };
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(k) => head.extend_from_slice(&buf[..k]),
                }
            }
            let _ = socket.write_all(&bytes).await;
            let _ = socket.shutdown().await;
        }
    });
    (base, count)
}

fn truncated_response() -> Vec<u8> {
    let partial = &CUSTOMER.as_bytes()[..20];
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            .to_vec();
    bytes.extend_from_slice(partial);
    bytes
}

fn full_response() -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{CUSTOMER}",
        CUSTOMER.len()
    )
    .into_bytes()
}

#[tokio::test]
async fn truncated_body_is_a_transport_error() {
    let (base, connections) = raw_server(|_| Some(truncated_response())).await;
    let client = builder(&base).max_retries(0).build().unwrap();
    let err = client.get_customer(ID).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(_)),
        "expected Transport, got {err:?}"
    );
    assert_eq!(err.status(), None);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn truncated_body_on_get_is_retried() {
    let (base, connections) = raw_server(|n| {
        Some(if n == 0 {
            truncated_response()
        } else {
            full_response()
        })
    })
    .await;
    let client = builder(&base).build().unwrap();
    let customer = client.get_customer(ID).await.unwrap();
    assert_eq!(customer.id, ID);
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn dropped_connection_retries_get_but_not_post() {
    let (base, connections) = raw_server(|n| (n > 0).then(full_response)).await;
    let client = builder(&base).build().unwrap();
    assert_eq!(client.get_customer(ID).await.unwrap().id, ID);
    assert_eq!(connections.load(Ordering::SeqCst), 2);

    let (base, connections) = raw_server(|_| None).await;
    let client = builder(&base).build().unwrap();
    let err = client.create_customer(&new_customer()).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(_)),
        "expected Transport, got {err:?}"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "a POST is never repeated"
    );
}
