//! Python `str` indices are code-point indices; Rust slices are byte offsets. Everything the
//! core returns to Python goes through `CharIndexer` or `CharCounter`, so offsets always point
//! into the text the user gave.

/// Converts byte offsets of one text into code-point (Python `str`) offsets, in O(log n) each
/// after an O(n) scan; cheap for the common pure-ASCII case.
pub struct CharIndexer<'a> {
    text: &'a str,
    /// Byte offset of every non-ASCII char start, empty when the text is ASCII.
    non_ascii_starts: Vec<usize>,
    /// Bytes beyond one per char, summed over the non-ASCII chars up to and including each.
    extra_bytes_through: Vec<usize>,
}

impl<'a> CharIndexer<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut non_ascii_starts = Vec::new();
        let mut extra_bytes_through = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                extra += c.len_utf8() - 1;
                non_ascii_starts.push(i);
                extra_bytes_through.push(extra);
            }
        }
        CharIndexer { text, non_ascii_starts, extra_bytes_through }
    }

    /// Code-point index of byte offset `byte` (which must be on a char boundary).
    pub fn char_index(&self, byte: usize) -> usize {
        debug_assert!(self.text.is_char_boundary(byte));
        if self.non_ascii_starts.is_empty() {
            return byte;
        }
        // Each non-ASCII char before `byte` takes len_utf8() bytes but one index.
        match self.non_ascii_starts.partition_point(|&start| start < byte) {
            0 => byte,
            before => byte - self.extra_bytes_through[before - 1],
        }
    }
}

/// Converts byte offsets of one text into code-point offsets by counting on from the last
/// offset asked: for offsets asked in text order (a tagger's mentions) it reads only the bytes
/// up to the last one, once, and builds no table. An offset before the last one is counted
/// again from the start.
pub struct CharCounter<'a> {
    bytes: &'a [u8],
    counted: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter { bytes: text.as_bytes(), counted: 0, chars: 0 }
    }

    /// Code-point index of byte offset `byte` (which must be on a char boundary).
    pub fn char_index(&mut self, byte: usize) -> usize {
        if byte < self.counted {
            (self.counted, self.chars) = (0, 0);
        }
        self.chars += chars_in(&self.bytes[self.counted..byte]);
        self.counted = byte;
        self.chars
    }
}

/// How many characters the UTF-8 bytes `bytes` hold: every byte but a continuation byte
/// (0x80..=0xBF) starts one. Eight bytes at a time (a continuation byte has its high bit set
/// and the next one clear), as the whole text is counted for the mentions of a long one.
fn chars_in(bytes: &[u8]) -> usize {
    use crate::ascii_lanes::HIGH_BITS;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0;
    for chunk in &mut chunks {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        continuation += (v & !(v << 1) & HIGH_BITS).count_ones() as usize;
    }
    continuation += chunks.remainder().iter().filter(|&&b| b & 0xC0 == 0x80).count();
    bytes.len() - continuation
}

/// Code-point index of a byte offset, for one-off conversions.
pub fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_counting_chars() {
        let text = "Al-Qaïm à l'est, البوكمال 😀 x\r\nend";
        let indexer = CharIndexer::new(text);
        for (byte, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(indexer.char_index(byte), char_index(text, byte), "byte {byte}");
        }
    }

    #[test]
    fn counting_on_matches_counting_chars_in_any_order() {
        let text = "Al-Qaïm à l'est, البوكمال 😀 x\r\nend";
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut counter = CharCounter::new(text);
        // In order, then backwards (each offset before the last one counts again).
        for &byte in bytes.iter().chain(bytes.iter().rev()) {
            assert_eq!(counter.char_index(byte), char_index(text, byte), "byte {byte}");
        }
    }

    #[test]
    fn chars_in_counts_the_chars_of_every_slice() {
        let text = "Abou Kamal, l'Irak et la Syrie — البوكمال, Абу-Камаль 😀 東京 ...";
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for (k, &a) in starts.iter().enumerate() {
            for &b in &starts[k..] {
                assert_eq!(chars_in(&text.as_bytes()[a..b]), text[a..b].chars().count(), "{a}..{b}");
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let indexer = CharIndexer::new("plain ascii");
        assert_eq!(indexer.char_index(5), 5);
    }
}
