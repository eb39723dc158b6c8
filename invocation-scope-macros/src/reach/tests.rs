//! The loader and the resolver on multi-file fixtures, compared as rendered dumps: which files
//! are read, which modules and items they make, what names resolve to.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::index::{Files, load_fixture};
use super::model::{Index, Item};
use super::resolve::{Context, resolve};

/// `//- /src/main.rs` starts a file; `//- /src/pipe.rs fifo` is a path that is no regular file.
struct Fixture {
    files: HashMap<PathBuf, Option<String>>,
}

impl Fixture {
    fn parse(text: &str) -> Fixture {
        let mut files = HashMap::new();
        let mut current: Option<(PathBuf, Option<String>)> = None;
        for line in text.lines() {
            if let Some(header) = line.strip_prefix("//- ") {
                files.extend(current.take());
                let mut words = header.split_whitespace();
                let path = PathBuf::from(words.next().expect("a path"));
                let regular = words.next() != Some("fifo");
                current = Some((path, regular.then(String::new)));
            } else if let Some((_, Some(source))) = &mut current {
                source.push_str(line);
                source.push('\n');
            }
        }
        files.extend(current);
        Fixture { files }
    }
}

impl Files for Fixture {
    fn is_regular(&self, path: &Path) -> bool {
        matches!(self.files.get(&self.canonical(path)), Some(Some(_)))
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        let mut out = PathBuf::new();
        for component in path.components() {
            match component {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    }

    fn read(&self, path: &Path) -> Option<String> {
        self.files.get(&self.canonical(path))?.clone()
    }
}

fn index(fixture: &str, args: &[&str]) -> Index {
    let files = Fixture::parse(fixture);
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    load_fixture(Path::new("/pkg/src/main.rs"), &files, &args)
}

/// The files read, in order, then each module with its fns and statics.
fn render(index: &Index) -> String {
    let mut out = format!("files: {}\n", index.files.join(", "));
    for (id, module) in index.modules.iter().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for function in index.fns.iter().filter(|f| f.module == id) {
            names.push(format!("fn {}", function.display(index)));
        }
        for definition in index.statics.iter().filter(|s| s.module == id) {
            names.push(format!(
                "static {} ({}:{})",
                definition.name, index.files[definition.loc.file], definition.loc.line
            ));
        }
        let path = if module.path.is_empty() {
            "crate".to_owned()
        } else {
            format!("crate::{}", module.path.join("::"))
        };
        let _ = writeln!(out, "{path}: {}", names.join(", "));
    }
    out
}

fn resolved(index: &Index, path: &str) -> String {
    let segments: Vec<String> = path.split("::").map(str::to_owned).collect();
    let context = Context {
        module: 0,
        scope: None,
        owner: None,
    };
    let found: Vec<String> = resolve(index, context, &segments)
        .into_iter()
        .map(|item| match item {
            Item::Fn(id) => format!("fn {}", index.fns[id].display(index)),
            Item::Static(id) => format!("static {}", index.statics[id].display(index)),
            Item::Mod(id) => format!("mod {}", index.modules[id].path.join("::")),
            Item::Type(id) => format!("type {}", index.types[id].name),
            Item::Value => "value".to_owned(),
        })
        .collect();
    found.join(", ")
}

#[test]
fn a_module_naming_its_own_file_is_read_once() {
    let index = index(
        "
//- /pkg/src/main.rs
#[path = \"main.rs\"]
mod again;
mod a;
fn main() {}
//- /pkg/src/a.rs
#[path = \"b.rs\"]
mod b;
//- /pkg/src/b.rs
#[path = \"a.rs\"]
mod a;
static B: u8 = 0;
",
        &[],
    );
    assert_eq!(
        render(&index),
        "files: main.rs, a.rs, b.rs\n\
         crate: fn main\n\
         crate::again: \n\
         crate::a: \n\
         crate::a::b: static B (b.rs:3)\n\
         crate::a::b::a: \n"
    );
}

#[test]
fn include_of_itself_is_read_once() {
    let index = index(
        "
//- /pkg/src/main.rs
include!(\"inc.rs\");
//- /pkg/src/inc.rs
include!(\"inc.rs\");
fn included() {}
",
        &[],
    );
    assert_eq!(
        render(&index),
        "files: main.rs, inc.rs\ncrate: fn included\n"
    );
}

#[test]
fn path_is_relative_to_the_declaring_files_directory() {
    let index = index(
        "
//- /pkg/src/main.rs
mod a;
//- /pkg/src/a.rs
#[path = \"other.rs\"]
pub mod o;
pub mod inline {
    #[path = \"deep.rs\"]
    pub mod d;
}
//- /pkg/src/other.rs
static REAL: u8 = 0;
//- /pkg/src/a/other.rs
static STALE: u8 = 0;
//- /pkg/src/a/inline/deep.rs
static DEEP: u8 = 0;
",
        &[],
    );
    assert_eq!(
        render(&index),
        "files: main.rs, a.rs, other.rs, a/inline/deep.rs\n\
         crate: \n\
         crate::a: \n\
         crate::a::o: static REAL (other.rs:1)\n\
         crate::a::inline: \n\
         crate::a::inline::d: static DEEP (a/inline/deep.rs:1)\n"
    );
}

#[test]
fn cfg_disabled_files_and_non_regular_files_are_not_opened() {
    let fixture = "
//- /pkg/src/main.rs
#[cfg(any())]
include!(\"pipe.rs\");
include!(\"fifo.rs\");
#[cfg(feature = \"fast\")]
mod fast;
#[cfg(not(feature = \"fast\"))]
mod slow;
#[cfg(debug_assertions)]
mod debug;
//- /pkg/src/pipe.rs
static PIPE: u8 = 0;
//- /pkg/src/fifo.rs fifo
//- /pkg/src/fast.rs
static FAST: u8 = 0;
//- /pkg/src/slow.rs
static SLOW: u8 = 0;
//- /pkg/src/debug.rs
static DEBUG: u8 = 0;
";
    assert_eq!(
        render(&index(fixture, &["src/main.rs"])),
        "files: main.rs, slow.rs, debug.rs\n\
         crate: \n\
         crate::slow: static SLOW (slow.rs:1)\n\
         crate::debug: static DEBUG (debug.rs:1)\n"
    );
    assert_eq!(
        render(&index(
            fixture,
            &["--cfg", "feature=\"fast\"", "src/main.rs"]
        )),
        "files: main.rs, fast.rs, debug.rs\n\
         crate: \n\
         crate::fast: static FAST (fast.rs:1)\n\
         crate::debug: static DEBUG (debug.rs:1)\n"
    );
}

#[test]
fn glob_webs_resolve_each_name_once() {
    let mut fixture = String::from("//- /pkg/src/main.rs\n");
    for m in 0..40 {
        let _ = writeln!(fixture, "pub use m{m}::*;");
    }
    for m in 0..40 {
        let _ = writeln!(
            fixture,
            "mod m{m} {{\n    use super::*;\n    pub fn f{m}() {{}}\n}}"
        );
    }
    let index = index(&fixture, &[]);
    assert_eq!(resolved(&index, "f39"), "fn m39::f39");
    assert_eq!(resolved(&index, "m7::f0"), "fn m0::f0");
    assert_eq!(resolved(&index, "Vec"), "");
    let memo = index.memo.lock().unwrap();
    // One answer per (module, name) asked: the web was walked once per name, not per path.
    assert!(memo.names.len() <= 3 * 41, "{} lookups", memo.names.len());
}

/// The type the probe of static `name` names.
fn probe_type(index: &Index, name: &str) -> String {
    let definition = index
        .statics
        .iter()
        .find(|s| s.name == name)
        .expect("the static is indexed");
    super::statics::leaves_of(index, definition.module, &definition.locals, &definition.ty)
        .map_or_else(
            || "not written".to_owned(),
            |leaves| {
                let ty = super::statics::one_type(&leaves);
                quote::quote!(#ty).to_string()
            },
        )
}

#[test]
fn nested_and_recursive_crate_types_reduce_to_their_distinct_leaves() {
    let mut fixture = String::from(
        "//- /pkg/src/main.rs\nuse std::sync::atomic::AtomicU32;\nstruct L0 { a: u32, b: &'static str }\n",
    );
    for level in 1..=12 {
        let below = level - 1;
        let _ = writeln!(
            fixture,
            "struct L{level} {{ a: L{below}, b: L{below}, c: [L{below}; 2], d: (L{below}, u32) }}"
        );
    }
    // Only the declared types matter here; the initialisers are never compiled.
    fixture.push_str(
        "static DEEP: L12 = built();\n\
         struct Node { next: Option<Box<Node>>, hits: AtomicU32 }\n\
         static LIST: Node = built();\n\
         static GENERATED: generated::Data = built();\n",
    );
    let index = index(&fixture, &["--extern", "serde=x"]);
    assert_eq!(probe_type(&index, "DEEP"), "u32");
    // `Node` met again inside itself adds nothing: `Box<()>` is as freeze as `Box<Node>`.
    assert_eq!(
        probe_type(&index, "LIST"),
        "(:: core :: option :: Option < :: std :: boxed :: Box < () > > , \
         :: std :: sync :: atomic :: AtomicU32)"
    );
    // `generated` is no crate of the command line: a module some macro declares.
    assert_eq!(probe_type(&index, "GENERATED"), "not written");
}

#[test]
fn function_local_items_shadow_the_modules() {
    let index = index(
        "
//- /pkg/src/main.rs
use std::sync::atomic::AtomicU32;
struct Data { n: AtomicU32 }
fn log() {}
fn work() {
    struct Data { n: u32 }
    static LOCAL: Data = Data { n: 1 };
    fn log() {}
    log();
}
",
        &[],
    );
    assert_eq!(probe_type(&index, "LOCAL"), "u32");
    let work = index.fns.iter().find(|f| f.name == "work").expect("work");
    let context = Context {
        module: 0,
        scope: Some(&work.scope),
        owner: None,
    };
    let found = resolve(&index, context, &["log".to_owned()]);
    let [Item::Fn(id)] = found[..] else {
        panic!("{found:?}")
    };
    // The local `log`, declared after `work` in the index.
    assert_eq!(index.fns[id].loc.line, 7);
}

#[test]
fn a_file_included_in_two_modules_is_opened_once_and_indexed_in_both() {
    let index = index(
        "
//- /pkg/src/main.rs
mod a {
    include!(\"shared.rs\");
}
mod b {
    include!(\"shared.rs\");
}
//- /pkg/src/shared.rs
static SHARED: u8 = 0;
",
        &[],
    );
    assert_eq!(
        render(&index),
        "files: main.rs, shared.rs\n\
         crate: \n\
         crate::a: static SHARED (shared.rs:1)\n\
         crate::b: static SHARED (shared.rs:1)\n"
    );
}

/// The policy's verdict on the static named `name`, rendered.
fn verdict(index: &Index, name: &str, strict: bool) -> String {
    use super::policy::{Verdict, judge};
    let definition = index
        .statics
        .iter()
        .find(|s| s.name == name)
        .expect("the static is indexed");
    match judge(index, definition, strict) {
        Verdict::Accepted => "accepted".to_owned(),
        Verdict::Refused { row, because } => format!("refused ({row}): {because}"),
        Verdict::Probe(leaves) => {
            let leaves: Vec<String> = leaves
                .iter()
                .map(|leaf| quote::quote!(#leaf).to_string())
                .collect();
            format!("probe {}", leaves.join(", "))
        }
        Verdict::Unknown => "unknown".to_owned(),
    }
}

#[test]
fn the_policy_judges_what_init_once_statics_hold() {
    let index = index(
        "
//- /pkg/src/main.rs
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};
use regex::Regex;
mod client { pub struct Client { inner: std::sync::Arc<String> } }
struct Stats { hits: std::sync::atomic::AtomicU64 }
type Shared = Arc<Mutex<Vec<u8>>>;
static EMAIL: LazyLock<Regex> = x();
static TABLE: LazyLock<HashMap<&'static str, u32>> = x();
static CLIENT: tokio::sync::OnceCell<client::Client> = x();
static NAMES: once_cell::sync::Lazy<Vec<String>> = x();
static CONFIG: OnceLock<String> = x();
static PLAIN: &str = \"x\";
static CACHE: LazyLock<Mutex<HashMap<String, String>>> = x();
static BEHIND_ARC: LazyLock<Shared> = x();
static STATS: Stats = x();
static REF: &'static Mutex<u8> = x();
static mut CONTEXT: Option<String> = None;
lazy_static::lazy_static! { static ref TABLE_NAME: String = x(); }
lazy_static::lazy_static! { static ref SEEN: Mutex<Vec<String>> = x(); }
thread_local! { static BUFFER: std::cell::RefCell<Vec<u8>> = x(); }
thread_local! { static ID: u64 = 3; }
",
        &[
            "--extern",
            "regex=x",
            "--extern",
            "tokio=x",
            "--extern",
            "once_cell=x",
        ],
    );
    let expected = [
        ("EMAIL", "probe :: regex :: Regex"),
        ("TABLE", "accepted"),
        ("CLIENT", "accepted"),
        ("NAMES", "accepted"),
        ("CONFIG", "accepted"),
        ("PLAIN", "accepted"),
        ("TABLE_NAME", "accepted"),
        ("ID", "accepted"),
    ];
    for (name, verdict_text) in expected {
        assert_eq!(verdict(&index, name, false), verdict_text, "{name}");
    }
    let refused = [
        ("CACHE", "Mutex<HashMap<String,String>>"),
        ("BEHIND_ARC", "Mutex<Vec<u8>>"),
        ("STATS", "std::sync::atomic::AtomicU64"),
        ("REF", "Mutex<u8>"),
        ("SEEN", "Mutex<Vec<String>>"),
        ("BUFFER", "std::cell::RefCell<Vec<u8>>"),
    ];
    for (name, holds) in refused {
        let found = verdict(&index, name, false);
        assert!(
            found.starts_with("refused (a lock, atomic or cell in the declared type)")
                && found.contains(&format!("`{holds}`")),
            "{name}: {found}"
        );
    }
    assert!(verdict(&index, "CONTEXT", false).starts_with("refused (`static mut`)"));
    // `strict` judges the wrapper itself.
    assert_eq!(
        verdict(&index, "EMAIL", true),
        "refused (`strict` refuses every interior-mutable static): its declared type \
         `LazyLock<Regex>` is a `LazyLock`"
    );
    assert!(verdict(&index, "TABLE_NAME", true).starts_with("refused (`strict` refuses"));
    assert!(verdict(&index, "ID", true).starts_with("refused (`strict`"));
}

#[test]
fn once_cells_set_from_parameters_or_locals_are_recorded() {
    let index = index(
        "
//- /pkg/src/main.rs
use std::sync::OnceLock;
static TENANT: OnceLock<String> = OnceLock::new();
static CONFIG: OnceLock<String> = OnceLock::new();
fn remember(tenant: &str) -> &'static str {
    TENANT.get_or_init(|| tenant.to_owned())
}
fn config() -> &'static str {
    CONFIG.get_or_init(|| { let name = std::env::var(\"T\").unwrap(); name })
}
",
        &[],
    );
    let sets = |name: &str| {
        let function = index.fns.iter().find(|f| f.name == name).expect("indexed");
        function
            .once_sets
            .iter()
            .map(|(path, at)| format!("{}:{}", path.join("::"), at.line))
            .collect::<Vec<_>>()
    };
    assert_eq!(sets("remember"), ["TENANT:5"]);
    assert!(sets("config").is_empty());
}

/// The statics `handler` reaches through calls, as `NAME via hop, hop`.
fn reached_from(index: &Index, handler: &str) -> Vec<String> {
    use std::collections::HashSet;

    use super::calls::{Limits, Node, reach};
    let handler = (0..index.fns.len())
        .find(|&id| index.fns[id].name == handler)
        .expect("the handler is indexed");
    let limits = Limits {
        stop: &HashSet::new(),
        allowed: &HashSet::new(),
    };
    let mut found: Vec<String> = reach(index, handler, &limits, &mut HashSet::new())
        .iter()
        .map(|reached| {
            let hops: Vec<String> = reached
                .chain
                .iter()
                .map(|hop| match hop.to {
                    Node::Fn(id) => index.fns[id].display(index),
                    Node::Static(id) => index.statics[id].name.clone(),
                    Node::Macro(id) => format!("{}!", index.macros[id].name),
                    Node::State(id) => format!("state {}", index.types[id].name),
                })
                .collect();
            hops.join(" > ")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn methods_are_followed_by_the_receivers_type_where_the_sources_say_it() {
    let index = index(
        "
//- /pkg/src/main.rs
static TICKETS: u8 = 0;
static ORDERS: u8 = 0;
static STORED: u8 = 0;
static DEFAULTS: u8 = 0;
struct Ticket { id: u64 }
impl Clone for Ticket { fn clone(&self) -> Self { let _ = TICKETS; Ticket { id: self.id } } }
struct Order { lines: Vec<String> }
impl Order { fn total(&self) -> usize { let _ = ORDERS; self.lines.len() } }
trait Store { fn save(&self); fn save_twice(&self) { self.save(); self.save() } }
struct Memory;
impl Store for Memory { fn save(&self) { let _ = STORED; } }
trait Describe { fn describe(&self) -> usize { let _ = DEFAULTS; 0 } }
impl Describe for String {}
struct Shop { current: Order }
impl Shop { fn run(&self) -> usize { self.current.total() } }
async fn handler(event: LambdaEvent<String>, shop: &Shop, backend: Box<dyn Store>) {
    let copy = event.payload.clone();
    let order = Order { lines: Vec::new() };
    order.total();
    shop.run();
    backend.save_twice();
    copy.describe();
}
",
        &[],
    );
    assert_eq!(
        reached_from(&index, "handler"),
        [
            // Not `Ticket::clone`: `event.payload` is a `String`.
            "Describe::describe > DEFAULTS",
            "Order::total > ORDERS",
            // `self.save()` in a trait's default method: any implementor's.
            "Store::save_twice > Memory::save > STORED",
        ]
    );
}

#[test]
fn state_constructors_are_followed_from_the_handler() {
    let index = index(
        "
//- /pkg/src/main.rs
static NEXT_ID: u8 = 0;
static LIMIT: u8 = 0;
#[per_invocation(new = Report::new)]
struct Report { id: u64 }
impl Report { fn new() -> Self { let _ = NEXT_ID; Report { id: 0 } } }
#[per_invocation]
struct Budget { #[per_invocation(init = limit())] left: u64, seen: Seen }
fn limit() -> u64 { let _ = LIMIT; 3 }
struct Seen;
async fn handler(event: LambdaEvent<String>, report: &mut Report, budget: &mut Budget) {}
",
        &[],
    );
    assert_eq!(
        reached_from(&index, "handler"),
        [
            "state Budget > limit > LIMIT",
            "state Report > Report::new > NEXT_ID"
        ]
    );
}

/// What the pass puts at the start of a handler's body, printed, for a fixture reaching a
/// refused static, a static of another crate's type (a probe) and an undecidable one.
#[test]
fn crate_wide_statements_match_their_snapshot() {
    use std::collections::HashSet;

    use super::calls::{Limits, reach};
    let index = index(
        "
//- /pkg/src/main.rs
use std::sync::{LazyLock, Mutex};
macro_rules! declare { ($name:ident) => { mod generated { pub struct $name(u8); } } }
declare!(Opaque);
static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
static CLIENT: LazyLock<aws::Client> = LazyLock::new(aws::Client::new);
static MADE: generated::Opaque = x();
fn record(id: &str) { SEEN.lock().unwrap().push(id.to_owned()); let _ = &*CLIENT; let _ = &MADE; }
async fn handler(event: LambdaEvent<String>) { record(&event.payload); }
",
        &["--extern", "aws=x"],
    );
    let handler = (0..index.fns.len())
        .find(|&id| index.fns[id].name == "handler")
        .expect("indexed");
    let limits = Limits {
        stop: &HashSet::new(),
        allowed: &HashSet::new(),
    };
    let reached = reach(&index, handler, &limits, &mut HashSet::new());
    let body: syn::Block = syn::parse_quote!({
        record(&event.payload);
    });
    let statements = super::emit::statements(&index, &body, &reached, false);
    let file: syn::File =
        syn::parse2(quote::quote!(fn handler() { #(#statements)* })).expect("the statements parse");
    let actual = prettyplease::unparse(&file);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand/crate_wide.statements.txt");
    if std::env::var_os("EXPAND_OVERWRITE").is_some() {
        std::fs::write(&path, &actual).expect("the snapshot writes");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "rerun with EXPAND_OVERWRITE=1 and review tests/expand/crate_wide.statements.txt"
    );
}

#[test]
fn display_and_debug_impls_of_formatted_values_are_followed() {
    let index = index(
        "
//- /pkg/src/main.rs
static RENDERED: u8 = 0;
struct Receipt;
impl std::fmt::Display for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { let _ = RENDERED; Ok(()) }
}
async fn handler(event: LambdaEvent<String>) { let receipt = Receipt; println!(\"{receipt}\"); }
async fn quiet(event: LambdaEvent<String>) { let _ = Receipt; }
",
        &[],
    );
    assert_eq!(reached_from(&index, "handler"), ["Receipt::fmt > RENDERED"]);
    assert!(reached_from(&index, "quiet").is_empty());
}

#[test]
fn methods_on_what_a_crate_function_returns_follow_its_return_type() {
    let index = index(
        "
//- /pkg/src/main.rs
static NOTIFIED: u8 = 0;
static LOGGED: u8 = 0;
struct Notifier;
impl Notifier { fn send(&self) { let _ = NOTIFIED; } }
struct Log;
impl Log { fn send(&self) { let _ = LOGGED; } }
mod notifier { pub async fn get() -> Result<std::sync::Arc<super::Notifier>, String> { todo() } }
async fn handler(event: LambdaEvent<String>) -> Result<(), String> {
    let notifier = notifier::get().await?;
    notifier.send();
    Ok(())
}
",
        &[],
    );
    assert_eq!(
        reached_from(&index, "handler"),
        ["Notifier::send > NOTIFIED"]
    );
}

#[test]
fn bodies_left_as_tokens_are_indexed_as_parsed_ones() {
    let index = index(
        "
//- /pkg/src/main.rs
const N: usize = 2;
struct Wide<const M: usize>;
static F: fn() -> usize = { helper };
fn helper() -> usize { N }
fn typed() -> Wide<{ N }> {
    #![cfg(all())]
    let wide: Wide<2> = Wide;
    wide
}
impl<const M: usize> Wide<{ M }> {
    fn size(&self) -> usize { M + helper() }
}
trait Sized2 {
    fn required(&self);
    fn provided(&self) -> usize { helper() }
}
mod inner {
    pub fn plain(x: usize) -> usize {
        x + super::helper()
    }
}
",
        &[],
    );
    let function = |name: &str| index.fns.iter().find(|f| f.name == name).expect("indexed");
    let paths = |name: &str| {
        function(name)
            .refs
            .paths
            .iter()
            .map(|(path, at)| format!("{}:{}", path.join("::"), at.line))
            .collect::<Vec<_>>()
    };
    // The static's initializer is not taken for a function body.
    let init: Vec<String> = index.statics[0]
        .init
        .paths
        .iter()
        .map(|(path, at)| format!("{}:{}", path.join("::"), at.line))
        .collect();
    assert_eq!(init, ["helper:3"]);
    assert!(index.statics[0].init.macros.is_empty());
    assert_eq!(paths("helper"), ["N:4"]);
    // The const argument in the return type is not the body; the body's `let` is parsed.
    assert_eq!(paths("typed"), ["wide:7", "Wide:7", "Wide:7", "wide:8"]);
    assert_eq!(
        function("typed")
            .local_types
            .get("wide")
            .map(String::as_str),
        Some("Wide < 2 >")
    );
    // Its inner attribute is the function's, as syn gives it.
    assert_eq!(function("typed").cfgs, ["all ()"]);
    assert_eq!(function("size").owner.as_deref(), Some("Wide"));
    assert_eq!(paths("size"), ["M:11", "helper:11"]);
    assert_eq!(paths("provided"), ["helper:15"]);
    assert_eq!(paths("plain"), ["x:19", "super::helper:19"]);
    assert_eq!(function("plain").scope.bindings, ["x"]);
    assert!(index.fns.iter().all(|f| f.name != "required"));
}

/// The bindings and local types of `f`, whose body is `body`.
fn body_facts(body: &str) -> (Vec<String>, Vec<(String, String)>) {
    let source = format!("//- /pkg/src/main.rs\nfn f<G>(event: Event, g: G) {{\n{body}\n}}\n");
    let index = index(&source, &[]);
    let function = index
        .fns
        .iter()
        .find(|function| function.name == "f")
        .expect("f is indexed");
    let mut types: Vec<(String, String)> = function
        .local_types
        .iter()
        .map(|(name, ty)| (name.clone(), ty.clone()))
        .collect();
    types.sort();
    (function.scope.bindings.clone(), types)
}

/// A body's `let`s read from its tokens tell what its syntax tree tells: the same body with a
/// nested `struct`, which makes the loader parse it, has the same bindings and local types.
#[test]
fn lets_read_from_tokens_match_the_syntax_tree() {
    let bodies = [
        "let x = 1;",
        "let mut x = 1; let _ = x;",
        "let x: Vec<Vec<u8>>= Vec::new();",
        "let x: Box<dyn Fn(u8) -> u8> = Box::new(|v| v);",
        "let x: impl Sized = 1;",
        "let x: G = g;",
        "let x: std::collections::HashMap<String, Vec<u8>> = HashMap::new();",
        "let client = Client::new(config(1, 2));",
        "let client = aws::Client::from_conf(conf);",
        "let items = load(event).await?;",
        "let items = load(event)?;",
        "let items = load(event).await;",
        "let items = crate::store::load(event);",
        "let items = self::load(event);",
        "let state = State { count: 0, items: Vec::new() };",
        "let some = Some(event);",
        "let v = Vec::<u8>::new();",
        "let v = helper::<u8>();",
        "let r = <T as Default>::default();",
        "let n = load(event)??;",
        "let n = load(event)?.await;",
        "let n = load(event).unwrap();",
        "let n = -load(event);",
        "let n = &State::new();",
        "let n = unsafe { load(event) };",
        "let n = async { load(event) };",
        "let n = if event.ok { A::new() } else { B::new() };",
        "let n = match event { _ => A::new() };",
        "let n = { let inner = Inner::new(); inner };",
        "let n = vec![Item::new()]; let m = format!(\"{n:?}\");",
        "my_macro!(let hidden = Hidden::new(););",
        "let Some(x) = event.x else { return };",
        "let (a, b) = pair();",
        "let x @ 1..=5 = 3;",
        "let ref x = State::new();",
        "let x = State::new() else { return };",
        "let x = #[allow(unused)] State::new();",
        "#[allow(unused)] let x = State::new();",
        "if let Some(x) = event.x { let y = Y::new(); }",
        "while let Some(x) = stack.pop() {}",
        "let x; x = 1;",
        "let r#type = Kind::new();",
        "let x = ::dep::Client::new();",
        "let x = Self::build();",
        "let x = super::build();",
        "let t = TABLE[(event.n % 16) as usize]; let y = t.wrapping_mul(31).wrapping_add(t);",
        "let x = State::new(); let x: Other = other(); let x = Third { a: 1 };",
        "let x: u8; let _: Typed = typed();",
        "let x = a::b::Wrapper(1); let y = Unit {};",
        "let x = Client::new(Config { retries: 3, ..Default::default() }).await?;",
        "loop { let x = State::new(); break; } let y = x;",
    ];
    for body in bodies {
        let from_tokens = body_facts(body);
        let from_tree = body_facts(&format!("struct Parsed;\n{body}"));
        assert_eq!(from_tokens, from_tree, "body: {body}");
    }
}

/// Another crate of the workspace, indexed and kept on disk by one function crate and read back
/// by the next, gives the same index and the same findings; an edit to one of its files, or
/// another build of this library, and it is indexed again.
#[test]
fn another_crate_kept_on_disk_is_read_back_as_it_was_indexed() {
    use super::cfg::Config;
    use super::crates::LocalCrate;
    use super::disk::Store;
    use super::index::{Disk, build_segment, load_fixture_with};

    let dir = std::env::temp_dir().join(format!("invocation-scope-kept-{}", std::process::id()));
    let src = dir.join("storage/src");
    let deps = dir.join("target/debug/deps");
    std::fs::create_dir_all(&src).expect("the directories are made");
    std::fs::create_dir_all(&deps).expect("the directories are made");
    let write = |path: &Path, text: &str| std::fs::write(path, text).expect("written");
    write(&src.join("lib.rs"), "mod db;\npub use db::record;\n");
    let db = "use std::sync::Mutex;\n\nstatic ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());\n\n\
              pub fn record(item: &str) {\n    ITEMS.lock().unwrap().push(item.to_owned());\n}\n";
    write(&src.join("db.rs"), db);
    let library = deps.join("libinvocation_scope-01.rmeta");
    write(&library, "metadata");
    let krate = LocalCrate {
        name: "store".into(),
        root: src.join("lib.rs"),
        artifact: deps.join("libstorage-02.rmeta"),
        files: [src.join("lib.rs"), src.join("db.rs")]
            .into_iter()
            .collect(),
    };
    let args = vec![
        "--extern".to_owned(),
        format!("invocation_scope={}", library.display()),
    ];
    let config = Config::from_args(&args);
    let store = Store::new(&args, &config).expect("compiled against the library");
    assert!(store.read(&krate).is_none(), "nothing is kept yet");
    // Whatever else is in its place is not read.
    write(
        &deps.join("storage-02.invocation-scope"),
        &"\u{ff}".repeat(64),
    );
    assert!(store.read(&krate).is_none(), "not a record");

    let built = store.write(&krate, build_segment(&krate, &config, &Disk));
    let kept = store.read(&krate).expect("the index is kept");
    let fixture = Fixture::parse(
        "//- /pkg/src/main.rs\n\
         async fn handler(item: String) {\n    store::record(&item);\n}\nfn main() {}\n",
    );
    let root = Path::new("/pkg/src/main.rs");
    let indexed = load_fixture_with(root, &fixture, &args, vec![(krate.clone(), built)]);
    let read_back = load_fixture_with(root, &fixture, &args, vec![(krate.clone(), kept)]);
    assert_eq!(render(&read_back), render(&indexed));
    assert!(
        render(&read_back).contains("static ITEMS (storage/src/db.rs:3)"),
        "{}",
        render(&read_back)
    );
    assert_eq!(
        reached_from(&read_back, "handler"),
        ["store::db::record > ITEMS"]
    );
    // Every id of the kept crate was moved past the handler's crate's.
    let places = |index: &Index| -> Vec<String> {
        let fns = index.fns.iter().map(|f| (f.display(index), f.loc, &f.refs));
        let mut places: Vec<String> = fns
            .map(|(name, loc, refs)| {
                let uses = refs.paths.iter().map(|(path, at)| {
                    format!("{}@{}:{}", path.join("::"), index.files[at.file], at.line)
                });
                let uses: Vec<String> = uses.collect();
                format!(
                    "{name} {}:{} {}",
                    index.files[loc.file],
                    loc.line,
                    uses.join(" ")
                )
            })
            .collect();
        places.sort();
        places
    };
    assert_eq!(places(&read_back), places(&indexed));
    assert!(
        places(&read_back).contains(
            &"store::db::record storage/src/db.rs:5 ITEMS@storage/src/db.rs:6 \
              item@storage/src/db.rs:6"
                .to_owned()
        ),
        "{:#?}",
        places(&read_back)
    );
    assert_eq!(
        reached_from(&read_back, "handler"),
        reached_from(&indexed, "handler")
    );

    // Another build of this library keys other records.
    write(&library, "metadata, rebuilt");
    let rebuilt = Store::new(&args, &config).expect("compiled against the library");
    assert!(rebuilt.read(&krate).is_none(), "kept by another build");
    // An edit to a file of the crate.
    assert!(store.read(&krate).is_some());
    write(&src.join("db.rs"), &format!("{db}\n"));
    assert!(store.read(&krate).is_none(), "kept before the edit");
    let _ = std::fs::remove_dir_all(&dir);
}
