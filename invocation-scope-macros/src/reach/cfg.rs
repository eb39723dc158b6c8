//! What rustc's command line says about `#[cfg(...)]`: the `--cfg` options (features among
//! them), `--test`, and the target's own cfgs when the target is the host this macro runs on.
//! A predicate the pass cannot decide is kept, and the index then reads both sides as before.

use std::collections::HashSet;

use syn::punctuated::Punctuated;
use syn::{Meta, Token};

/// The compilation's configuration, as far as the command line tells.
#[derive(Default, Debug)]
pub(crate) struct Config {
    /// `--cfg name`.
    names: HashSet<String>,
    /// `--cfg name="value"`.
    pairs: HashSet<(String, String)>,
    /// `--test`; undecided under rustdoc, whose `--test` runs doctests.
    test: Option<bool>,
    /// No `--target`: the crate is built for the host, whose cfgs this macro was built with.
    host_target: bool,
    /// The crate names `--extern` gives, plus the ones always there.
    pub(crate) externs: HashSet<String>,
    /// Another crate of the workspace, whose own `--cfg`s (features) this command line does not
    /// give: only the target's cfgs and `test` (never set for a dependency) are decided.
    dependency: bool,
}

/// Names rustc or its tools set without a `--cfg` on the command line: never decided here.
const BUILTIN: &[&str] = &[
    "clippy",
    "contract_checks",
    "debug_assertions",
    "doc",
    "doctest",
    "emscripten_wasm_eh",
    "fmt_debug",
    "miri",
    "overflow_checks",
    "panic",
    "proc_macro",
    "relocation_model",
    "rustfmt",
    "sanitize",
    "sanitizer_cfi_generalize_pointers",
    "sanitizer_cfi_normalize_integers",
    "target_abi",
    "target_arch",
    "target_endian",
    "target_env",
    "target_family",
    "target_feature",
    "target_has_atomic",
    "target_has_atomic_equal_alignment",
    "target_has_atomic_load_store",
    "target_os",
    "target_pointer_width",
    "target_thread_local",
    "target_vendor",
    "ub_checks",
    "unix",
    "windows",
];

impl Config {
    /// From rustc's arguments, `@argfile`s already expanded.
    pub(crate) fn from_args(args: &[String]) -> Config {
        let mut config = Config {
            test: Some(false),
            host_target: true,
            externs: ["std", "core", "alloc", "proc_macro", "test"]
                .into_iter()
                .map(str::to_owned)
                .collect(),
            ..Config::default()
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (option, inline) = match arg.split_once('=') {
                Some((option, value)) if option.starts_with("--") => (option, Some(value)),
                _ => (arg.as_str(), None),
            };
            let mut value = || inline.map(str::to_owned).or_else(|| args.next().cloned());
            match option {
                "--cfg" => {
                    if let Some(value) = value() {
                        config.add_cfg(&value);
                    }
                }
                "--extern" => {
                    if let Some(value) = value() {
                        let name = value.split('=').next().unwrap_or_default();
                        // `--extern priv:name=path` and other modifiers.
                        let name = name.rsplit(':').next().unwrap_or_default();
                        config.externs.insert(name.to_owned());
                    }
                }
                "--test" => config.test = Some(true),
                "--target" => {
                    value();
                    config.host_target = false;
                }
                _ => {}
            }
        }
        config
    }

    /// The configuration of a dependency built for the same target.
    pub(crate) fn for_dependency(&self) -> Config {
        Config {
            test: Some(false),
            host_target: self.host_target,
            externs: self.externs.clone(),
            dependency: true,
            ..Config::default()
        }
    }

    /// Whether the target's cfgs are decided: built for the host, whose cfgs this macro knows.
    pub(crate) fn decides_target(&self) -> bool {
        self.host_target
    }

    /// rustdoc's own command line: `--test` there means doctests, not `cfg(test)`.
    pub(crate) fn under_rustdoc(&mut self) {
        self.test = None;
    }

    fn add_cfg(&mut self, spec: &str) {
        match spec.split_once('=') {
            Some((name, value)) => {
                let value = value.trim().trim_matches('"').to_owned();
                self.pairs.insert((name.trim().to_owned(), value));
            }
            None => {
                self.names.insert(spec.trim().to_owned());
            }
        }
    }

    /// `Some(false)` only when rustc certainly drops the item.
    pub(crate) fn attrs_enabled(&self, attrs: &[syn::Attribute]) -> Option<bool> {
        let mut all = Some(true);
        for attr in attrs {
            if let syn::Meta::List(list) = &attr.meta
                && list.path.is_ident("cfg")
            {
                let value = list
                    .parse_args::<Meta>()
                    .ok()
                    .and_then(|meta| self.eval(&meta));
                all = and(all, value);
            }
        }
        all
    }

    fn eval(&self, meta: &Meta) -> Option<bool> {
        match meta {
            Meta::Path(path) => self.name(&path.get_ident()?.to_string()),
            Meta::NameValue(pair) => {
                let name = pair.path.get_ident()?.to_string();
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(value),
                    ..
                }) = &pair.value
                else {
                    return None;
                };
                self.pair(&name, &value.value())
            }
            Meta::List(list) => {
                let name = list.path.get_ident()?.to_string();
                let inner = list
                    .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                    .ok()?;
                // Three-valued: an undecided operand decides nothing unless another does.
                let (combine, mut acc): (Combine, _) = match name.as_str() {
                    "all" => (and, Some(true)),
                    "any" => (or, Some(false)),
                    "not" if inner.len() == 1 => return self.eval(&inner[0]).map(|v| !v),
                    _ => return None,
                };
                for meta in &inner {
                    acc = combine(acc, self.eval(meta));
                }
                acc
            }
        }
    }

    fn name(&self, name: &str) -> Option<bool> {
        if self.names.contains(name) {
            return Some(true);
        }
        match name {
            "test" => self.test,
            "unix" if self.host_target => Some(cfg!(unix)),
            "windows" if self.host_target => Some(cfg!(windows)),
            _ if BUILTIN.contains(&name) => None,
            _ if self.dependency => None,
            // Anything else comes from `--cfg` only.
            _ => Some(false),
        }
    }

    fn pair(&self, name: &str, value: &str) -> Option<bool> {
        if self.pairs.contains(&(name.to_owned(), value.to_owned())) {
            return Some(true);
        }
        let host = |known: &str| self.host_target.then(|| known == value);
        match name {
            "target_os" => host(std::env::consts::OS),
            "target_family" => host(std::env::consts::FAMILY),
            "target_arch" => host(std::env::consts::ARCH),
            "target_pointer_width" => host(&(usize::BITS).to_string()),
            _ if BUILTIN.contains(&name) => None,
            _ if self.dependency => None,
            // Features and other pairs come from `--cfg` only.
            _ => Some(false),
        }
    }
}

/// `and` or `or` over undecided values.
type Combine = fn(Option<bool>, Option<bool>) -> Option<bool>;

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        Config::from_args(&args)
    }

    fn decide(config: &Config, attrs: &str) -> Option<bool> {
        let item: syn::ItemMod = syn::parse_str(&format!("{attrs} mod m;")).unwrap();
        config.attrs_enabled(&item.attrs)
    }

    #[test]
    fn decides_from_the_command_line_and_keeps_the_rest() {
        let cargo = config(&[
            "--crate-name",
            "app",
            "--cfg",
            "feature=\"fast\"",
            "--cfg=tokio_unstable",
            "--extern",
            "serde=/x/libserde.rlib",
            "src/main.rs",
        ]);
        let rows = [
            "#[cfg(any())]",
            "#[cfg(all())]",
            "#[cfg(feature = \"fast\")]",
            "#[cfg(feature = \"slow\")]",
            "#[cfg(tokio_unstable)]",
            "#[cfg(loom)]",
            "#[cfg(test)]",
            "#[cfg(not(test))]",
            "#[cfg(debug_assertions)]",
            "#[cfg(any(debug_assertions, feature = \"fast\"))]",
            "#[cfg(all(debug_assertions, loom))]",
            "#[cfg(target_env = \"gnu\")]",
            "#[cfg(unix)] #[cfg(feature = \"slow\")]",
            "#[cfg(what(ever))]",
        ];
        let table: Vec<String> = rows
            .iter()
            .map(|row| format!("{row} => {:?}", decide(&cargo, row)))
            .collect();
        assert_eq!(
            table,
            [
                "#[cfg(any())] => Some(false)",
                "#[cfg(all())] => Some(true)",
                "#[cfg(feature = \"fast\")] => Some(true)",
                "#[cfg(feature = \"slow\")] => Some(false)",
                "#[cfg(tokio_unstable)] => Some(true)",
                "#[cfg(loom)] => Some(false)",
                "#[cfg(test)] => Some(false)",
                "#[cfg(not(test))] => Some(true)",
                "#[cfg(debug_assertions)] => None",
                "#[cfg(any(debug_assertions, feature = \"fast\"))] => Some(true)",
                "#[cfg(all(debug_assertions, loom))] => Some(false)",
                "#[cfg(target_env = \"gnu\")] => None",
                "#[cfg(unix)] #[cfg(feature = \"slow\")] => Some(false)",
                "#[cfg(what(ever))] => None",
            ]
        );
        assert!(cargo.externs.contains("serde"));
        assert!(!cargo.externs.contains("app"));
    }

    #[test]
    fn target_cfgs_are_decided_only_for_the_host() {
        let host = config(&["--test", "src/lib.rs"]);
        let cross = config(&["--target", "wasm32-unknown-unknown", "src/lib.rs"]);
        let os = format!("#[cfg(target_os = \"{}\")]", std::env::consts::OS);
        assert_eq!(decide(&host, &os), Some(true));
        assert_eq!(decide(&host, "#[cfg(target_os = \"none\")]"), Some(false));
        assert_eq!(decide(&cross, &os), None);
        assert_eq!(decide(&host, "#[cfg(test)]"), Some(true));
        let mut rustdoc = config(&["--test", "src/lib.rs"]);
        rustdoc.under_rustdoc();
        assert_eq!(decide(&rustdoc, "#[cfg(test)]"), None);
    }
}
