//! Eight ASCII bytes at a time, as the lanes of a `u64` (little-endian): tests of every byte at
//! once, without a branch per byte, for the loops that read plain ASCII text (folding, words).

/// `b` in each of the eight lanes.
pub(crate) const fn splat(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// The high bit of each lane: none is set in eight ASCII bytes.
pub(crate) const HIGH_BITS: u64 = splat(0x80);

/// The high bit of each lane whose byte is in `lo..=hi`, for eight ASCII bytes (under 0x80, so
/// that no carry crosses from one lane to the next).
#[inline]
pub(crate) fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    (v + splat(128 - lo)) & !(v + splat(127 - hi)) & HIGH_BITS
}

/// The low `n` lanes set (`n` from 0 to 8): the first `n` of eight bytes read at once.
#[inline(always)]
pub(crate) fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0)
}

/// The bytes of `bytes[at..end]`, at most eight, as lanes (zero above them): one load where
/// `bytes` goes on eight bytes from `at`, the bytes past `end` masked off; else a copy.
#[inline(always)]
pub(crate) fn lanes(bytes: &[u8], at: usize, end: usize) -> u64 {
    let n = (end - at).min(8);
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")) & low_bytes(n),
        None => {
            let mut eight = [0u8; 8];
            eight[..n].copy_from_slice(&bytes[at..at + n]);
            u64::from_le_bytes(eight)
        }
    }
}

/// Whether every byte of `bytes[start..end]` has all the bits of `mask` (false if `bytes` ends
/// before `end`), eight bytes at a time.
#[inline]
pub(crate) fn all_have(bytes: &[u8], start: usize, end: usize, mask: u8) -> bool {
    if end > bytes.len() {
        return false;
    }
    let m = splat(mask);
    let mut at = start;
    while at < end {
        let n = (end - at).min(8);
        if !lanes(bytes, at, end) & m & low_bytes(n) != 0 {
            return false;
        }
        at += n;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_bytes_are_the_first_lanes() {
        for n in 0..=8 {
            let expected = u64::from_le_bytes(std::array::from_fn(|k| if k < n { 0xFF } else { 0 }));
            assert_eq!(low_bytes(n), expected, "{n}");
        }
    }

    #[test]
    fn lanes_are_the_bytes_and_zeros_above() {
        let bytes: Vec<u8> = (1..=20).collect();
        for at in 0..=bytes.len() {
            for end in at..=bytes.len() {
                let n = (end - at).min(8);
                let expected = u64::from_le_bytes(std::array::from_fn(|k| if k < n { bytes[at + k] } else { 0 }));
                assert_eq!(lanes(&bytes, at, end), expected, "{at}..{end}");
            }
        }
    }

    #[test]
    fn all_have_is_every_byte_having_the_mask() {
        let mut rng = crate::test_rng::XorShift(0x2545f491);
        for _ in 0..2000 {
            let len = (rng.next() % 40) as usize;
            // Mostly bytes with both bits, so that long runs pass.
            let bytes: Vec<u8> = (0..len).map(|_| if rng.next() % 16 == 0 { rng.next() as u8 } else { 0x06 | rng.next() as u8 }).collect();
            for start in 0..=len {
                for end in start..=len {
                    let expected = bytes[start..end].iter().all(|&b| b & 0x06 == 0x06);
                    assert_eq!(all_have(&bytes, start, end, 0x06), expected, "{bytes:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn lanes_in_range_are_the_bytes_in_range() {
        for b in 0..0x80u8 {
            for (lo, hi) in [(b'a', b'z'), (b'0', b'9'), (0x21, 0x7E), (b'`', b'`'), (0, 0x7F)] {
                let v = u64::from(b) << 24 | u64::from(b'x');
                let expected = if (lo..=hi).contains(&b) { 0x80 << 24 } else { 0 } | if (lo..=hi).contains(&b'x') { 0x80 } else { 0 };
                assert_eq!(in_range(v, lo, hi) & 0xFF00_00FF, expected, "{b} in {lo}..={hi}");
            }
        }
    }
}
