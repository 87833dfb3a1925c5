//! Running the real `camlo` binary as a child process.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running `camlo` process; killed on drop.
pub struct Server {
    /// The child.
    pub child: Child,
    /// `http://addr` it serves.
    pub url: String,
    /// What it printed up to "serving on".
    pub banner: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bin args…` with extra environment and waits for its "serving on http://…" line.
pub fn start(bin: &str, args: &[&str], envs: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .env_remove("CAMLO_TEST_DATABASE_URL")
        .env("CAMLO_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let out = child.stdout.take().unwrap();
    let mut banner = Vec::new();
    let mut reader = BufReader::new(out);
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "server exited early: {banner:?}"
        );
        let done = line.contains("serving on http://");
        banner.push(line.trim_end().to_owned());
        if done {
            break;
        }
    }
    let url = banner
        .last()
        .unwrap()
        .split("serving on ")
        .nth(1)
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in reader.lines() {});
    Server { child, url, banner }
}
