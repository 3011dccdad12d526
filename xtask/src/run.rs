//! Running commands with the project's tools on PATH, and failing with a clear message.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why an xtask step stopped, in words a user can act on.
#[derive(Debug)]
pub struct Fail(String);

impl Fail {
    /// A failure with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Fail(message.into())
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Where the project installs npm tools (wasm-opt from `binaryen`).
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// The PATH the project's commands run with: its npm tools and cargo's bin first.
pub fn tool_path() -> String {
    let mut parts = vec![tools_dir().join("node_modules").join(".bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin"));
    }
    let current = std::env::var_os("PATH").unwrap_or_default();
    parts.extend(std::env::split_paths(&current));
    std::env::join_paths(parts).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Runs commands in the workspace root with the project's PATH and extra environment.
#[derive(Clone, Debug, Default)]
pub struct Tools {
    /// Extra environment variables for every command (CHROMEDRIVER, say).
    pub env: Vec<(String, String)>,
}

impl Tools {
    /// A command ready to run in the workspace root with the tools on PATH.
    pub fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(args).current_dir(root()).env("PATH", tool_path());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command
    }

    /// Runs a command to completion; a non-zero exit is a failure naming the command.
    pub fn run(&self, program: &str, args: &[&str]) -> Result<(), Fail> {
        run_command(self.command(program, args), &format!("{program} {}", args.join(" ")))
    }

    /// Runs a command and returns its standard output, trimmed; `None` if it can't run.
    pub fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self.command(program, args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }
}

/// Runs a prepared command, echoing it first.
pub fn run_command(mut command: Command, shown: &str) -> Result<(), Fail> {
    println!("$ {shown}");
    let status = command.status().map_err(|e| Fail::new(format!("could not start `{shown}`: {e}")))?;
    if status.success() { Ok(()) } else { Err(Fail::new(format!("`{shown}` failed ({status})"))) }
}
