//! A byte trie over the tagger's patterns for anchored longest-match lookups: which pattern is
//! the longest that starts exactly at a given position of the folded text.
//!
//! `tag` only tries the positions where a name may start (word starts, and under
//! case="smart" not lower-case words that begin no name which may be written in lower case;
//! see `tag::exact_tier`), so it needs anchored lookups rather than an Aho-Corasick scan of
//! every byte. Built from the sorted patterns in one pass, it takes a fraction of the time and
//! memory of a double-array Aho-Corasick automaton over the same 300k patterns.
//!
//! Layout: nodes in breadth-first order, so the children of a node are consecutive and one
//! offset per node (`child_start`, CSR) finds them; `labels[n]` is the byte leading to node `n`
//! (children sorted by it), `values[n]` the pattern ending at `n` (`NONE` if none). The root's
//! children are also in a 256-entry table.

const NONE: u32 = u32::MAX;

pub(crate) struct Trie {
    child_start: Vec<u32>,
    labels: Vec<u8>,
    values: Vec<u32>,
    root: Box<[u32; 256]>,
    /// Nodes marked by `mark`.
    marks: Vec<bool>,
}

impl Trie {
    /// A trie of `patterns` (distinct, non-empty), the value of each its index.
    pub fn new<'a>(patterns: impl ExactSizeIterator<Item = &'a str>) -> Trie {
        let patterns: Vec<&[u8]> = patterns.map(str::as_bytes).collect();
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| patterns[a as usize].cmp(patterns[b as usize]));
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        let mut child_start = Vec::with_capacity(total / 2 + 2);
        let mut labels = Vec::with_capacity(total / 2 + 1);
        let mut values = Vec::with_capacity(total / 2 + 1);
        labels.push(0);
        values.push(NONE);
        // Node n covers order[lo..hi], the patterns that share its prefix of length `depth`;
        // nodes are processed in id order, which is breadth-first.
        let mut ranges: Vec<(u32, u32, u32)> = vec![(0, order.len() as u32, 0)];
        let mut n = 0;
        while n < ranges.len() {
            let (mut lo, hi, depth) = ranges[n];
            let d = depth as usize;
            child_start.push(ranges.len() as u32);
            if lo < hi && patterns[order[lo as usize] as usize].len() == d {
                values[n] = order[lo as usize];
                lo += 1;
            }
            while lo < hi {
                let byte = patterns[order[lo as usize] as usize][d];
                let mut end = lo + 1;
                while end < hi && patterns[order[end as usize] as usize][d] == byte {
                    end += 1;
                }
                ranges.push((lo, end, depth + 1));
                labels.push(byte);
                values.push(NONE);
                lo = end;
            }
            n += 1;
        }
        child_start.push(ranges.len() as u32);
        let mut root = Box::new([NONE; 256]);
        for child in child_start[0]..child_start[1] {
            root[labels[child as usize] as usize] = child;
        }
        let marks = vec![false; values.len()];
        Trie { child_start, labels, values, root, marks }
    }

    /// The node `prefix` leads to, if some pattern starts with it.
    fn node_of(&self, prefix: &[u8]) -> Option<u32> {
        let (&first, rest) = prefix.split_first()?;
        let mut node = self.root[first as usize];
        if node == NONE {
            return None;
        }
        for &byte in rest {
            node = self.child(node, byte)?;
        }
        Some(node)
    }

    /// Mark the prefix `prefix` (of some pattern; nothing happens otherwise, or if it is empty).
    pub fn mark(&mut self, prefix: &str) {
        if let Some(node) = self.node_of(prefix.as_bytes()) {
            self.marks[node as usize] = true;
        }
    }

    /// Whether `prefix` was marked.
    #[inline]
    pub fn marked(&self, prefix: &[u8]) -> bool {
        self.node_of(prefix).is_some_and(|node| self.marks[node as usize])
    }

    #[inline]
    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let (a, b) = (self.child_start[node as usize] as usize, self.child_start[node as usize + 1] as usize);
        let labels = &self.labels[a..b];
        let i = if labels.len() <= 8 {
            labels.iter().position(|&l| l == byte)?
        } else {
            labels.binary_search(&byte).ok()?
        };
        Some((a + i) as u32)
    }

    /// The longest pattern that `hay[at..]` starts with: (end in `hay`, value).
    #[inline]
    pub fn longest_at(&self, hay: &[u8], at: usize) -> Option<(usize, u32)> {
        let mut node = *self.root.get(*hay.get(at)? as usize)?;
        if node == NONE {
            return None;
        }
        let mut best = None;
        let mut i = at + 1;
        loop {
            let value = self.values[node as usize];
            if value != NONE {
                best = Some((i, value));
            }
            let Some(&byte) = hay.get(i) else { break };
            match self.child(node, byte) {
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
        assert!(Trie::new(std::iter::empty()).longest_at(b"abc", 0).is_none());
        let mut trie = trie;
        trie.mark("paris");
        trie.mark("pa");
        trie.mark("rome");
        assert!(trie.marked(b"paris") && trie.marked(b"pa") && !trie.marked(b"par") && !trie.marked(b"rome"));
        assert!(!trie.marked(b"") && !trie.marked(b"parisx"));
    }
}
