//! Spreading work over the cores: the files of one crate (see [`crate::format`]), or many
//! documents at once (`twilio-codegen --spec-dir`, see [`crate::command`]), always one pool of
//! one thread a core, so that the two never oversubscribe the machine.

/// How many threads a pool has: one a core (at most 8).
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Runs `work` on every item over the cores (one thread a core, the calling one included), the
/// heaviest items (by `weight`) first, each taken by the next free thread; the results in the
/// items' order. A thread that cannot start leaves its share to the others.
pub fn spread<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> u64,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    spread_on(items, threads(), weight, work)
}

/// [`spread`] on at most `threads` threads (the calling one included), the helpers with the
/// generator's stack ([`crate::STACK_SIZE`]): for work that recurses over the document.
pub fn spread_on<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    weight: impl Fn(&T) -> u64,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(items.get(i).map_or(0, &weight)));
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let lane = || {
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            if let (Some(item), Some(slot)) = (items.get(i), results.get(i)) {
                let result = work(item);
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(result);
                }
            }
        }
    };
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads.min(items.len().max(1)))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(crate::STACK_SIZE)
                    .spawn_scoped(s, lane)
                    .ok()
            })
            .collect();
        lane();
        for helper in helpers {
            if let Err(payload) = helper.join() {
                std::panic::resume_unwind(payload);
            }
        }
    });
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}
