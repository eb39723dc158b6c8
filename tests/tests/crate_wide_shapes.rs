//! Crate shapes the crate-wide pass must survive, each a small package that `cargo check`
//! builds the way rustc alone would: rustc's own error for circular modules and `include!`
//! recursion, success for valid code, a readable error for a real finding, and never a hang
//! (every build has a deadline) or a stack overflow.
//!
//! The packages share one target directory under `CARGO_TARGET_TMPDIR`, so the dependencies
//! are built once; they build offline with this repository's `Cargo.lock`.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use invocation_scope_tests::crate_shapes::{Shape, write_package};

/// Far above what any of these packages needs once the dependencies are built, far below what
/// the shapes that used to hang took.
const DEADLINE: Duration = Duration::from_mins(4);

const HEADER: &str = "use invocation_scope::invocation_handler;\n\
                      use lambda_runtime::{Error, LambdaEvent};\n";

struct Built {
    success: bool,
    stderr: String,
}

impl Built {
    /// The compiler's errors, without cargo's own lines.
    fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("error") && !line.starts_with("error: could not"))
            .collect()
    }
}

fn shapes_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("crate-wide-shapes")
}

/// `cargo check` of a package made of `files`, with `INVOCATION_SCOPE_DEBUG=1`.
fn check(name: &str, files: &[(&str, String)]) -> Built {
    write_package(&shapes_dir().join(name), files).expect("the package is written");
    recheck(name)
}

/// `cargo check` of the package `name` as it is now.
fn recheck(name: &str) -> Built {
    let root = shapes_dir();
    let dir = root.join(name);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    // Its own process group, so that a build past the deadline is stopped with its rustc.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .args(["check", "--offline", "--quiet", "--color", "never"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("INVOCATION_SCOPE_DEBUG", "1")
        .env_remove("RUSTFLAGS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo starts");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("cargo is waited for") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            #[cfg(unix)]
            let _ = Command::new("kill")
                .args(["-KILL", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            panic!("`cargo check` of {name} did not finish in {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = reader.join().expect("stderr is read");
    assert!(
        !stderr.contains("has overflowed its stack"),
        "{name}: rustc overflowed its stack\n{stderr}"
    );
    Built {
        success: status.success(),
        stderr,
    }
}

fn main_rs(body: &str) -> (&'static str, String) {
    ("src/main.rs", format!("{HEADER}{body}\nfn main() {{}}\n"))
}

fn file(path: &'static str, body: &str) -> (&'static str, String) {
    (path, body.to_owned())
}

fn assert_builds(name: &str, files: &[(&str, String)]) -> Built {
    let built = check(name, files);
    assert!(built.success, "{name} must build\n{}", built.stderr);
    built
}

fn assert_fails_with(name: &str, files: &[(&str, String)], needle: &str) -> Built {
    let built = check(name, files);
    assert!(!built.success, "{name} must fail\n{}", built.stderr);
    assert!(
        built.stderr.contains(needle),
        "{name}: expected `{needle}` in\n{}",
        built.stderr
    );
    built
}

const HANDLER: &str = "#[invocation_handler]\n\
                       async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
                       Ok(event.payload)\n}\n";

// Circular modules and `include!` recursion: rustc's error, as without the attribute. The
// handler comes first, so that the pass reads the crate before rustc meets the cycle.

#[test]
fn module_whose_path_is_its_own_file() {
    let files = [main_rs(&format!(
        "{HANDLER}\n#[path = \"main.rs\"]\nmod again;\n"
    ))];
    assert_fails_with("path-to-itself", &files, "circular modules");
}

#[test]
fn two_modules_naming_each_other() {
    let files = [
        main_rs(&format!("{HANDLER}\nmod a;\n")),
        file("src/a.rs", "#[path = \"b.rs\"]\nmod b;\n"),
        file("src/b.rs", "#[path = \"a.rs\"]\nmod a;\n"),
    ];
    assert_fails_with("a-b-a", &files, "circular modules");
}

#[test]
fn mod_rs_naming_itself() {
    let files = [
        main_rs(&format!("{HANDLER}\nmod x;\n")),
        file("src/x/mod.rs", "#[path = \"mod.rs\"]\nmod again;\n"),
    ];
    assert_fails_with("mod-rs-to-itself", &files, "circular modules");
}

#[test]
fn file_including_itself() {
    let files = [
        main_rs(&format!("{HANDLER}\ninclude!(\"inc.rs\");\n")),
        file("src/inc.rs", "include!(\"inc.rs\");\n"),
    ];
    assert_fails_with(
        "include-itself",
        &files,
        "recursion limit reached while expanding `include!`",
    );
}

// Only the files rustc reads.

#[cfg(unix)]
#[test]
fn cfg_disabled_include_and_module_of_a_fifo() {
    let body = format!(
        "#[cfg(any())]\ninclude!(\"pipe.rs\");\n\n\
         #[cfg(any())]\n#[path = \"pipe.rs\"]\nmod piped;\n\n\
         #[cfg(feature = \"absent\")]\ninclude!(\"pipe.rs\");\n\n{HANDLER}"
    );
    let files = [main_rs(&body)];
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("crate-wide-shapes/fifo");
    write_package(&dir, &files).expect("the package is written");
    let pipe = dir.join("src/pipe.rs");
    if !pipe.exists() {
        let made = Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
    }
    assert!(pipe.metadata().is_ok_and(|m| !m.is_file()));
    // `check` writes the listed files again; the FIFO stays.
    assert_builds("fifo", &files);
}

#[test]
fn path_in_a_non_mod_rs_file_is_relative_to_its_directory() {
    // rustc reads `src/other.rs`; `src/a/other.rs` is stale and never compiled.
    let mut files = vec![
        main_rs(
            "mod a;\n\n#[invocation_handler]\n\
             async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
             Ok(a::o::get(event.payload))\n}\n",
        ),
        file("src/a.rs", "#[path = \"other.rs\"]\npub mod o;\n"),
        file(
            "src/a/other.rs",
            "static mut STALE: u32 = 0;\npub fn get(x: u32) -> u32 {\n    unsafe { STALE + x }\n}\n",
        ),
        file("src/other.rs", "pub fn get(x: u32) -> u32 {\n    x\n}\n"),
    ];
    assert_builds("path-in-a-rs", &files);

    // And the statics of the file rustc reads are seen.
    files[3] = file(
        "src/other.rs",
        "static mut REAL: u32 = 0;\npub fn get(x: u32) -> u32 {\n    unsafe { REAL + x }\n}\n",
    );
    let built = assert_fails_with(
        "path-in-a-rs-real",
        &files,
        "reaches the static `a::o::REAL`",
    );
    assert!(
        built.stderr.contains("(src/other.rs:1)"),
        "{}",
        built.stderr
    );
}

#[test]
fn path_inside_an_inline_module_of_a_non_mod_rs_file() {
    let files = [
        main_rs(
            "mod a;\n\n#[invocation_handler]\n\
             async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
             Ok(a::inner::d::get(event.payload))\n}\n",
        ),
        file(
            "src/a.rs",
            "pub mod inner {\n    #[path = \"deep.rs\"]\n    pub mod d;\n}\n",
        ),
        file(
            "src/a/inner/deep.rs",
            "static mut DEEP: u32 = 0;\npub fn get(x: u32) -> u32 {\n    unsafe { DEEP + x }\n}\n",
        ),
    ];
    let built = assert_fails_with(
        "path-in-inline",
        &files,
        "reaches the static `a::inner::d::DEEP`",
    );
    assert!(
        built.stderr.contains("(src/a/inner/deep.rs:1)"),
        "{}",
        built.stderr
    );
}

#[test]
fn module_disabled_by_a_feature_is_not_read() {
    // Twins chosen by a feature: only the compiled one is read, so only it is reported.
    let files = [
        main_rs(
            "#[cfg(feature = \"fast\")]\n#[path = \"fast.rs\"]\nmod backend;\n\
             #[cfg(not(feature = \"fast\"))]\n#[path = \"slow.rs\"]\nmod backend;\n\n\
             #[invocation_handler]\n\
             async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
             Ok(backend::next(event.payload))\n}\n",
        ),
        file(
            "src/fast.rs",
            "static mut FAST: u32 = 0;\npub fn next(x: u32) -> u32 {\n    unsafe { FAST + x }\n}\n",
        ),
        file(
            "src/slow.rs",
            "static mut SLOW: u32 = 0;\npub fn next(x: u32) -> u32 {\n    unsafe { SLOW + x }\n}\n",
        ),
    ];
    let built = assert_fails_with(
        "feature-twins",
        &files,
        "reaches the static `backend::SLOW`",
    );
    assert!(!built.stderr.contains("FAST"), "{}", built.stderr);
    // The root and `src/slow.rs` only.
    assert!(
        built.stderr.contains(": 2 files,"),
        "the disabled file is read: {}",
        built.stderr
    );
}

// Shapes that used to take minutes.

#[test]
fn glob_web_of_five_modules() {
    let source = Shape::GlobWeb {
        modules: 5,
        fns: 20,
    }
    .source();
    assert_builds("glob-web", &[("src/main.rs", source)]);
}

#[test]
fn type_nested_eight_levels_six_wide() {
    let source = Shape::NestedTypes {
        levels: 8,
        width: 6,
    }
    .source();
    let built = assert_builds("nested-types", &[("src/main.rs", source)]);
    // The pass judged the static rather than giving up on it.
    assert!(
        built.stderr.contains("1 statics reached through calls"),
        "{}",
        built.stderr
    );
}

#[test]
fn chain_of_five_thousand_calls_to_a_static_mut() {
    let source = Shape::DeepChain {
        calls: 5_000,
        atomic: false,
    }
    .source();
    let built = assert_fails_with(
        "deep-chain-mut",
        &[("src/main.rs", source)],
        "reaches the static `HITS`",
    );
    assert!(
        built.stderr.contains("... 4992 more calls ..."),
        "{}",
        built.stderr
    );
    assert!(
        built.stderr.contains("call_0 calls call_1"),
        "{}",
        built.stderr
    );
    assert!(
        built.stderr.contains("call_5000 uses HITS"),
        "{}",
        built.stderr
    );
    assert!(built.stderr.len() < 8_000, "{} bytes", built.stderr.len());
}

#[test]
fn chain_of_five_thousand_calls_to_an_atomic() {
    let source = Shape::DeepChain {
        calls: 5_000,
        atomic: true,
    }
    .source();
    let built = assert_fails_with(
        "deep-chain-atomic",
        &[("src/main.rs", source)],
        "its declared type holds `std::sync::atomic::AtomicU32`",
    );
    assert!(
        built.stderr.contains("call_5000 uses HITS"),
        "{}",
        built.stderr
    );
    assert!(built.stderr.len() < 8_000, "{} bytes", built.stderr.len());
}

// Handlers identified by where their name is written.

#[test]
fn same_named_handlers_on_the_same_line_of_two_files() {
    // Line 5 of both files: only `a`'s handler reaches a static.
    let files = [
        (
            "src/main.rs",
            format!(
                "mod a;\n{HEADER}#[invocation_handler]\n\
                 async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
                 Ok(event.payload)\n}}\n\nfn main() {{}}\n"
            ),
        ),
        file(
            "src/a.rs",
            &format!(
                "//! Module a.\n{HEADER}#[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> \
                 Result<u32, Error> {{\n    Ok(count(event.payload))\n}}\n\n\
                 static mut HITS: u32 = 0;\nfn count(x: u32) -> u32 {{\n    unsafe {{ HITS + x }}\n}}\n"
            ),
        ),
    ];
    let built = assert_fails_with("same-line-handlers", &files, "reaches the static `a::HITS`");
    assert_eq!(built.errors().len(), 1, "{}", built.stderr);
    assert!(built.stderr.contains("--> src/a.rs:6"), "{}", built.stderr);
}

#[test]
fn handler_written_by_a_macro_does_not_take_a_real_ones_findings() {
    let files = [main_rs(
        "static mut HITS: u32 = 0;\nfn count(x: u32) -> u32 {\n    unsafe { HITS + x }\n}\n\n\
         mod real {\n    use super::*;\n    #[invocation_handler]\n    \
         pub async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n        \
         Ok(count(event.payload))\n    }\n}\n\n\
         macro_rules! make_handler {\n    ($name:ident) => {\n        #[invocation_handler]\n        \
         async fn $name(event: LambdaEvent<u32>) -> Result<u32, Error> {\n            \
         Ok(event.payload)\n        }\n    };\n}\n\nmake_handler!(handler);\n",
    )];
    let built = assert_fails_with("macro-handler", &files, "reaches the static `HITS`");
    assert_eq!(built.errors().len(), 1, "{}", built.stderr);
    // The generated one says, when asked, that the pass could not see it.
    assert!(
        built.stderr.contains(
            "crate-wide pass skipped for `handler`: the handler is not among the functions \
             written in the crate's files"
        ),
        "{}",
        built.stderr
    );
}

#[test]
fn renamed_import_of_the_attribute_is_analysed() {
    let files = [(
        "src/main.rs",
        "use invocation_scope::invocation_handler as ih;\nuse lambda_runtime::{Error, LambdaEvent};\n\n\
         static mut HITS: u32 = 0;\nfn count(x: u32) -> u32 {\n    unsafe { HITS + x }\n}\n\n\
         #[ih]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         Ok(count(event.payload))\n}\n\nfn main() {}\n"
            .to_owned(),
    )];
    assert_fails_with("renamed-attribute", &files, "reaches the static `HITS`");
}

// Valid code the pass used to refuse.

#[test]
fn static_typed_with_a_module_declared_by_a_macro() {
    let files = [main_rs(
        "macro_rules! make_mod {\n    () => {\n        mod generated {\n            \
         pub struct Data(pub u32);\n        }\n    };\n}\nmake_mod!();\n\n\
         static DATA: generated::Data = generated::Data(3);\n\
         fn read() -> u32 {\n    DATA.0\n}\n\n\
         #[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         Ok(read() + event.payload)\n}\n",
    )];
    assert_builds("macro-module-type", &files);
}

#[test]
fn function_local_struct_shadows_a_module_level_one() {
    let files = [main_rs(
        "use std::sync::atomic::{AtomicU32, Ordering};\n\n\
         pub struct Data {\n    pub n: AtomicU32,\n}\n\
         pub fn shared(d: &Data) -> u32 {\n    d.n.load(Ordering::Relaxed)\n}\n\n\
         fn read() -> u32 {\n    struct Data {\n        n: u32,\n    }\n    \
         static LOCAL: Data = Data { n: 4 };\n    LOCAL.n\n}\n\n\
         #[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         Ok(read() + event.payload)\n}\n",
    )];
    assert_builds("local-struct", &files);
}

#[test]
fn function_local_fn_shadows_a_module_level_one() {
    let files = [main_rs(
        "static mut LOGGED: u32 = 0;\n\
         pub fn log(x: u32) -> u32 {\n    unsafe { LOGGED + x }\n}\n\n\
         fn work(x: u32) -> u32 {\n    fn log(x: u32) -> u32 {\n        x * 2\n    }\n    log(x)\n}\n\n\
         #[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
         Ok(work(event.payload))\n}\n",
    )];
    assert_builds("local-fn", &files);
}

const MACRO_WRITTEN_RECORD: &str = "use std::sync::Mutex;\n\n\
     static LOG: Mutex<Vec<u32>> = Mutex::new(Vec::new());\n\n\
     macro_rules! recorder {\n    ($name:ident) => {\n        fn $name(x: u32) -> u32 {\n            \
     LOG.lock().unwrap().push(x);\n            x\n        }\n    };\n}\nrecorder!(record);\n\n";

#[test]
fn stop_at_a_function_written_by_a_local_macro() {
    let files = [main_rs(&format!(
        "{MACRO_WRITTEN_RECORD}#[invocation_handler(stop_at(record))]\n\
         async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
         Ok(record(event.payload))\n}}\n"
    ))];
    assert_builds("stop-at-macro-fn", &files);
}

#[test]
fn allow_a_static_reached_through_a_function_written_by_a_local_macro() {
    let files = [main_rs(&format!(
        "{MACRO_WRITTEN_RECORD}#[invocation_handler(allow(LOG))]\n\
         async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
         Ok(record(event.payload))\n}}\n"
    ))];
    assert_builds("allow-through-macro-fn", &files);
}

#[test]
fn static_reached_through_a_function_written_by_a_local_macro_is_reported() {
    let files = [main_rs(&format!(
        "{MACRO_WRITTEN_RECORD}#[invocation_handler]\n\
         async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
         Ok(record(event.payload))\n}}\n"
    ))];
    assert_fails_with("macro-fn-reaches-mutex", &files, "reaches the static `LOG`");
}

/// A type of a vendored crate, which the pass does not read: `cells::Counter` stores a `Cell`
/// inline, which only rustc can tell.
fn opaque_dependency() -> [(&'static str, String); 3] {
    let manifest = format!(
        "[package]\nname = \"one-probe-per-type\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\n\
         invocation-scope = {{ path = \"{}\" }}\n\
         lambda_runtime = {{ version = \"1.5\", default-features = false }}\n\
         serde_json = \"1\"\ncells = {{ path = \"vendor/cells\" }}\n\n[workspace]\n",
        invocation_scope_tests::crate_shapes::repository()
            .join("invocation-scope")
            .display()
    );
    [
        ("Cargo.toml", manifest),
        file(
            "vendor/cells/Cargo.toml",
            "[package]\nname = \"cells\"\nversion = \"0.0.0\"\nedition = \"2024\"\n",
        ),
        file(
            "vendor/cells/src/lib.rs",
            "pub struct Counter { hits: std::cell::Cell<u32> }\n\
             // SAFETY: for the test only: never shared across threads.\n\
             unsafe impl Sync for Counter {}\n\
             impl Counter {\n    \
             pub const fn new() -> Self { Counter { hits: std::cell::Cell::new(0) } }\n    \
             pub fn hit(&self) -> u32 { self.hits.set(self.hits.get() + 1); self.hits.get() }\n}\n",
        ),
    ]
}

#[test]
fn statics_of_one_type_share_one_probe_and_primitive_ones_need_none() {
    let [manifest, dependency, library] = opaque_dependency();
    let files = [
        manifest,
        dependency,
        library,
        main_rs(
            "static FIRST: cells::Counter = cells::Counter::new();\n\
             static SECOND: cells::Counter = cells::Counter::new();\n\
             static TABLE: [u32; 3] = [1, 2, 3];\n\
             static NAME: &str = \"n\";\n\n\
             fn work(x: u32) -> u32 {\n    \
             FIRST.hit() + SECOND.hit() + TABLE[0] + NAME.len() as u32 + x\n}\n\n\
             #[invocation_handler]\nasync fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {\n    \
             Ok(work(event.payload))\n}\n",
        ),
    ];
    let built = assert_fails_with(
        "one-probe-per-type",
        &files,
        "handler_reaches_FIRST_via_work_and_1_more_statics_of_this_type",
    );
    assert!(
        built.stderr.contains("4 statics reached through calls"),
        "{}",
        built.stderr
    );
    assert_eq!(built.errors().len(), 1, "{}", built.stderr);
}

#[test]
fn stop_at_into_a_module_declared_by_a_macro_is_accepted_and_a_missing_function_is_not() {
    let body = |stop: &str| {
        main_rs(&format!(
            "macro_rules! make_mod {{\n    () => {{\n        mod generated {{\n            \
             pub fn work(x: u32) -> u32 {{\n                x\n            }}\n        }}\n    }};\n}}\n\
             make_mod!();\n\n\
             #[invocation_handler(stop_at({stop}))]\n\
             async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n    \
             Ok(generated::work(event.payload))\n}}\n"
        ))
    };
    assert_builds("stop-at-macro-module", &[body("generated::work")]);
    assert_fails_with(
        "stop-at-nothing",
        &[body("nothing_here")],
        "`stop_at` names no function of this crate",
    );
}

// The `strict` feature of `invocation-scope` turns `strict` on for every attribute of the crate.

const INIT_ONCE: &str = "mod names {\n    \
                         static ALLOWED: std::sync::LazyLock<Vec<String>> =\n        \
                         std::sync::LazyLock::new(|| vec![\"a\".to_owned()]);\n    \
                         pub fn allowed(name: &str) -> bool { ALLOWED.iter().any(|a| a == name) }\n}\n\
                         #[invocation_handler]\n\
                         async fn handler(event: LambdaEvent<String>) -> Result<bool, Error> {\n    \
                         Ok(names::allowed(&event.payload))\n}\n";

#[test]
fn the_policy_accepts_an_init_once_static() {
    assert_builds("init-once-by-default", &[main_rs(INIT_ONCE)]);
}

#[test]
fn the_strict_feature_refuses_it_in_every_handler() {
    let manifest = format!(
        "[package]\nname = \"init-once-strict\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\n\
         invocation-scope = {{ path = \"{}\", features = [\"strict\"] }}\n\
         lambda_runtime = {{ version = \"1.5\", default-features = false }}\n\
         serde_json = \"1\"\n\n[workspace]\n",
        invocation_scope_tests::crate_shapes::repository()
            .join("invocation-scope")
            .display()
    );
    assert_fails_with(
        "init-once-strict",
        &[("Cargo.toml", manifest), main_rs(INIT_ONCE)],
        "its declared type `std::sync::LazyLock<Vec<String>>` is a `LazyLock` (policy: `strict` \
         refuses every interior-mutable static)",
    );
}

// A package with a library beside its binaries, and path dependencies of the workspace: the
// pass reads them too, as rustc compiled them.

/// `Cargo.toml` of a package `name` with a library and a binary `orders`, depending on the
/// workspace crates `storage` and `billing` (renamed `payments`).
fn workspace_manifest(name: &str) -> (&'static str, String) {
    let repository = invocation_scope_tests::crate_shapes::repository();
    (
        "Cargo.toml",
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\npath = \"src/lib.rs\"\n\n[[bin]]\nname = \"orders\"\npath = \"src/bin/orders.rs\"\n\n\
             [dependencies]\ninvocation-scope = {{ path = \"{}\" }}\n\
             lambda_runtime = {{ version = \"1.5\", default-features = false }}\n\
             serde_json = \"1\"\nstorage = {{ path = \"storage\" }}\n\
             payments = {{ package = \"billing\", path = \"billing\" }}\n\n\
             [workspace]\nmembers = [\".\", \"storage\", \"billing\"]\n",
            repository.join("invocation-scope").display()
        ),
    )
}

fn workspace_crates() -> Vec<(&'static str, String)> {
    let manifest = |name: &str| {
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [features]\nin_memory = []\n"
        )
    };
    vec![
        ("storage/Cargo.toml", manifest("storage")),
        (
            "storage/src/lib.rs",
            "pub mod client;\nmod db;\npub use db::record;\n\n\
             #[cfg(feature = \"in_memory\")]\nmod backend;\n\
             #[cfg(not(feature = \"in_memory\"))]\n#[path = \"cloud.rs\"]\nmod backend;\n\
             pub use backend::save;\n"
                .to_owned(),
        ),
        (
            "storage/src/db.rs",
            "use std::sync::Mutex;\n\n\
             static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());\n\n\
             pub fn record(item: &str) -> usize {\n    \
             let mut items = ITEMS.lock().unwrap();\n    items.push(item.to_owned());\n    items.len()\n}\n"
                .to_owned(),
        ),
        (
            "storage/src/client.rs",
            "use std::sync::{Arc, OnceLock};\n\n\
             pub struct Client {\n    table: Arc<String>,\n}\n\n\
             static CLIENT: OnceLock<Client> = OnceLock::new();\n\n\
             fn connect() -> Client {\n    \
             Client { table: Arc::new(std::env::var(\"TABLE\").unwrap_or_default()) }\n}\n\n\
             pub fn table() -> usize {\n    CLIENT.get_or_init(connect).table.len()\n}\n"
                .to_owned(),
        ),
        (
            "storage/src/backend.rs",
            "use std::sync::Mutex;\n\n\
             static SAVED: Mutex<Vec<String>> = Mutex::new(Vec::new());\n\n\
             pub fn save(item: &str) {\n    SAVED.lock().unwrap().push(item.to_owned());\n}\n"
                .to_owned(),
        ),
        (
            "storage/src/cloud.rs",
            "pub fn save(item: &str) {\n    let _ = item.len();\n}\n".to_owned(),
        ),
        ("billing/Cargo.toml", manifest("billing")),
        (
            "billing/src/lib.rs",
            "mod ledger {\n    pub static mut CHARGED: u64 = 0;\n}\n\n\
             pub fn charge(cents: u64) -> u64 {\n    \
             // SAFETY: for the test only.\n    \
             unsafe {\n        ledger::CHARGED += cents;\n        ledger::CHARGED\n    }\n}\n"
                .to_owned(),
        ),
    ]
}

fn orders_bin(body: &str) -> (&'static str, String) {
    (
        "src/bin/orders.rs",
        format!(
            "{HEADER}\n#[invocation_handler]\n\
             async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {{\n    \
             {body}\n}}\n\nfn main() {{\n    let _ = lambda_runtime::service_fn(handler);\n}}\n"
        ),
    )
}

#[test]
fn workspace_crates_are_read_and_what_is_safe_there_is_accepted() {
    let mut files = vec![
        workspace_manifest("workspace-accepted"),
        (
            "src/lib.rs",
            "pub fn archive(item: &str) -> usize {\n    storage::save(item);\n    \
             storage::client::table() + serde_json::to_string(item).map_or(0, |s| s.len())\n}\n"
                .to_owned(),
        ),
        orders_bin("Ok(workspace_accepted::archive(&event.payload))"),
    ];
    files.extend(workspace_crates());
    let built = assert_builds("workspace-accepted", &files);
    // The library beside the binary and both path dependencies were indexed with it.
    assert!(
        built.stderr.contains("crate-wide pass for `handler`"),
        "{}",
        built.stderr
    );
}

#[test]
fn the_global_list_two_crates_away_is_refused_with_its_chain() {
    let mut files = vec![
        workspace_manifest("workspace-refused"),
        (
            "src/lib.rs",
            "pub mod work {\n    pub fn handle(item: &str) -> usize {\n        \
             storage::record(item)\n    }\n}\n"
                .to_owned(),
        ),
        orders_bin(
            "Ok(workspace_refused::work::handle(&event.payload) + payments::charge(3) as usize)",
        ),
    ];
    files.extend(workspace_crates());
    let built = assert_fails_with(
        "workspace-refused",
        &files,
        "reaches the static `storage::db::ITEMS` (storage/src/db.rs:3) through calls: its declared \
         type holds `Mutex<Vec<String>>`",
    );
    for needle in [
        "src/bin/orders.rs:6: handler calls workspace_refused::work::handle",
        "src/lib.rs:3: workspace_refused::work::handle calls storage::db::record",
        "storage/src/db.rs:6: storage::db::record uses storage::db::ITEMS",
        "allow(storage::db::ITEMS)",
        // The renamed dependency, by the name the binary calls it.
        "reaches the static `payments::ledger::CHARGED`",
        "allow(payments::ledger::CHARGED)",
    ] {
        assert!(
            built.stderr.contains(needle),
            "`{needle}` in\n{}",
            built.stderr
        );
    }
}

/// `storage` holds two inline twins of a module, one per side of its `in_memory` feature; the
/// function depends on it with the feature on.
fn inline_twins_workspace(name: &str) -> Vec<(&'static str, String)> {
    let repository = invocation_scope_tests::crate_shapes::repository();
    vec![
        (
            "Cargo.toml",
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
                 publish = false\n\n[dependencies]\n\
                 invocation-scope = {{ path = \"{}\" }}\n\
                 lambda_runtime = {{ version = \"1.5\", default-features = false }}\n\
                 serde_json = \"1\"\n\
                 storage = {{ path = \"storage\", features = [\"in_memory\"] }}\n\n\
                 [workspace]\nmembers = [\".\", \"storage\"]\n",
                repository.join("invocation-scope").display()
            ),
        ),
        (
            "storage/Cargo.toml",
            "[package]\nname = \"storage\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [features]\nin_memory = []\n"
                .to_owned(),
        ),
        (
            "storage/src/lib.rs",
            "#[cfg(feature = \"in_memory\")]\nmod backend {\n    use std::sync::Mutex;\n\n    \
             static SAVED: Mutex<Vec<String>> = Mutex::new(Vec::new());\n\n    \
             pub fn save(item: &str) {\n        SAVED.lock().unwrap().push(item.to_owned());\n    \
             }\n}\n\n\
             #[cfg(not(feature = \"in_memory\"))]\nmod backend {\n    \
             pub fn save(item: &str) {\n        let _ = item.len();\n    }\n}\n\n\
             pub use backend::save;\n"
                .to_owned(),
        ),
        main_rs(
            "#[invocation_handler]\n\
             async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {\n    \
             storage::save(&event.payload);\n    Ok(0)\n}\n",
        ),
    ]
}

/// The function's own command line says nothing of `storage`'s features: the finding is made
/// whichever twin was compiled, never left to a `#[cfg]` that rustc would judge by the
/// function's features (which would hide it here, and warn of an unknown feature).
#[test]
fn a_static_under_a_feature_of_another_crate_is_refused_with_a_note() {
    let built = assert_fails_with(
        "workspace-inline-cfg",
        &inline_twins_workspace("workspace-inline-cfg"),
        "reaches the static `storage::backend::SAVED` (storage/src/lib.rs:5) through calls",
    );
    for needle in [
        "note: the chain passes `#[cfg(feature = \"in_memory\")]` of another crate of the \
         workspace",
        "allow(storage::backend::SAVED)",
    ] {
        assert!(
            built.stderr.contains(needle),
            "`{needle}` in\n{}",
            built.stderr
        );
    }
    assert!(
        !built.stderr.contains("unexpected `cfg`"),
        "{}",
        built.stderr
    );
}

/// The other crates' indexes are kept beside their metadata: the next compilation of a function
/// reads them from disk, until a file of one of them changes.
#[test]
fn workspace_crates_are_read_from_disk_until_one_changes() {
    let name = "workspace-kept";
    let mut files = vec![
        workspace_manifest(name),
        ("src/lib.rs", "pub fn noop() {}\n".to_owned()),
        orders_bin("storage::save(&event.payload);\n    Ok(storage::client::table())"),
    ];
    files.extend(workspace_crates());
    let first = assert_builds(name, &files);
    assert!(
        first.stderr.contains(
            "(once per compilation; 0 of 3 other crates of the workspace read from disk)"
        ),
        "{}",
        first.stderr
    );

    let dir = shapes_dir().join(name);
    let edit = |path: &str, text: String| std::fs::write(dir.join(path), text).expect("written");
    let (bin, body) =
        orders_bin("storage::save(&event.payload);\n    Ok(storage::client::table())");
    edit(bin, format!("{body}// edited\n"));
    let second = recheck(name);
    assert!(second.success, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains("3 of 3 other crates of the workspace read from disk"),
        "{}",
        second.stderr
    );

    // The global list appears in `storage`: its index is built again, the others are read.
    edit(
        "storage/src/cloud.rs",
        "use std::sync::Mutex;\n\nstatic SENT: Mutex<Vec<String>> = Mutex::new(Vec::new());\n\n\
         pub fn save(item: &str) {\n    SENT.lock().unwrap().push(item.to_owned());\n}\n"
            .to_owned(),
    );
    let third = recheck(name);
    assert!(!third.success, "{}", third.stderr);
    for needle in [
        "reaches the static `storage::backend::SENT` (storage/src/cloud.rs:3) through calls",
        "2 of 3 other crates of the workspace read from disk",
    ] {
        assert!(
            third.stderr.contains(needle),
            "`{needle}` in\n{}",
            third.stderr
        );
    }
}
