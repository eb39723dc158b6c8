//! A generated Lambda crate of about 20,000 lines, to measure and test the crate-wide pass at
//! scale: every module holds mutable statics (an atomic counter and a `Mutex` log) that only
//! functions no handler calls touch, next to immutable tables that the handlers read through
//! chains of up to ten calls across modules.

use std::fmt::Write as _;

/// How the generated crate is written.
#[derive(Clone, Copy, Debug)]
pub struct LargeCrate {
    /// Number of `#[invocation_handler]` functions.
    pub handlers: usize,
    /// Lines to reach, at least.
    pub lines: usize,
    /// Writes `#[invocation_handler(crate_wide = false)]`, to measure the pass's cost.
    pub pass_off: bool,
}

impl LargeCrate {
    /// The crate root's source: one file with inline modules.
    #[must_use]
    pub fn source(self) -> String {
        let mut out = String::from(
            "//! Generated: mutable statics in every module, none reachable from a handler.\n\
             #![allow(dead_code)]\n\n\
             use invocation_scope::invocation_handler;\n\
             use lambda_runtime::{Error, LambdaEvent};\n\n",
        );
        let mut modules = 0;
        while out.lines().count() + 12 * self.handlers.max(1) < self.lines {
            module(&mut out, modules);
            modules += 1;
        }
        let argument = if self.pass_off {
            "(crate_wide = false)"
        } else {
            ""
        };
        for handler in 0..self.handlers {
            let target = (handler * 37 + 9) % modules.max(1);
            let _ = write!(
                out,
                "\n#[invocation_handler{argument}]\n\
                 async fn handler_{handler}(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
                 \x20   let item = m{target}::Item{target}::new(event.payload);\n\
                 \x20   let weight = item.weight_{target}();\n\
                 \x20   Ok(m{target}::score_{target}(weight) ^ m{target}::describe_{target}(weight).len() as u32)\n\
                 }}\n"
            );
        }
        out.push_str("\nfn main() {\n");
        for index in 0..modules {
            let _ = writeln!(out, "    m{index}::record_{index}(\"start\");");
        }
        out.push_str("}\n");
        out
    }
}

/// About fifty lines: statics, a type with methods, pure helpers chained to the previous
/// module, and mutating helpers nobody reaches from a handler.
fn module(out: &mut String, index: usize) {
    let previous = index.saturating_sub(1);
    // Chains of up to ten calls: `score_i` calls `score_{i-1}` except at every tenth module.
    let next_score = if index.is_multiple_of(10) {
        format!("base_{index}(x)")
    } else {
        format!("super::m{previous}::score_{previous}(base_{index}(x))")
    };
    let _ = write!(
        out,
        "mod m{index} {{
    use std::sync::Mutex;
    use std::sync::atomic::{{AtomicU64, Ordering}};

    static HITS_{index}: AtomicU64 = AtomicU64::new(0);
    static LOG_{index}: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static TABLE_{index}: [u32; 4] = [{index}, 1, 2, 3];
    static NAME_{index}: &str = \"module-{index}\";

    pub struct Item{index} {{
        pub id: u32,
        pub label: String,
    }}

    impl Item{index} {{
        pub fn new(id: u32) -> Self {{
            let label = format!(\"{{}}-{{id}}\", NAME_{index});
            Item{index} {{ id, label }}
        }}

        pub fn weight_{index}(&self) -> u32 {{
            let slot = (self.id as usize) % TABLE_{index}.len();
            self.id.wrapping_mul(TABLE_{index}[slot]).wrapping_add(self.label.len() as u32)
        }}
    }}

    pub fn base_{index}(x: u32) -> u32 {{
        let mut total = x;
        for value in TABLE_{index} {{
            total = total.rotate_left(3) ^ value;
        }}
        total
    }}

    pub fn score_{index}(x: u32) -> u32 {{
        {next_score}
    }}

    pub fn describe_{index}(x: u32) -> String {{
        match x % 3 {{
            0 => format!(\"{{}}: none\", NAME_{index}),
            1 => format!(\"{{}}: one\", NAME_{index}),
            _ => format!(\"{{}}: many\", NAME_{index}),
        }}
    }}

    pub fn record_{index}(entry: &str) {{
        HITS_{index}.fetch_add(1, Ordering::Relaxed);
        LOG_{index}.lock().unwrap().push(entry.to_owned());
    }}

    pub fn flush_{index}() -> usize {{
        let mut log = LOG_{index}.lock().unwrap();
        let flushed = log.len();
        log.clear();
        flushed + HITS_{index}.swap(0, Ordering::Relaxed) as usize
    }}
}}

"
    );
}
