//! The processes `cargo next` starts: each in a process group of its own, so that a signal
//! reaches cargo with every rustc it runs, and (on Linux) killed with `cargo next` itself
//! should it die without cleaning up.

use std::time::Duration;

use tokio::process::Command;

/// A command run by `cargo next`: its own process group; on Linux, a `SIGKILL` when the
/// thread that started it ends (`cargo next` runs on one thread, so: when it ends).
pub fn owned(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.process_group(0).kill_on_drop(true);
    #[cfg(target_os = "linux")]
    let parent = std::process::id() as libc::pid_t;
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl`, `getppid` and `_exit` are async-signal-safe and touch nothing of
    // the parent's memory.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // `cargo next` died before the call: nobody would ever stop this process.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
    command
}

/// Sends `signal` to the process group `pid` leads (every process of one build, or one
/// app); a group that is gone already is no error.
pub fn signal_group(pid: u32, signal: libc::c_int) {
    // 0 would be our own group.
    let Ok(pid @ 1..) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: a plain system call; a wrong or stale pid only makes it fail.
    unsafe {
        libc::kill(-pid, signal);
    }
}

/// Whether any process of the group `pid` leads still runs.
fn group_alive(pid: u32) -> bool {
    let Ok(pid @ 1..) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the group exists.
    unsafe { libc::kill(-pid, 0) == 0 }
}

/// Asks the group `pid` leads to stop with `signal`; if any of it still runs after
/// `grace`, kills it.
pub async fn stop_group(pid: u32, signal: libc::c_int, grace: Duration) {
    signal_group(pid, signal);
    let deadline = tokio::time::Instant::now() + grace;
    while group_alive(pid) && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if group_alive(pid) {
        signal_group(pid, libc::SIGKILL);
    }
}

/// Copies what a child writes to `output` (its stderr) to our stderr, line by line, in a
/// task of its own: the [`Excerpt`] it keeps for the browser, and the task (done when the
/// child closes its end).
pub fn echo(
    output: impl tokio::io::AsyncRead + Unpin + Send + 'static,
) -> (
    std::sync::Arc<std::sync::Mutex<Excerpt>>,
    tokio::task::JoinHandle<()>,
) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
    let excerpt = std::sync::Arc::<std::sync::Mutex<Excerpt>>::default();
    let kept = std::sync::Arc::clone(&excerpt);
    let task = tokio::spawn(async move {
        let mut reader = tokio::io::BufReader::new(output);
        let mut terminal = tokio::io::stderr();
        let mut line = Vec::new();
        // Bytes, not text: a line that is not UTF-8 must not stop the reading (the child's
        // next write would fail).
        while matches!(reader.read_until(b'\n', &mut line).await, Ok(read) if read > 0) {
            let _ = terminal.write_all(&line).await;
            let text = String::from_utf8_lossy(&line);
            kept.lock()
                .unwrap()
                .push(text.trim_end_matches(['\n', '\r']));
            line.clear();
        }
    });
    (excerpt, task)
}

/// Removes the terminal's colour and cursor codes from `text`, for the browser.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        // ESC [ parameters... final byte (a letter), or ESC and one more character.
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out
}

/// What a process wrote, kept to show in the browser when it fails: its first lines (a
/// panic's message comes early) and its last ones (a backtrace can be long), without
/// colours.
#[derive(Debug, Default)]
pub struct Excerpt {
    head: Vec<String>,
    tail: std::collections::VecDeque<String>,
    skipped: usize,
}

impl Excerpt {
    const HEAD: usize = 20;
    const TAIL: usize = 40;

    pub fn push(&mut self, line: &str) {
        let line = strip_ansi(line);
        if self.head.len() < Self::HEAD {
            self.head.push(line);
            return;
        }
        if self.tail.len() == Self::TAIL {
            self.tail.pop_front();
            self.skipped += 1;
        }
        self.tail.push_back(line);
    }

    pub fn text(&self) -> String {
        let mut lines: Vec<String> = self.head.clone();
        if self.skipped > 0 {
            lines.push(format!("[{} lines left out]", self.skipped));
        }
        lines.extend(self.tail.iter().cloned());
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_stripped() {
        assert_eq!(
            strip_ansi("\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror\u{1b}[0m: oops"),
            "error: oops"
        );
        assert_eq!(strip_ansi("plain"), "plain");
    }

    #[test]
    fn the_first_and_last_lines_are_kept() {
        let mut tail = Excerpt::default();
        for n in 0..100 {
            tail.push(&format!("line {n}"));
        }
        let text = tail.text();
        assert!(text.starts_with("line 0\nline 1\n"), "{text}");
        assert!(
            text.contains("line 19\n[40 lines left out]\nline 60\n"),
            "{text}"
        );
        assert!(text.ends_with("line 99"));
        let mut short = Excerpt::default();
        short.push("\u{1b}[31mthread 'main' panicked\u{1b}[0m");
        assert_eq!(short.text(), "thread 'main' panicked");
    }
}
