//! The tests' random numbers: reproducible from a seed, no dependency.

/// A xorshift64 generator (Marsaglia's 13, 7, 17). Its state must not be zero.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    /// The next state, which is the number drawn.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
