//! Next.js's `htmlEscapeJsonString` (`server/htmlescape.ts`): makes JSON safe inside a
//! `<script>` element. Exactly `&`, `<`, `>`, U+2028 and U+2029 are escaped, nothing else.

use std::borrow::Cow;

/// Escapes `json` for embedding in `<script type="application/json">`.
///
/// Runs on every server-rendered page, so it searches with memchr (SIMD) and copies the runs
/// between escapes whole. Every character it escapes is ASCII or starts with the byte 0xE2
/// (U+2028 is E2 80 A8, U+2029 is E2 80 A9), so the positions found are char boundaries.
pub fn html_escape_json_string(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let next_candidate = |from: usize| {
        let ascii = memchr::memchr3(b'&', b'<', b'>', &bytes[from..]);
        let lead = memchr::memchr(0xE2, &bytes[from..]);
        match (ascii, lead) {
            (Some(a), Some(l)) => Some(from + a.min(l)),
            (Some(found), None) | (None, Some(found)) => Some(from + found),
            (None, None) => None,
        }
    };
    let Some(mut i) = next_candidate(0) else {
        return Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 32);
    let mut copied = 0;
    loop {
        let (replacement, len) = match bytes[i] {
            b'&' => ("\\u0026", 1),
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            _ if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => ("\\u2028", 3),
            _ if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => ("\\u2029", 3),
            // Another character with the same lead byte: kept as it is.
            _ => ("", 0),
        };
        if len > 0 {
            out.push_str(&json[copied..i]);
            out.push_str(replacement);
            copied = i + len;
        }
        match next_candidate(i + len.max(1)) {
            Some(next) => i = next,
            None => break,
        }
    }
    out.push_str(&json[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_next_escapes() {
        assert_eq!(
            html_escape_json_string(r#"{"a":"</script><script>&"}"#),
            r#"{"a":"\u003c/script\u003e\u003cscript\u003e\u0026"}"#
        );
        assert_eq!(
            html_escape_json_string("\u{2028}\u{2029}"),
            "\\u2028\\u2029"
        );
    }

    #[test]
    fn keeps_other_characters_that_start_with_e2() {
        // U+2026 (E2 80 A6) and U+20AC (E2 82 AC) share the lead byte; they pass through.
        assert_eq!(
            html_escape_json_string("a…€<b\u{2029}"),
            "a…€\\u003cb\\u2029"
        );
    }

    /// The definition, one char at a time, against the byte scanner.
    #[test]
    fn matches_the_char_by_char_definition() {
        let reference = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "\\u0026".to_owned(),
                    '<' => "\\u003c".to_owned(),
                    '>' => "\\u003e".to_owned(),
                    '\u{2028}' => "\\u2028".to_owned(),
                    '\u{2029}' => "\\u2029".to_owned(),
                    c => c.to_string(),
                })
                .collect()
        };
        let pieces = [
            "", "a", "&", "<", ">", "\u{2028}", "\u{2029}", "…", "€", "\u{2027}", "\u{202A}",
            "日本", "\"", "\\",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let input = format!("{a}{b}{c}");
                    assert_eq!(
                        html_escape_json_string(&input),
                        reference(&input),
                        "{input:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn leaves_everything_else_alone() {
        let json = r#"{"path":"/a/b","quote":"\"","é":"日本"}"#;
        assert!(matches!(html_escape_json_string(json), Cow::Borrowed(s) if s == json));
    }

    #[test]
    fn escaped_json_still_parses_to_the_same_value() {
        let value = serde_json::json!({"x": "</script>&<!--\u{2028}"});
        let escaped = html_escape_json_string(&value.to_string()).into_owned();
        assert!(!escaped.contains("</"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&escaped).unwrap(),
            value
        );
    }
}
