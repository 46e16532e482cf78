//! Next.js's `htmlEscapeJsonString` (`server/htmlescape.ts`): makes JSON safe inside a
//! `<script>` element. Exactly `&`, `<`, `>`, U+2028 and U+2029 are escaped, nothing else.

use std::borrow::Cow;

/// Escapes `json` for embedding in `<script type="application/json">`.
pub fn html_escape_json_string(json: &str) -> Cow<'_, str> {
    let needs_escape = |c: char| matches!(c, '&' | '<' | '>' | '\u{2028}' | '\u{2029}');
    let Some(first) = json.find(needs_escape) else {
        return Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..first]);
    for c in json[first..].chars() {
        match c {
            '&' => out.push_str("\\u0026"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
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
