//! A phase's rules indexed by the first letter of their literal start, so that a path is
//! tried only against the rules it can match: `/bench/post/1` never meets `/old-blog/:slug`
//! or `/products/:id`, and a site's twenty rules cost a table lookup, not twenty tries.

use super::{Compiled, Paths};

/// One phase's rules in `build.rs`'s order, with their index (for up to 64 rules; more are
/// each tried in turn).
#[derive(Debug, Default)]
pub(super) struct RuleList {
    rules: Vec<Compiled>,
    index: Option<LeadIndex>,
}

/// Bit sets of rule positions.
#[derive(Debug)]
struct LeadIndex {
    /// Every rule of the phase.
    all: u64,
    /// Rules a path's first letter cannot rule out: no literal letter after the leading
    /// `/` (`/:slug`, `/(.*)`), a letter beyond ASCII, or a rule matched against the path
    /// as requested (`base_path: false`).
    always: u64,
    /// By the byte after a path's leading `/`, ASCII-lowercased: the rules whose literal
    /// start has that letter there.
    by_lead: Box<[u64; 128]>,
}

impl RuleList {
    pub fn new(rules: Vec<Compiled>) -> Self {
        let index = (rules.len() <= 64).then(|| LeadIndex::new(&rules));
        RuleList { rules, index }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules `paths` may match, from position `from` on, in order, with their
    /// positions. Every rule left out is one whose regex could not match.
    pub fn candidates(&self, paths: Paths<'_>, from: usize) -> Candidates<'_> {
        let rules = &self.rules[..];
        let Some(index) = &self.index else {
            return Candidates::All { rules, next: from };
        };
        let bits = match paths.inner {
            Some(path) => index.for_path(path),
            None => index.all,
        };
        let from_on = u64::MAX.checked_shl(from as u32).unwrap_or(0);
        Candidates::Bits {
            rules,
            bits: bits & from_on,
        }
    }
}

impl LeadIndex {
    fn new(rules: &[Compiled]) -> Self {
        let mut index = LeadIndex {
            all: u64::MAX.checked_shr(64 - rules.len() as u32).unwrap_or(0),
            always: 0,
            by_lead: Box::new([0; 128]),
        };
        for (at, compiled) in rules.iter().enumerate() {
            let bit = 1u64 << at;
            let lead = compiled
                .source
                .literal_start()
                .as_bytes()
                .get(1)
                .filter(|byte| byte.is_ascii());
            match lead {
                Some(byte) if compiled.rule.base_path => {
                    index.by_lead[usize::from(byte.to_ascii_lowercase())] |= bit;
                }
                _ => index.always |= bit,
            }
        }
        index
    }

    /// The rules a path inside the base path may match. Rules match its first letter
    /// ignoring ASCII case; a letter beyond ASCII may fold onto any of theirs (`K`, the
    /// Kelvin sign), so it rules nothing out.
    fn for_path(&self, path: &str) -> u64 {
        match path.as_bytes().get(1) {
            None => self.always,
            Some(byte) if byte.is_ascii() => {
                self.always | self.by_lead[usize::from(byte.to_ascii_lowercase())]
            }
            Some(_) => self.all,
        }
    }
}

/// What [`RuleList::candidates`] yields.
pub(super) enum Candidates<'r> {
    Bits { rules: &'r [Compiled], bits: u64 },
    All { rules: &'r [Compiled], next: usize },
}

impl<'r> Iterator for Candidates<'r> {
    type Item = (usize, &'r Compiled);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Candidates::Bits { rules, bits } => {
                if *bits == 0 {
                    return None;
                }
                let at = bits.trailing_zeros() as usize;
                *bits &= *bits - 1;
                Some((at, &rules[at]))
            }
            Candidates::All { rules, next } => {
                let at = *next;
                let compiled = rules.get(at)?;
                *next += 1;
                Some((at, compiled))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::RuleList;
    use crate::rules::def::{Action, Rule};
    use crate::rules::{Compiled, Paths};

    const SOURCES: &[&str] = &[
        "/(.*)",
        "/blog/:slug",
        "/Blog-Old/:slug",
        "/api/:path*",
        "/about",
        "/:locale/about",
        "/ſtore/:id",
        "/kelvin",
        "/b",
        "/",
        "/x/:a/:b",
        "/feed.xml",
    ];

    fn rule(source: &'static str, base_path: bool) -> &'static Rule {
        Box::leak(Box::new(Rule {
            source,
            has: &[],
            missing: &[],
            base_path,
            action: Action::Rewrite { destination: "/" },
        }))
    }

    fn list() -> RuleList {
        let rules = SOURCES
            .iter()
            .enumerate()
            .map(|(at, source)| Compiled::new(rule(source, at != 4)).unwrap())
            .collect();
        RuleList::new(rules)
    }

    /// Whether `compiled`'s source matches the path it is tried on.
    fn source_matches(compiled: &Compiled, paths: Paths<'_>) -> bool {
        let path = if compiled.rule.base_path {
            paths.inner
        } else {
            Some(paths.raw)
        };
        path.is_some_and(|path| compiled.source.is_match(path))
    }

    /// What a scan of every rule finds.
    fn matching(list: &RuleList, paths: Paths<'_>) -> Vec<usize> {
        let all = list.rules.iter().enumerate();
        all.filter(|(_, compiled)| source_matches(compiled, paths))
            .map(|(at, _)| at)
            .collect()
    }

    /// What the index lets through, from rule `from` on.
    fn found(list: &RuleList, paths: Paths<'_>, from: usize) -> Vec<usize> {
        list.candidates(paths, from)
            .filter(|(_, compiled)| source_matches(compiled, paths))
            .map(|(at, _)| at)
            .collect()
    }

    #[test]
    fn a_path_meets_only_the_rules_its_first_letter_allows_and_every_one_that_matches() {
        let list = list();
        let paths = |path| Paths {
            inner: Some(path),
            raw: path,
        };
        let tried =
            |path| -> Vec<usize> { list.candidates(paths(path), 0).map(|(at, _)| at).collect() };
        assert_eq!(tried("/bench/post/1"), [0, 1, 2, 4, 5, 6, 8, 9]);
        assert_eq!(tried("/"), [0, 4, 5, 6, 9]);
        assert_eq!(found(&list, paths("/BLOG-old/x"), 0), [0, 2]);
        assert_eq!(
            found(&list, paths("/\u{17f}tore/1"), 0),
            [0, 6],
            "ſ is no ASCII letter: every rule is tried"
        );
        assert_eq!(
            found(&list, paths("/\u{212a}elvin"), 0),
            [0, 7],
            "the Kelvin sign folds to k"
        );
        assert_eq!(
            found(&list, paths("/blog/a"), 2),
            [] as [usize; 0],
            "from the third rule on"
        );
    }

    /// Paths made of the rules' own words, in any case, and of stray letters.
    fn path() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "blog",
            "BLOG",
            "Blog-Old",
            "blog-old",
            "api",
            "ABOUT",
            "about",
            "b",
            "B",
            "x",
            "feed.xml",
            "\u{17f}tore",
            "store",
            "\u{212a}elvin",
            "kelvin",
            "KELVIN",
            "a",
            "1",
        ]);
        let segment = prop_oneof![word.prop_map(str::to_owned), "[a-zA-Z.-]{0,3}"];
        (prop::collection::vec(segment, 0..4), any::<bool>()).prop_map(|(segments, slash)| {
            let path = format!("/{}", segments.join("/"));
            if slash {
                format!("{path}/")
            } else {
                path
            }
        })
    }

    proptest! {
        #[test]
        fn the_index_never_leaves_out_a_match(
            path in path(),
            inside in any::<bool>(),
            from in 0usize..14,
        ) {
            let list = list();
            let paths = Paths { inner: inside.then_some(path.as_str()), raw: &path };
            let expected: Vec<usize> = matching(&list, paths).into_iter().filter(|at| *at >= from).collect();
            prop_assert_eq!(found(&list, paths, from), expected);
        }
    }
}
