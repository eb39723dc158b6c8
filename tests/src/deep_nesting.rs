//! Generated sources nested as deep as rustc itself accepts, in every place the macros read:
//! a handler's body (with and without the crate-wide pass), a function no handler calls (which
//! the crate-wide pass parses from the file), a `#[no_mutable_statics]` function and a
//! `#[per_invocation]` field's `init`, plus an unknown attribute argument `= ---…1`.
//!
//! The same source without the macros is the control: whatever depth it compiles at, the
//! version with the macros must compile at too.

use std::fmt::Write as _;

/// A way to nest expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `if x == 0 { 0 } else { if x == 1 { 1 } else { … } }`
    IfElse,
    /// `{ { … } }`
    Blocks,
    /// `match x { 0 => 0, _ => match x { … } }`
    Match,
    /// `|| || … 0`
    Closures,
    /// `[[… x]]`
    Arrays,
    /// `((… x))`
    Parens,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 6] = [
        Shape::IfElse,
        Shape::Blocks,
        Shape::Match,
        Shape::Closures,
        Shape::Arrays,
        Shape::Parens,
    ];

    /// A name for files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Shape::IfElse => "if-else",
            Shape::Blocks => "blocks",
            Shape::Match => "match",
            Shape::Closures => "closures",
            Shape::Arrays => "arrays",
            Shape::Parens => "parens",
        }
    }

    /// The deepest nesting rustc 1.95 compiles in the control (`source(shape, depth, false)`)
    /// on its own 8 MiB thread, with `cargo check`: one level more overflows rustc's stack.
    #[must_use]
    pub fn rustc_limit(self) -> usize {
        match self {
            Shape::IfElse => 659,
            Shape::Blocks => 781,
            Shape::Match => 856,
            Shape::Closures | Shape::Parens => 1185,
            Shape::Arrays => 1035,
        }
    }

    /// The expression nested `depth` times around `leaf` (closures end in `0`).
    #[must_use]
    pub fn expr(self, depth: usize, leaf: &str) -> String {
        let mut out = String::new();
        match self {
            Shape::IfElse => {
                for level in 0..depth {
                    let _ = write!(out, "if x == {level} {{ {level} }} else {{ ");
                }
                out.push_str(leaf);
                out.push_str(&" }".repeat(depth));
            }
            Shape::Blocks => {
                out.push_str(&"{ ".repeat(depth));
                out.push_str(leaf);
                out.push_str(&" }".repeat(depth));
            }
            Shape::Match => {
                for level in 0..depth {
                    let _ = write!(out, "match x {{ {level} => {level}, _ => ");
                }
                out.push_str(leaf);
                out.push_str(&" }".repeat(depth));
            }
            // Closures that capture nothing: capturing `x` through each level costs rustc time
            // quadratic in the depth.
            Shape::Closures => {
                out.push_str(&"|| ".repeat(depth));
                out.push('0');
            }
            Shape::Arrays => {
                out.push_str(&"[".repeat(depth));
                out.push_str(leaf);
                out.push_str(&"]".repeat(depth));
            }
            Shape::Parens => {
                out.push_str(&"(".repeat(depth));
                out.push_str(leaf);
                out.push_str(&")".repeat(depth));
            }
        }
        out
    }
}

/// How much shallower the `#[per_invocation]` field's `init` is nested. rustc parses the code a
/// macro returns deeper in its own stack than the file's code, and this expression is parsed only
/// there: measured with `cargo check`, it overflows rustc's parser one to three levels before the
/// file's limit (a `macro_rules!` returning its input costs one level the same way).
pub const INIT_MARGIN: usize = 3;

/// How much shallower the `#[invocation_handler]` bodies are nested. Like `init`, rustc parses
/// them only in the macro's output, and there they sit inside the `async` blocks that set the
/// invocation's context and await the finish steps: measured with `cargo check` on rustc 1.95,
/// a handler body overflows rustc one (`if … else`) to three (parentheses) levels before the same
/// body without the attribute.
pub const HANDLER_MARGIN: usize = 3;

/// A crate root holding `shape` nested `depth` deep in each place the macros read (the handler
/// bodies [`HANDLER_MARGIN`] less, the `#[per_invocation]` field's `init` [`INIT_MARGIN`] less);
/// with `macros: false`, the same code without them (the control).
#[must_use]
pub fn source(shape: Shape, depth: usize, macros: bool) -> String {
    let deep = shape.expr(depth, "x");
    let in_handler = shape.expr(depth.saturating_sub(HANDLER_MARGIN), "x");
    let init = shape.expr(depth.saturating_sub(INIT_MARGIN), "x");
    let attr = |attribute: &str| {
        if macros {
            format!("#[{attribute}]\n")
        } else {
            String::new()
        }
    };
    let imports = if macros {
        "use invocation_scope::{invocation_handler, no_mutable_statics};\n"
    } else {
        ""
    };
    let handler = attr("invocation_handler");
    let pass_off = attr("invocation_handler(crate_wide = false)");
    let helper = attr("no_mutable_statics");
    let mut out = format!(
        "//! Generated: `{name}` nested {depth} deep.\n\
         #![allow(dead_code, unused_parens, unused_braces, clippy::all)]\n\
         // Arrays nested this deep need more than the default query depth to lay out.\n\
         #![recursion_limit = \"4096\"]\n\n\
         {imports}use lambda_runtime::{{Error, LambdaEvent}};\n\n\
         {handler}\
         async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
         \x20   let x = event.payload;\n\
         \x20   let _ = {in_handler};\n\
         \x20   Ok(x)\n\
         }}\n\n\
         {pass_off}\
         async fn handler_without_pass(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
         \x20   let x = event.payload;\n\
         \x20   let _ = {in_handler};\n\
         \x20   Ok(x)\n\
         }}\n\n\
         {helper}\
         fn helper(x: u32) -> u32 {{\n\
         \x20   let _ = {deep};\n\
         \x20   x\n\
         }}\n\n\
         /// No handler calls it; the crate-wide pass reads it from the file all the same.\n\
         fn uncalled(x: u32) -> u32 {{\n\
         \x20   let _ = {deep};\n\
         \x20   x\n\
         }}\n\n",
        name = shape.name(),
    );
    if macros {
        let _ = write!(
            out,
            "#[invocation_scope::per_invocation]\n\
             struct State {{\n\
             \x20   #[per_invocation(init = {{ let x = 0u32; let _ = {init}; 0 }})]\n\
             \x20   value: u32,\n\
             }}\n\n"
        );
    } else {
        let _ = write!(
            out,
            "struct State {{\n\
             \x20   value: u32,\n\
             }}\n\n\
             impl State {{\n\
             \x20   fn fresh() -> Self {{\n\
             \x20       Self {{ value: {{ let x = 0u32; let _ = {init}; 0 }} }}\n\
             \x20   }}\n\
             }}\n\n"
        );
    }
    out.push_str(
        "fn main() {\n\
         \x20   let _ = (handler, handler_without_pass, helper, uncalled);\n\
         }\n",
    );
    out
}
