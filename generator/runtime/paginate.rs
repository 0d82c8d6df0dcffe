//! Lazy page-by-page streaming of a paged list operation, driven by the spec's `x-pagination` extension.

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

/// One fetched page: its items and the number of the last page (when the response says).
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The last page number, if known.
    pub last_page: Option<i64>,
}

enum State<F> {
    Next(i64, F),
    Done,
}

/// Streams every item, fetching page `first`, then `first + 1`, ... until the last page (or an empty page).
/// An error is yielded once and ends the stream.
pub fn pages<T, E, F, Fut>(first: i64, fetch: F) -> impl Stream<Item = Result<T, E>> + Send + Unpin
where
    T: Send + 'static,
    E: Send + 'static,
    F: FnMut(i64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>, E>> + Send + 'static,
{
    let chunks = stream::unfold(State::Next(first, fetch), |state| async move {
        let State::Next(page, mut fetch) = state else { return None };
        match fetch(page).await {
            Ok(p) => {
                let more = !p.items.is_empty() && p.last_page.is_none_or(|last| page < last);
                let next = if more { State::Next(page + 1, fetch) } else { State::Done };
                Some((p.items.into_iter().map(Ok).collect::<Vec<_>>(), next))
            }
            Err(e) => Some((vec![Err(e)], State::Done)),
        }
    });
    Box::pin(chunks.flat_map(stream::iter))
}
