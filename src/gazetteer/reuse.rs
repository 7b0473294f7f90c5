//! Buffers reused from one text to the next on a thread: tagging a stream of articles would
//! otherwise allocate the same buffers for each (and after a large gazetteer is freed, the
//! allocator is slow to hand out fresh memory).

use std::cell::Cell;
use std::thread::LocalKey;

/// `f` with the buffers this thread keeps in `slot`, given back afterwards unless `keep` says
/// they grew too large to hold on to between texts. A call made while another on the same
/// thread has them (from inside `f`) gets fresh ones.
pub(crate) fn with_reused<T: Default, R>(
    slot: &'static LocalKey<Cell<T>>,
    keep: impl FnOnce(&T) -> bool,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut buffers = slot.with(Cell::take);
    let out = f(&mut buffers);
    if keep(&buffers) {
        slot.with(|cell| cell.set(buffers));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_reused;
    use std::cell::Cell;

    thread_local! {
        static SLOT: Cell<Vec<u32>> = Cell::default();
    }

    #[test]
    fn buffers_come_back_unless_too_large_and_nested_calls_get_their_own() {
        with_reused(&SLOT, |_| true, |v| v.reserve(10));
        with_reused(&SLOT, |v| v.capacity() <= 100, |v| {
            assert!(v.capacity() >= 10, "the buffer kept from the last call");
            // A call from inside this one: fresh buffers, and this call's are not touched.
            with_reused(&SLOT, |_| false, |inner| assert_eq!(inner.capacity(), 0));
            v.reserve(1000);
        });
        with_reused(&SLOT, |_| true, |v| assert_eq!(v.capacity(), 0, "too large: dropped"));
    }
}
