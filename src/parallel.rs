//! Thread pools for the batch APIs. `threads=None` uses rayon's global pool (one thread per
//! core); an explicit count gets a dedicated pool, cached so repeated calls do not pay for
//! spawning threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rayon::ThreadPool;

use crate::error::{NominaError, Result};

fn pool_with(threads: usize) -> Result<Arc<ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<ThreadPool>>>> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut pools = pools.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(pool) = pools.get(&threads) {
        return Ok(Arc::clone(pool));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("nomina-{i}"))
        .build()
        .map_err(|e| NominaError::InvalidArgument(format!("cannot start {threads} threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.insert(threads, Arc::clone(&pool));
    Ok(pool)
}

/// Check a user-supplied thread count: `None` (all cores) or a positive number.
pub fn validate_threads(threads: Option<i64>) -> Result<Option<usize>> {
    match threads {
        None => Ok(None),
        Some(n) if (1..=4096).contains(&n) => Ok(Some(n as usize)),
        Some(n) => Err(NominaError::InvalidArgument(format!(
            "threads must be None or a positive number (at most 4096), got {n}"
        ))),
    }
}

/// Map `f` over `items` in order, on `threads` threads (`None`: all cores; `Some(1)`: the
/// calling thread only, no pool at all).
pub fn map_ordered<T, R, F>(items: &[T], threads: Option<usize>, f: F) -> Result<Vec<R>>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    match threads {
        Some(1) => Ok(items.iter().map(f).collect()),
        Some(n) => {
            let pool = pool_with(n)?;
            Ok(pool.install(|| items.par_iter().map(&f).collect()))
        }
        None => Ok(items.par_iter().map(f).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_whatever_the_thread_count() {
        let items: Vec<u32> = (0..10_000).collect();
        let expected: Vec<u32> = items.iter().map(|x| x * 2).collect();
        for threads in [None, Some(1), Some(2), Some(3)] {
            assert_eq!(map_ordered(&items, threads, |x| x * 2).unwrap(), expected);
        }
    }

    #[test]
    fn rejects_non_positive_thread_counts() {
        assert!(validate_threads(Some(0)).is_err());
        assert!(validate_threads(Some(-2)).is_err());
        assert_eq!(validate_threads(Some(2)).unwrap(), Some(2));
        assert_eq!(validate_threads(None).unwrap(), None);
    }
}
