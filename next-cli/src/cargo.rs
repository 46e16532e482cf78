//! Running `cargo build` for the app: cargo's own rendering of every diagnostic on the
//! terminal, the errors kept for the browser, the binary's path at the end; and a build can
//! be cancelled at any point (a newer change makes it pointless).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use cargo_metadata::{Message, TargetKind};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::oneshot;

use crate::diagnostic::Problem;
use crate::process;
use crate::project::Project;
use crate::CliError;

/// Which of cargo's profiles to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Dev,
    Release,
}

/// How a finished build went.
#[derive(Debug)]
pub enum Outcome {
    /// The app's binary, ready to run.
    Built(PathBuf),
    /// What the overlay shows: rustc's errors, or cargo's output when there are none (a
    /// broken `Cargo.toml`, a build script that panicked, a link error).
    Failed(Vec<Problem>),
}

/// A running `cargo build`.
pub struct Build {
    /// The process group's leader: cargo.
    pid: u32,
    outcome: oneshot::Receiver<Outcome>,
}

impl Build {
    /// Starts `cargo build` for `project`'s binary, in `project`'s folder, so that its
    /// `.cargo/config.toml`, `CARGO_TARGET_DIR` and the rest of cargo's settings count.
    pub fn start(project: &Project, profile: Profile) -> Result<Build, CliError> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let colour = std::io::stderr().is_terminal();
        let mut command = process::owned(cargo);
        command
            .current_dir(&project.root)
            .arg("build")
            .arg("--manifest-path")
            .arg(&project.manifest)
            .args(["-p", &project.name, "--bin", &project.bin])
            .arg(if colour {
                "--message-format=json-diagnostic-rendered-ansi"
            } else {
                "--message-format=json"
            })
            .arg(if colour {
                "--color=always"
            } else {
                "--color=never"
            })
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if profile == Profile::Release {
            command.arg("--release");
        }
        let mut child = command.spawn().map_err(CliError::io("cannot run cargo"))?;
        let pid = child.id().unwrap_or(0);
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let (send, outcome) = oneshot::channel();
        let project = project.clone();
        tokio::spawn(async move {
            let (excerpt, echo) = process::echo(stderr);
            let (binary, problems) = read_messages(stdout, &project).await;
            let _ = echo.await;
            let status = child.wait().await;
            let success = status.as_ref().is_ok_and(|status| status.success());
            let outcome = match (success, binary) {
                (true, Some(binary)) => Outcome::Built(binary),
                (false, _) if !problems.is_empty() => Outcome::Failed(problems),
                // No diagnostic says why: cargo's own last words do.
                (success, _) => {
                    let message = if success {
                        format!("cargo built no binary `{}`", project.bin)
                    } else {
                        "cargo build failed".to_string()
                    };
                    let output = excerpt.lock().unwrap().text();
                    Outcome::Failed(vec![Problem::from_output(message, &output)])
                }
            };
            let _ = send.send(outcome);
        });
        Ok(Build { pid, outcome })
    }

    /// How the build went, once it is over (cancel-safe: call it again after a `select!`
    /// took another branch).
    pub async fn finished(&mut self) -> Outcome {
        (&mut self.outcome).await.unwrap_or_else(|_| {
            Outcome::Failed(vec![Problem::from_output("cargo build stopped", "")])
        })
    }

    /// Stops the build, cargo and every rustc and build script it runs, as Ctrl-C in a
    /// terminal would (forcefully after two seconds).
    pub async fn cancel(self) {
        process::stop_group(self.pid, libc::SIGINT, Duration::from_secs(2)).await;
    }
}

/// Reads cargo's JSON messages: prints each diagnostic as cargo renders it, keeps the
/// errors, and finds the binary `project` names.
async fn read_messages(
    stdout: tokio::process::ChildStdout,
    project: &Project,
) -> (Option<PathBuf>, Vec<Problem>) {
    let mut lines = BufReader::new(stdout).lines();
    let mut binary = None;
    let mut problems = Vec::new();
    let mut terminal = tokio::io::stderr();
    while let Ok(Some(line)) = lines.next_line().await {
        match serde_json::from_str::<Message>(&line) {
            Ok(Message::CompilerMessage(message)) => {
                if let Some(rendered) = &message.message.rendered {
                    let _ = terminal.write_all(rendered.as_bytes()).await;
                }
                problems.extend(Problem::from_diagnostic(
                    &message.message,
                    &project.workspace,
                ));
            }
            Ok(Message::CompilerArtifact(artifact)) => {
                let ours = artifact.target.name == project.bin
                    && artifact.target.kind.contains(&TargetKind::Bin);
                if let (true, Some(executable)) = (ours, artifact.executable) {
                    binary = Some(executable.into_std_path_buf());
                }
            }
            Ok(_) => {}
            // Not one of cargo's messages: a build script's or a runner's own output.
            Err(_) => {
                let _ = terminal.write_all(format!("{line}\n").as_bytes()).await;
            }
        }
    }
    (binary, problems)
}
