//! Emit and render on every core: each worker takes the next planned file, heaviest first, emits its tokens and
//! formats them.

use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::{STACK_SIZE, emit, ir, render};

/// The rendered files (path and contents, in plan order) and the time spent emitting and rendering them, summed
/// over the workers.
pub(crate) struct Rendered {
    pub files: Vec<(String, String)>,
    pub emit_time: Duration,
    pub render_time: Duration,
}

/// Emits and renders every planned file on all cores (token streams are not `Send`, so each worker does both).
pub(crate) fn emit_and_render(
    api: &ir::Api,
    shared: Option<&syn::Path>,
    header: &str,
) -> Result<Rendered, Diagnostics> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let plan = emit::plan(api);
    let names = emit::TypeNames::of(api);
    // Heaviest first: the last file to start is then a small one, so the cores finish together.
    let mut order: Vec<usize> = (0..plan.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(emit::weight(api, &plan[i].1)));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<String, Diagnostics>>>> =
        Mutex::new(vec![None; plan.len()]);
    let totals = Mutex::new((Duration::ZERO, Duration::ZERO));
    let shared = shared.map(|p| quote::ToTokens::to_token_stream(p).to_string());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(plan.len())
        .max(1);
    let work = || {
        let shared: Option<syn::Path> = shared.as_deref().and_then(|p| syn::parse_str(p).ok());
        let (mut emit_time, mut render_time) = (Duration::ZERO, Duration::ZERO);
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            let (path, part) = &plan[i];
            let start = Instant::now();
            let tokens = emit::emit_part(api, &names, part, shared.as_ref());
            emit_time += start.elapsed();
            let start = Instant::now();
            let rendered = render::render(header, tokens, path);
            render_time += start.elapsed();
            if let Ok(mut r) = results.lock() {
                r[i] = Some(rendered);
            }
        }
        if let Ok(mut totals) = totals.lock() {
            totals.0 += emit_time;
            totals.1 += render_time;
        }
    };
    // A single file is rendered on this thread; from two files on, a worker per core pays for its start-up.
    if plan.len() <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    std::thread::Builder::new()
                        .stack_size(STACK_SIZE)
                        .spawn_scoped(scope, work)
                })
                .collect();
            for h in handles.into_iter().flatten() {
                if let Err(panic) = h.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
    }
    let (emit_time, render_time) = totals.into_inner().unwrap_or_default();
    let results = results.into_inner().unwrap_or_default();
    let files = plan
        .into_iter()
        .zip(results)
        .map(|((path, _), r)| match r {
            Some(r) => r.map(|text| (path, text)),
            None => Err(Diagnostics::single(
                "#",
                format!("internal error: {path} was not rendered"),
            )),
        })
        .collect::<Result<_, _>>()?;
    Ok(Rendered {
        files,
        emit_time,
        render_time,
    })
}
