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

#[cfg(test)]
mod tests {
    use super::*;

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
