//! Generated sources nested as deep as rustc itself accepts, in every place the macros read:
//! a handler's body (with and without the crate-wide pass, with and without state that has a
//! finish step), a function no handler calls (which the crate-wide pass parses from the file), a
//! `#[no_mutable_statics]` function and a `#[per_invocation]` field's `init`, plus an unknown
//! attribute argument `= ---…1`.
//!
//! The same source without the macros is the control. rustc's parser is what overflows (its
//! recursion is the one rustc does not run on a growing stack), and it parses the code any
//! attribute macro returns from inside the crate's expansion, deeper in its stack than the file's
//! own parse: an attribute that returns its input unchanged loses
//! [`Shape::attribute_margin`] levels, and so do the handler bodies and `#[no_mutable_statics]`
//! functions, whose tokens the macros emit at the nesting they were written at. The generated
//! places sit that much less deep; nothing else is subtracted.
//!
//! `cargo run -p invocation-scope-tests --bin deep-nesting-limits` measures each place on its
//! own, with and without the macros ([`Place`]).

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

    /// The deepest nesting rustc 1.95 compiles in a function's body written in the file (the
    /// control, `source(shape, depth, false)`) on its own 8 MiB thread, with `cargo check`: one
    /// level more overflows rustc's stack.
    #[must_use]
    pub fn rustc_limit(self) -> usize {
        match self {
            Shape::IfElse => 661,
            Shape::Blocks => 782,
            Shape::Match => 858,
            Shape::Closures | Shape::Parens => 1188,
            Shape::Arrays => 1038,
        }
    }

    /// How many levels less deep rustc 1.95 parses `self` in the output of any attribute macro
    /// than in the file: it parses that output in `rustc_expand::expand::parse_ast_fragment`,
    /// called from the crate's expansion inside the `resolver_for_lowering` query, deeper in its
    /// stack than the file's parse (`rustc_interface::passes::parse`), which costs one to three
    /// levels of this shape. Measured with an attribute that returns its input unchanged (as
    /// `#[no_mutable_statics]` does with a function that names no static): the
    /// `#[invocation_handler]` bodies, with state or not, crate-wide pass or not, lose exactly
    /// this much.
    #[must_use]
    pub fn attribute_margin(self) -> usize {
        match self {
            Shape::Blocks => 1,
            Shape::IfElse | Shape::Match => 2,
            Shape::Closures | Shape::Arrays | Shape::Parens => 3,
        }
    }

    /// How many levels below [`Shape::rustc_limit`] a `#[per_invocation(init = ..)]` expression
    /// compiles: it sits in `{ let x = ..; let _ = EXPR; 0 }` in a struct expression in an
    /// `impl`'s `fn`, one to three levels deeper than a function body's expression (the control,
    /// a constructor written by hand, overflows that much sooner too), and it is parsed only in
    /// the macro's output, where it loses one to three levels more, as in
    /// [`Shape::attribute_margin`]. Measured with `cargo check`; plain `rustc` and trybuild's
    /// build accept one level more of closures here: where a limit falls within a level depends
    /// on a few hundred bytes of rustc's stack.
    #[must_use]
    pub fn init_margin(self) -> usize {
        match self {
            Shape::IfElse | Shape::Blocks => 3,
            Shape::Match => 4,
            Shape::Arrays => 5,
            Shape::Closures | Shape::Parens => 6,
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

/// A crate root holding `shape` nested `depth` deep in each place the macros read: the handler
/// bodies and the `#[no_mutable_statics]` function [`Shape::attribute_margin`] less, the
/// `#[per_invocation]` field's `init` [`Shape::init_margin`] less, the function no handler calls
/// `depth` deep; with `macros: false`, the same code without them (the control).
#[must_use]
pub fn source(shape: Shape, depth: usize, macros: bool) -> String {
    let deep = shape.expr(depth, "x");
    let in_macro = shape.expr(depth.saturating_sub(shape.attribute_margin()), "x");
    let init = shape.expr(depth.saturating_sub(shape.init_margin()), "x");
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
    format!(
        "//! Generated: `{name}` nested {depth} deep.\n\
         #![allow(dead_code, unused_parens, unused_braces, clippy::all)]\n\
         // Arrays nested this deep need more than the default query depth to lay out.\n\
         #![recursion_limit = \"4096\"]\n\n\
         {imports}use lambda_runtime::{{Error, LambdaEvent}};\n\n\
         {handler}\
         async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
         \x20   let x = event.payload;\n\
         \x20   let _ = {in_macro};\n\
         \x20   Ok(x)\n\
         }}\n\n\
         {pass_off}\
         async fn handler_without_pass(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
         \x20   let x = event.payload;\n\
         \x20   let _ = {in_macro};\n\
         \x20   Ok(x)\n\
         }}\n\n\
         /// Its state is built before the body and finished after it.\n\
         {handler}\
         async fn handler_with_state(event: LambdaEvent<u32>, state: &mut State) -> Result<u32, Error> {{\n\
         \x20   let x = event.payload;\n\
         \x20   let _ = {in_macro};\n\
         \x20   Ok(x + state.value)\n\
         }}\n\n\
         {helper}\
         fn helper(x: u32) -> u32 {{\n\
         \x20   let _ = {in_macro};\n\
         \x20   x\n\
         }}\n\n\
         /// No handler calls it; the crate-wide pass reads it from the file all the same.\n\
         fn uncalled(x: u32) -> u32 {{\n\
         \x20   let _ = {deep};\n\
         \x20   x\n\
         }}\n\n\
         impl invocation_scope::Finish for State {{\n\
         \x20   type Error = Error;\n\
         \x20   async fn finish(&mut self) -> Result<(), Error> {{\n\
         \x20       Ok(())\n\
         \x20   }}\n\
         }}\n\n\
         {state}\n\
         fn main() {{\n\
         \x20   let _ = (handler, handler_without_pass, handler_with_state, helper, uncalled);\n\
         }}\n",
        name = shape.name(),
        state = state_source(&init, macros),
    )
}

/// One place the macros read, alone in a crate root, for measuring how deep each compiles
/// (`cargo run -p invocation-scope-tests --bin deep-nesting-limits`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// An `#[invocation_handler]` body.
    Handler,
    /// The same with `crate_wide = false`.
    HandlerWithoutPass,
    /// A handler body with a `&mut State` parameter whose type has a finish step.
    HandlerWithState,
    /// A `#[no_mutable_statics]` function.
    NoMutableStatics,
    /// A `#[per_invocation(init = ..)]` field's expression.
    Init,
    /// A handler body that names an immutable static in its innermost block, where the
    /// token-level checks put their probe.
    StaticInInnermostBlock,
}

impl Place {
    /// Every place.
    pub const ALL: [Place; 6] = [
        Place::Handler,
        Place::HandlerWithoutPass,
        Place::HandlerWithState,
        Place::NoMutableStatics,
        Place::Init,
        Place::StaticInInnermostBlock,
    ];

    /// A name for reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Place::Handler => "handler body",
            Place::HandlerWithoutPass => "handler body, crate_wide = false",
            Place::HandlerWithState => "handler body with finished state",
            Place::NoMutableStatics => "#[no_mutable_statics] fn",
            Place::Init => "#[per_invocation] init",
            Place::StaticInInnermostBlock => "handler body naming a static innermost",
        }
    }

    /// A crate root holding `shape` nested `depth` deep in this place only; with
    /// `macros: false`, the same code without the attributes (the control).
    #[must_use]
    pub fn source(self, shape: Shape, depth: usize, macros: bool) -> String {
        let deep = shape.expr(depth, "x");
        let attr = |attribute: &str| {
            if macros {
                format!("#[invocation_scope::{attribute}]\n")
            } else {
                String::new()
            }
        };
        let item = match self {
            Place::Handler | Place::HandlerWithoutPass => {
                let attribute = if self == Place::Handler {
                    attr("invocation_handler")
                } else {
                    attr("invocation_handler(crate_wide = false)")
                };
                format!(
                    "{attribute}async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
                     \x20   let x = event.payload;\n\
                     \x20   let _ = {deep};\n\
                     \x20   Ok(x)\n\
                     }}\n"
                )
            }
            Place::HandlerWithState => format!(
                "{state}#[derive(Default)]\n\
                 struct State {{\n\
                 \x20   value: u32,\n\
                 }}\n\n\
                 impl invocation_scope::Finish for State {{\n\
                 \x20   type Error = Error;\n\
                 \x20   async fn finish(&mut self) -> Result<(), Error> {{\n\
                 \x20       Ok(())\n\
                 \x20   }}\n\
                 }}\n\n\
                 {handler}async fn handler(event: LambdaEvent<u32>, state: &mut State) -> Result<u32, Error> {{\n\
                 \x20   let x = event.payload;\n\
                 \x20   let _ = {deep};\n\
                 \x20   Ok(x + state.value)\n\
                 }}\n",
                state = attr("per_invocation"),
                handler = attr("invocation_handler"),
            ),
            Place::NoMutableStatics => format!(
                "{}fn helper(x: u32) -> u32 {{\n\
                 \x20   let _ = {deep};\n\
                 \x20   x\n\
                 }}\n",
                attr("no_mutable_statics")
            ),
            Place::Init => state_source(&deep, macros),
            Place::StaticInInnermostBlock => format!(
                "static LIMIT: u32 = 5;\n\n\
                 {}async fn handler(event: LambdaEvent<u32>) -> Result<u32, Error> {{\n\
                 \x20   let x = event.payload;\n\
                 \x20   let _ = {};\n\
                 \x20   Ok(x)\n\
                 }}\n",
                attr("invocation_handler"),
                shape.expr(depth, "LIMIT"),
            ),
        };
        format!(
            "//! Generated: `{name}` nested {depth} deep in one place.\n\
             #![allow(dead_code, unused_parens, unused_braces, clippy::all)]\n\
             #![recursion_limit = \"4096\"]\n\n\
             use lambda_runtime::{{Error, LambdaEvent}};\n\n\
             {item}\n\
             fn main() {{}}\n",
            name = shape.name(),
        )
    }
}

/// A struct whose `value` starts from `init` (`#[per_invocation(init = ..)]`), or without the
/// macro the same expression in a constructor.
fn state_source(init: &str, macros: bool) -> String {
    if macros {
        format!(
            "#[invocation_scope::per_invocation]\n\
             struct State {{\n\
             \x20   #[per_invocation(init = {{ let x = 0u32; let _ = {init}; 0 }})]\n\
             \x20   value: u32,\n\
             }}\n"
        )
    } else {
        format!(
            "struct State {{\n\
             \x20   value: u32,\n\
             }}\n\n\
             impl State {{\n\
             \x20   fn fresh() -> Self {{\n\
             \x20       Self {{ value: {{ let x = 0u32; let _ = {init}; 0 }} }}\n\
             \x20   }}\n\
             }}\n"
        )
    }
}
