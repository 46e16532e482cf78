//! What the browser overlay shows of a failed build or a crashed app: rustc's diagnostics
//! from cargo's JSON messages, reduced to the message, the place, and a code frame with the
//! span marked.

use std::path::Path;

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel, DiagnosticSpan};
use serde::Serialize;

use crate::process::strip_ansi;

/// One error, as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// `mismatched types`, or what went wrong with the app.
    pub message: String,
    /// rustc's error code (`E0308`), when it has one.
    pub code: Option<String>,
    /// The file, relative to the workspace's folder when it is inside.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The lines around the span, the span's own marked.
    pub frame: Vec<FrameLine>,
    /// rustc's notes and help (`help: consider borrowing here`).
    pub notes: Vec<String>,
    /// The whole message as the terminal shows it, without colours; for a crashed app,
    /// what it wrote last.
    pub rendered: String,
}

/// One line of a code frame.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameLine {
    pub number: usize,
    pub text: String,
    /// The marked characters, `[start, end)` counted from 0, on a line of the span.
    pub mark: Option<[usize; 2]>,
    /// The span's label, on its last line (`expected `u32`, found `&str``).
    pub label: Option<String>,
}

/// Lines of context shown before and after the span.
const CONTEXT: usize = 2;

impl Problem {
    /// The overlay's entry for an error diagnostic; `None` for warnings and notes (the
    /// terminal shows those). `root` is where rustc's relative file names start.
    pub fn from_diagnostic(diagnostic: &Diagnostic, root: &Path) -> Option<Problem> {
        if !matches!(
            diagnostic.level,
            DiagnosticLevel::Error | DiagnosticLevel::Ice
        ) {
            return None;
        }
        // rustc's closing line says only how many errors came before.
        if diagnostic.spans.is_empty() && diagnostic.message.starts_with("aborting due to") {
            return None;
        }
        let primary = diagnostic.spans.iter().find(|span| span.is_primary);
        let notes = diagnostic
            .children
            .iter()
            .map(|child| format!("{}: {}", level_name(&child.level), child.message))
            .collect();
        Some(Problem {
            message: diagnostic.message.clone(),
            code: diagnostic.code.as_ref().map(|code| code.code.clone()),
            file: primary.map(|span| shown(&span.file_name, root)),
            line: primary.map(|span| span.line_start),
            column: primary.map(|span| span.column_start),
            frame: primary.map(|span| frame(span, root)).unwrap_or_default(),
            notes,
            rendered: strip_ansi(
                diagnostic
                    .rendered
                    .as_deref()
                    .unwrap_or(&diagnostic.message),
            ),
        })
    }

    /// A failure that came with no diagnostic: `message`, and the output that explains it
    /// (cargo's own errors, a build script's panic, a crashed app's last lines), already
    /// without colours (an [`Excerpt`](crate::process::Excerpt) keeps it so).
    pub fn from_output(message: impl Into<String>, output: &str) -> Problem {
        Problem {
            message: message.into(),
            code: None,
            file: None,
            line: None,
            column: None,
            frame: Vec::new(),
            notes: Vec::new(),
            rendered: output.to_string(),
        }
    }
}

/// A file as the overlay names it: relative to the workspace's folder when inside it
/// (rustc names a package outside any workspace by its absolute path).
fn shown(file: &str, root: &Path) -> String {
    match Path::new(file).strip_prefix(root) {
        Ok(relative) => relative.to_string_lossy().into_owned(),
        Err(_) => file.to_string(),
    }
}

fn level_name(level: &DiagnosticLevel) -> &'static str {
    match level {
        DiagnosticLevel::Error | DiagnosticLevel::Ice => "error",
        DiagnosticLevel::Warning => "warning",
        DiagnosticLevel::Help => "help",
        _ => "note",
    }
}

/// The span's lines with [`CONTEXT`] lines around them, from the file as it is now (or,
/// when it cannot be read, the span's own lines as rustc quoted them).
fn frame(span: &DiagnosticSpan, root: &Path) -> Vec<FrameLine> {
    let source = std::fs::read_to_string(root.join(&span.file_name)).ok();
    let lines: Vec<(usize, String)> = match &source {
        Some(source) => {
            let first = span.line_start.saturating_sub(CONTEXT).max(1);
            let last = span.line_end + CONTEXT;
            source
                .lines()
                .enumerate()
                .skip(first - 1)
                .take(last + 1 - first)
                .map(|(index, text)| (index + 1, text.to_string()))
                .collect()
        }
        None => span
            .text
            .iter()
            .enumerate()
            .map(|(index, line)| (span.line_start + index, line.text.clone()))
            .collect(),
    };
    lines
        .into_iter()
        .map(|(number, text)| {
            let in_span = (span.line_start..=span.line_end).contains(&number);
            let width = text.chars().count();
            let mark = in_span.then(|| {
                let start = if number == span.line_start {
                    span.column_start.saturating_sub(1)
                } else {
                    0
                };
                let end = if number == span.line_end {
                    span.column_end.saturating_sub(1)
                } else {
                    width
                };
                let start = start.min(width);
                [start, end.min(width).max(start)]
            });
            let label = (number == span.line_end)
                .then(|| span.label.clone())
                .flatten();
            FrameLine {
                number,
                text,
                mark,
                label,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A diagnostic as cargo prints it with `--message-format=json`, for a file under `root`.
    fn mismatched(root: &Path) -> Diagnostic {
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(
            root.join("src/main.rs"),
            "fn main() {\n    let a = 1;\n    let n: u32 = \"no\";\n    let b = 2;\n    let c = 3;\n    let d = 4;\n}\n",
        )
        .unwrap();
        serde_json::from_value(serde_json::json!({
            "$message_type": "diagnostic",
            "message": "mismatched types",
            "code": { "code": "E0308", "explanation": null },
            "level": "error",
            "spans": [{
                "file_name": "src/main.rs", "byte_start": 40, "byte_end": 44,
                "line_start": 3, "line_end": 3, "column_start": 18, "column_end": 22,
                "is_primary": true, "text": [], "label": "expected `u32`, found `&str`",
                "suggested_replacement": null, "suggestion_applicability": null, "expansion": null
            }],
            "children": [{
                "message": "try using a conversion method", "code": null, "level": "help",
                "spans": [], "children": [], "rendered": null
            }],
            "rendered": "\u{1b}[1merror[E0308]\u{1b}[0m: mismatched types\n"
        }))
        .unwrap()
    }

    #[test]
    fn an_error_has_its_place_and_a_marked_frame() {
        let root = tempfile::tempdir().unwrap();
        let problem = Problem::from_diagnostic(&mismatched(root.path()), root.path()).unwrap();
        assert_eq!(problem.message, "mismatched types");
        assert_eq!(problem.code.as_deref(), Some("E0308"));
        assert_eq!(problem.file.as_deref(), Some("src/main.rs"));
        assert_eq!((problem.line, problem.column), (Some(3), Some(18)));
        assert_eq!(problem.notes, ["help: try using a conversion method"]);
        assert_eq!(problem.rendered, "error[E0308]: mismatched types\n");
        let numbers: Vec<usize> = problem.frame.iter().map(|line| line.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5], "two lines of context either side");
        let marked = &problem.frame[2];
        let [start, end] = marked.mark.unwrap();
        assert_eq!(&marked.text[start..end], "\"no\"");
        assert_eq!(
            marked.label.as_deref(),
            Some("expected `u32`, found `&str`")
        );
        assert!(
            problem
                .frame
                .iter()
                .filter(|line| line.mark.is_some())
                .count()
                == 1
        );
    }

    #[test]
    fn an_absolute_file_name_is_shown_from_the_workspace() {
        let root = tempfile::tempdir().unwrap();
        let mut diagnostic = mismatched(root.path());
        let absolute = root
            .path()
            .join("src/main.rs")
            .to_string_lossy()
            .into_owned();
        diagnostic.spans[0].file_name = absolute;
        let problem = Problem::from_diagnostic(&diagnostic, root.path()).unwrap();
        assert_eq!(problem.file.as_deref(), Some("src/main.rs"));
        assert_eq!(
            problem.frame.len(),
            5,
            "the frame is read from the same file"
        );
    }

    #[test]
    fn rustcs_closing_count_is_no_problem_of_its_own() {
        let root = tempfile::tempdir().unwrap();
        let mut count = mismatched(root.path());
        count.message = "aborting due to 1 previous error".into();
        count.spans.clear();
        assert_eq!(Problem::from_diagnostic(&count, root.path()), None);
    }

    #[test]
    fn warnings_are_left_to_the_terminal() {
        let root = tempfile::tempdir().unwrap();
        let mut warning = mismatched(root.path());
        warning.level = DiagnosticLevel::Warning;
        assert_eq!(Problem::from_diagnostic(&warning, root.path()), None);
    }
}
