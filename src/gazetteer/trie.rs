//! A byte trie over the tagger's patterns for anchored longest-match lookups: which pattern is
//! the longest that starts exactly at a given position of the folded text.
//!
//! `tag` only tries the positions where a name may start (word starts, and under
//! case="smart" not lower-case words that begin no name which may be written in lower case;
//! see `tag::exact_tier`), so it needs anchored lookups rather than an Aho-Corasick scan of
//! every byte. Built from the sorted patterns in one pass, it takes a fraction of the time and
//! memory of a double-array Aho-Corasick automaton over the same 300k patterns.
//!
//! Layout: the children of a node are consecutive (a block), and blocks are laid out depth
//! first: a node's subtree is one stretch of memory, so that a walk, once below the first
//! levels (which stay in cache), reads nodes close to each other rather than one from each
//! level of a breadth-first array. A node holds the byte leading to it, its first child, its
//! number of children and the pattern ending at it (`NONE` if none) in 12 bytes: looking a byte
//! up among a node's children reads one run of memory, and the child found is already in it.
//! Nodes with many children (near the root) have a bitmap of their children's bytes instead of
//! a search. Where only one pattern goes on below a node, the node is that pattern's tail: the
//! rest of it, kept in the node's order in `tails`, is compared with the text at once (most
//! nodes of a plain trie are such chains; without them the trie is a quarter of the size and
//! mostly stays in cache). The root's children are also in a 256-entry table.

use super::words::word_len;
use crate::ascii_lanes::lanes;

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Node {
    /// The node's first child; for a tail, where its rest starts in `tails`.
    first: u32,
    /// The pattern that ends here, or for a tail the one pattern that goes on below.
    value: u32,
    label: u8,
    /// How many children the node has (at most 179: the bytes that may follow a prefix of
    /// UTF-8 text), or `TAIL`.
    children: u8,
    /// 1 + index of the node's bitmap in `bitmaps`, or 0; for a tail, the length of its rest.
    wide: u16,
}

const TAIL: u8 = u8::MAX;

/// Nodes with more children than this get a bitmap.
const NARROW: usize = 8;

pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The rest of each tail's pattern, end to end.
    tails: Vec<u8>,
    bitmaps: Vec<[u64; 4]>,
    root: Box<[u32; 256]>,
    /// Bloom filter of the marked prefixes: most prefixes asked about are not marked, and
    /// this answers them without walking the trie.
    marked: Bloom,
    /// Under case="smart", what a lower-case word may begin (see `tag::exact_tier`): the
    /// patterns of one word that some name writes in lower case, the first words of those of
    /// several words, the first two words (with the one character between them) of the
    /// patterns of three words or more, and of every pattern of two words or more.
    pub lower_words: Bloom,
    pub lower_first_words: Bloom,
    pub two_words: Bloom,
    pub first_two_words: Bloom,
    /// Bloom filter of the patterns' first words (up to their first character that is not a
    /// word character): a word that is none begins no pattern that ends on a word end.
    first_words: Bloom,
}

const FILTER_BITS: u32 = 20;
const FIRST_WORD_BITS: u32 = 22;

/// A hash of byte strings for the Bloom filters, read eight bytes at a time (a word of the text
/// is most often one load and one multiplication, where hashing byte by byte cost 5% of `tag`).
/// It goes on from one string to a longer one that starts with it (`extend`): a word's hash is
/// computed once for the word and the two words that start with it. Hashing `a` then extending
/// by `b` is not hashing `a` and `b` at once: the filters of two words are filled as they are
/// asked, the first word then the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordHash(u64);

const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const HASH_FACTOR: u64 = 0x9e37_79b9_7f4a_7c15;

impl WordHash {
    #[inline]
    pub fn of(s: &[u8]) -> WordHash {
        WordHash(HASH_SEED).extend(s)
    }

    /// `of(&bytes[start..end])`.
    #[inline]
    pub fn of_in(bytes: &[u8], start: usize, end: usize) -> WordHash {
        WordHash(HASH_SEED).extend_in(bytes, start, end)
    }

    /// The hash of the string hashed so far followed by `more`.
    #[inline]
    pub fn extend(self, more: &[u8]) -> WordHash {
        self.extend_in(more, 0, more.len())
    }

    /// `extend(&bytes[start..end])`, eight bytes at a time (`ascii_lanes::lanes`).
    #[inline]
    pub fn extend_in(self, bytes: &[u8], start: usize, end: usize) -> WordHash {
        let mut h = self.0 ^ (end - start) as u64;
        let mut at = start;
        while at < end {
            h = (h ^ lanes(bytes, at, end)).wrapping_mul(HASH_FACTOR).rotate_left(29);
            at += 8;
        }
        WordHash(h)
    }

    /// The hash with its bits mixed, for two probes from one hash.
    #[inline]
    fn mixed(self) -> u64 {
        let h = (self.0 ^ (self.0 >> 31)).wrapping_mul(HASH_FACTOR);
        h ^ (h >> 29)
    }
}

/// A Bloom filter of byte strings with two probes in one 64-bit word of the filter (a slice of
/// one mixed hash picks the word, two more the bits): one memory read, and far fewer strings
/// seldom asked about pass than with one probe (at the fill of the filter of GeoNames'
/// lower-case names, *and* and *a* passed). `contains` is never false for a string inserted.
pub(crate) struct Bloom {
    words: Vec<u64>,
    log2_words: u32,
}

impl Bloom {
    /// A filter of `2^log2_bits` bits (7 to 38).
    pub fn new(log2_bits: u32) -> Bloom {
        let log2_words = log2_bits.clamp(7, 38) - 6;
        Bloom { words: vec![0; 1 << log2_words], log2_words }
    }

    /// The word of the filter and the two bits of it that stand for the string of hash `h`.
    #[inline]
    fn probe(&self, h: WordHash) -> (usize, u64) {
        let m = h.mixed();
        let word = (m >> (64 - self.log2_words)) as usize;
        (word, 1 << (m & 63) | 1 << ((m >> 6) & 63))
    }

    pub fn insert(&mut self, s: &[u8]) {
        self.insert_hash(WordHash::of(s));
    }

    /// `insert` of the string whose hash is `h`.
    pub fn insert_hash(&mut self, h: WordHash) {
        let (word, bits) = self.probe(h);
        self.words[word] |= bits;
    }

    #[cfg(test)]
    pub fn contains(&self, s: &[u8]) -> bool {
        self.contains_hash(WordHash::of(s))
    }

    /// `contains` of the string whose hash is `h`.
    #[inline]
    pub fn contains_hash(&self, h: WordHash) -> bool {
        let (word, bits) = self.probe(h);
        self.words[word] & bits == bits
    }
}

/// The indexes of `patterns` (no NUL bytes) in byte order.
fn sorted_order(patterns: &[&[u8]]) -> Vec<u32> {
    // Sorted by their first eight bytes as a number (zeros after a shorter pattern, which
    // orders it first, as no pattern has a zero byte), then runs with equal first eight bytes
    // sorted in full: far fewer byte-string comparisons.
    let head = |p: &[u8]| {
        let mut eight = [0u8; 8];
        let n = p.len().min(8);
        eight[..n].copy_from_slice(&p[..n]);
        u64::from_be_bytes(eight)
    };
    let mut keyed: Vec<(u64, u32)> = patterns.iter().enumerate().map(|(i, p)| (head(p), i as u32)).collect();
    keyed.sort_unstable();
    let mut order: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        if end - start > 1 {
            order[start..end].sort_unstable_by(|&a, &b| patterns[a as usize].cmp(patterns[b as usize]));
        }
        start = end;
    }
    order
}

impl Trie {
    /// A trie of `patterns` (distinct, non-empty), the value of each its index.
    pub fn new<'a>(patterns: impl ExactSizeIterator<Item = &'a str>) -> Trie {
        let texts: Vec<&str> = patterns.collect();
        let patterns: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        let order = sorted_order(&patterns);
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        let node = |label: u8| Node { first: 0, value: NONE, label, children: 0, wide: 0 };
        let mut nodes = Vec::with_capacity(total / 4 + 2);
        nodes.push(node(0));
        let mut tails = Vec::new();
        let mut bitmaps = Vec::new();
        // Depth first: (node, the patterns order[lo..hi] that share its prefix, of length
        // `depth`). A node's children get their block when it is expanded, and the first child
        // is expanded next.
        let mut stack: Vec<(u32, u32, u32, u32)> = vec![(0, 0, order.len() as u32, 0)];
        while let Some((n, mut lo, hi, depth)) = stack.pop() {
            let (n, d) = (n as usize, depth as usize);
            let Some(&first) = order.get(lo as usize).map(|&p| &patterns[p as usize]) else { continue }; // no patterns
            if n > 0 && hi - lo == 1 && first.len() > d && first.len() - d <= usize::from(u16::MAX) {
                nodes[n] = Node { first: tails.len() as u32, value: order[lo as usize], children: TAIL, wide: (first.len() - d) as u16, ..nodes[n] };
                tails.extend_from_slice(&first[d..]);
                continue;
            }
            if lo < hi && first.len() == d {
                nodes[n].value = order[lo as usize];
                lo += 1;
            }
            // The children, onto the stack as they come, then reversed there so that the first
            // is expanded next.
            let (block, pushed) = (nodes.len(), stack.len());
            while lo < hi {
                let byte = patterns[order[lo as usize] as usize][d];
                let mut end = lo + 1;
                while end < hi && patterns[order[end as usize] as usize][d] == byte {
                    end += 1;
                }
                stack.push((nodes.len() as u32, lo, end, depth + 1));
                nodes.push(node(byte));
                lo = end;
            }
            stack[pushed..].reverse();
            let count = nodes.len() - block;
            nodes[n].first = block as u32;
            nodes[n].children = u8::try_from(count).expect("at most 179 bytes follow a prefix in UTF-8");
            if count > NARROW && bitmaps.len() < usize::from(u16::MAX) {
                let mut bits = [0u64; 4];
                for child in &nodes[block..] {
                    bits[usize::from(child.label / 64)] |= 1 << (child.label % 64);
                }
                bitmaps.push(bits);
                nodes[n].wide = bitmaps.len() as u16;
            }
        }
        let mut root = Box::new([NONE; 256]);
        let children = nodes[0].first..nodes[0].first + u32::from(nodes[0].children);
        for child in children {
            root[usize::from(nodes[child as usize].label)] = child;
        }
        let mut first_words = Bloom::new(FIRST_WORD_BITS);
        for text in &texts {
            let (p, first) = (text.as_bytes(), word_len(text));
            if first > 0 {
                first_words.insert(&p[..first]);
            }
        }
        Trie {
            nodes,
            tails,
            bitmaps,
            root,
            marked: Bloom::new(FILTER_BITS),
            first_words,
            lower_words: Bloom::new(19),
            lower_first_words: Bloom::new(18),
            two_words: Bloom::new(20),
            first_two_words: Bloom::new(21),
        }
    }

    /// Mark `prefix` (a prefix of some pattern, in the use made of it).
    pub fn mark(&mut self, prefix: &str) {
        self.marked.insert(prefix.as_bytes());
    }

    /// Whether `prefix` may have been marked: never false if it was, seldom true if not.
    #[cfg(test)]
    pub fn maybe_marked(&self, prefix: &[u8]) -> bool {
        self.marked.contains(prefix)
    }

    /// Whether the word (a whole word: word characters only) whose hash is `word` may begin a
    /// pattern found there: be the first word of a pattern, or if `only_marked`, a marked one.
    /// Never false if it is; seldom true if not. (The filter of marked words is the smaller,
    /// so it is asked alone.)
    #[inline]
    pub fn may_begin(&self, word: WordHash, only_marked: bool) -> bool {
        if only_marked {
            self.marked.contains_hash(word)
        } else {
            self.first_words.contains_hash(word)
        }
    }

    #[inline]
    fn child(&self, node: &Node, byte: u8) -> Option<u32> {
        let first = node.first as usize;
        if node.wide != 0 {
            let bits = &self.bitmaps[usize::from(node.wide - 1)];
            let (w, bit) = (usize::from(byte / 64), byte % 64);
            if bits[w] >> bit & 1 == 0 {
                return None;
            }
            let below: u32 =
                bits[..w].iter().map(|x| x.count_ones()).sum::<u32>() + (bits[w] & ((1u64 << bit) - 1)).count_ones();
            return Some(first as u32 + below);
        }
        let i = self.nodes.get(first..first + usize::from(node.children))?.iter().position(|c| c.label == byte)?;
        Some((first + i) as u32)
    }

    /// The longest pattern that `hay[at..]` starts with: (end in `hay`, value).
    #[cfg(test)]
    pub fn longest_at(&self, hay: &[u8], at: usize) -> Option<(usize, u32)> {
        self.longest_ending_from(hay, at, at)
    }

    /// The longest pattern that `hay[at..]` starts with and that ends at `min_end` or after:
    /// (end in `hay`, value). The tagger passes the end of the word at `at`, as a pattern
    /// ending inside it cannot be a name (*Cou* in *County*).
    #[inline]
    pub fn longest_ending_from(&self, hay: &[u8], at: usize, min_end: usize) -> Option<(usize, u32)> {
        let mut node = *self.root.get(*hay.get(at)? as usize)?;
        if node == NONE {
            return None;
        }
        let mut best = None;
        let mut i = at + 1;
        loop {
            let here = self.nodes[node as usize];
            let value = here.value;
            if here.children == TAIL {
                let rest = &self.tails[here.first as usize..here.first as usize + usize::from(here.wide)];
                if i + rest.len() >= min_end && hay.get(i..i + rest.len()) == Some(rest) {
                    best = Some((i + rest.len(), value));
                }
                break;
            }
            if value != NONE && i >= min_end {
                best = Some((i, value));
            }
            let Some(&byte) = hay.get(i) else { break };
            match self.child(&here, byte) {
                Some(next) => node = next,
                None => break,
            }
            i += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::Trie;

    #[test]
    fn longest_anchored_matches() {
        let patterns = ["paris", "par", "paris texas", "p", "lyon", "été", "北京"];
        let trie = Trie::new(patterns.iter().copied());
        fn at<'a>(trie: &Trie, patterns: &[&'a str], hay: &'a str, i: usize) -> Option<(&'a str, &'a str)> {
            trie.longest_at(hay.as_bytes(), i).map(|(e, v)| (&hay[i..e], patterns[v as usize]))
        }
        let at = |hay: &'static str, i: usize| at(&trie, &patterns, hay, i);
        assert_eq!(at("paris texas", 0), Some(("paris texas", "paris texas")));
        assert_eq!(at("paris tex", 0), Some(("paris", "paris")));
        assert_eq!(at("pari", 0), Some(("par", "par")));
        assert_eq!(at("px", 0), Some(("p", "p")));
        assert_eq!(at("a lyon", 2), Some(("lyon", "lyon")));
        assert_eq!(at("a lyo", 2), None);
        assert_eq!(at("l'été", 2), Some(("été", "été")));
        assert_eq!(at("北京市", 0), Some(("北京", "北京")));
        assert_eq!(at("x", 1), None);
        // Only patterns ending at the given end or after: none ends inside the word *parisx*.
        assert_eq!(trie.longest_ending_from(b"parisx", 0, 6), None);
        assert_eq!(trie.longest_ending_from(b"paris texas", 0, 5), Some((11, 2)));
        assert_eq!(trie.longest_ending_from(b"paris tex", 0, 5), Some((5, 0)));
        assert_eq!(trie.longest_ending_from(b"pari", 0, 3), Some((3, 1)));
        assert!(Trie::new(std::iter::empty()).longest_at(b"abc", 0).is_none());
        let mut trie = trie;
        trie.mark("paris");
        trie.mark("pa");
        assert!(["paris", "pa"].iter().all(|p| trie.maybe_marked(p.as_bytes())));
        let hash = super::WordHash::of;
        assert!(trie.may_begin(hash(b"paris"), true) && trie.may_begin(hash(b"paris"), false));
        assert!(trie.may_begin(hash(b"lyon"), false) && trie.may_begin(hash("北京".as_bytes()), false));
        let one = Trie::new(["lyon"].into_iter());
        assert_eq!(one.longest_at(b"lyons", 0), Some((4, 0)));
        assert_eq!(one.longest_at(b"lyo", 0), None);
    }

    #[test]
    fn a_rest_too_long_for_a_tail_is_a_chain_of_nodes() {
        // A tail's length is held in 16 bits: a longer rest is walked node by node.
        let long = "a".repeat(70_000);
        let patterns = [long.as_str(), "b"];
        let trie = Trie::new(patterns.iter().copied());
        let mut hay = long.clone();
        assert_eq!(trie.longest_at(hay.as_bytes(), 0), Some((70_000, 0)));
        hay.pop();
        assert_eq!(trie.longest_at(hay.as_bytes(), 0), None);
        assert_eq!(trie.longest_at(b"b", 0), Some((1, 1)));
    }

    #[test]
    fn sorted_order_is_byte_order() {
        let patterns: Vec<&[u8]> = ["b", "abcdefgh", "abcdefghi", "abcdefg", "abcdefgha", "a", "ab", "é", "北京", "abcdefgh z", "\u{1}"]
            .iter()
            .map(|s| s.as_bytes())
            .collect();
        let order = super::sorted_order(&patterns);
        let mut expected: Vec<u32> = (0..patterns.len() as u32).collect();
        expected.sort_by(|&a, &b| patterns[a as usize].cmp(patterns[b as usize]));
        assert_eq!(order, expected);
    }

    #[test]
    fn agrees_with_a_search_of_every_pattern() {
        let mut rng = crate::test_rng::XorShift(0x5deece66d);
        let mut next = move |n: u64| rng.next() % n;
        let alphabet: Vec<char> = "abcdefghijklmnopqrst é北".chars().collect();
        let mut word =
            |len: u64| -> String { (0..1 + len).map(|_| alphabet[next(alphabet.len() as u64) as usize]).collect() };
        let mut patterns: Vec<String> = (0..3000).map(|i| word(i % 5)).collect();
        patterns.sort();
        patterns.dedup();
        let trie = Trie::new(patterns.iter().map(String::as_str));
        assert!(!trie.bitmaps.is_empty());
        for _ in 0..3000 {
            let hay = word(8);
            for at in (0..hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                let expected = patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| hay[at..].starts_with(p.as_str()))
                    .max_by_key(|(_, p)| p.len())
                    .map(|(v, p)| (at + p.len(), v as u32));
                assert_eq!(trie.longest_at(hay.as_bytes(), at), expected, "{hay:?} at {at}");
            }
        }
    }
}
