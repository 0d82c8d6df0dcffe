//! Streamed downloads: the body of a successful response as a stream of chunks, so a large file never sits in memory.
//!
//! `<op>_download` methods send the request like any other (retrying what is safe to repeat, before any byte of the
//! body is read) and read error bodies completely to pick the typed error. A success is returned as soon as its
//! headers arrive. The client's timeout covers each attempt until the response headers; after that every chunk must
//! arrive within the same timeout of the previous one, or the stream yields a timeout error and ends.
//! The audit log's `request finished` event is written when the headers arrive.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::HeaderMap;

use super::errors::{TimeoutError, TransportError};
use super::http::{Failure, Inner};
use super::request::Request;
use super::response::Response;

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>;

/// The body of a successful response, read chunk by chunk as the stream is polled, with the response's status and
/// headers. `E` is the generated crate's `Error`.
pub struct Download<E> {
    status: u16,
    headers: HeaderMap,
    chunks: Chunks,
    idle_timeout: Duration,
    idle: Pin<Box<tokio::time::Sleep>>,
    last_chunk: Instant,
    done: bool,
    error: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for Download<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("content_length", &self.content_length())
            .finish_non_exhaustive()
    }
}

impl<E> Download<E> {
    /// The body of a success response: streamed when the request was sent as a download (it was left unread),
    /// else the bytes already read, as one chunk.
    pub(crate) fn new(mut resp: Response) -> Self {
        let (status, headers) = (resp.status(), resp.headers().clone());
        let (chunks, idle_timeout): (Chunks, Duration) = match resp.take_unread() {
            Some(unread) => (Box::pin(unread.response.bytes_stream()), unread.idle_timeout),
            None => {
                let body = resp.into_bytes();
                (Box::pin(futures_util::stream::iter([Ok(body)])), Duration::from_secs(60 * 60))
            }
        };
        Download {
            status,
            headers,
            chunks,
            idle_timeout,
            idle: Box::pin(tokio::time::sleep(idle_timeout)),
            last_chunk: Instant::now(),
            done: false,
            error: PhantomData,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Content-Type` header, when present and readable.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(reqwest::header::CONTENT_TYPE)?.to_str().ok()
    }

    /// The `Content-Length` header: the size of the whole body, when the server announced it.
    pub fn content_length(&self) -> Option<u64> {
        self.headers.get(reqwest::header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
    }
}

impl<E: From<Failure>> Download<E> {
    /// Reads the rest of the body into one buffer (for bodies known to be small).
    pub async fn bytes(mut self) -> Result<Bytes, E> {
        let mut buf = bytes::BytesMut::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_next(cx)).await {
            buf.extend_from_slice(&chunk?);
        }
        Ok(buf.freeze())
    }
}

impl<E: From<Failure>> Stream for Download<E> {
    type Item = Result<Bytes, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        match this.chunks.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.last_chunk = Instant::now();
                let next = tokio::time::Instant::now() + this.idle_timeout;
                this.idle.as_mut().reset(next);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                this.done = true;
                let failure = if e.is_timeout() {
                    Failure::Timeout(TimeoutError { elapsed_ms: millis(this.last_chunk) })
                } else {
                    Failure::Transport(TransportError::new(e))
                };
                Poll::Ready(Some(Err(E::from(failure))))
            }
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => match this.idle.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.done = true;
                    let elapsed_ms = millis(this.last_chunk);
                    Poll::Ready(Some(Err(E::from(Failure::Timeout(TimeoutError { elapsed_ms })))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Sends `req` as a download: a success body is left unread, for [`Download::new`] to stream.
pub(crate) async fn send(inner: &Inner, mut req: Request) -> Result<Response, Failure> {
    req.stream_body = true;
    inner.execute(req).await
}
