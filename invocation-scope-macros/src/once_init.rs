//! Once-cells set from invocation data: `CACHE.get_or_init(|| event.payload.user.clone())`
//! keeps the first invocation's data for every later one. Both checks use this rule: the
//! token-level ones on the attribute's own body, the crate-wide pass on the functions it reaches.

use std::collections::HashSet;

use syn::ext::IdentExt as _;
use syn::visit::Visit as _;
use syn::{Expr, ExprMethodCall};

use crate::walk::{Hooks, MacroSyntax, Walk};

/// The methods of `OnceLock`, `OnceCell` (std, `once_cell`, tokio) that store a value.
pub(crate) const SETTERS: &[&str] = &[
    "get_or_init",
    "get_or_try_init",
    "get_mut_or_init",
    "get_mut_or_try_init",
    "set",
    "try_insert",
];

/// For `receiver.method(args)` where `method` stores a value in a once-cell: the receiver
/// (the path of the static, as written) when the stored value can be built from `bound`, the
/// names the enclosing function binds (parameters and locals). A closure or value that
/// mentions none of them, or a fn path, is computed without invocation input.
pub(crate) fn sets_from_invocation<'e>(
    call: &'e ExprMethodCall,
    bound: &HashSet<String>,
) -> Option<&'e syn::ExprPath> {
    if !SETTERS.contains(&call.method.unraw().to_string().as_str()) {
        return None;
    }
    let Expr::Path(receiver) = strip(&call.receiver) else {
        return None;
    };
    call.args
        .iter()
        .any(|arg| uses_bound(arg, bound))
        .then_some(receiver)
}

fn strip(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(inner) => strip(&inner.expr),
        Expr::Group(inner) => strip(&inner.expr),
        Expr::Reference(inner) => strip(&inner.expr),
        _ => expr,
    }
}

/// Whether `expr` reads a name of `bound` that it does not bind itself (a closure's own
/// parameters and `let`s are its business).
fn uses_bound(expr: &Expr, bound: &HashSet<String>) -> bool {
    let mut own = Names::default();
    Walk(&mut own).visit_expr(expr);
    let mut used = Used {
        bound,
        own: &own.names,
        found: false,
    };
    Walk(&mut used).visit_expr(expr);
    used.found
}

/// Names bound inside an expression.
#[derive(Default)]
struct Names {
    names: HashSet<String>,
}

impl Hooks for Names {
    fn pat_ident(&mut self, pat: &syn::PatIdent) -> bool {
        self.names.insert(pat.ident.unraw().to_string());
        true
    }
}

struct Used<'a> {
    bound: &'a HashSet<String>,
    own: &'a HashSet<String>,
    found: bool,
}

impl Hooks for Used<'_> {
    fn expr_path(&mut self, path: &syn::ExprPath) -> bool {
        if path.qself.is_none()
            && path.path.leading_colon.is_none()
            && let Some(ident) = path.path.get_ident()
        {
            let name = ident.unraw().to_string();
            if self.bound.contains(&name) && !self.own.contains(&name) {
                self.found = true;
            }
        }
        false
    }

    /// `self.user` in a method.
    fn expr_field(&mut self, field: &syn::ExprField) -> bool {
        if let Expr::Path(base) = strip(&field.base)
            && base.path.is_ident("self")
        {
            self.found = true;
        }
        true
    }

    /// `format!("{user}")` and `vec![event.id]`: the names in a macro's arguments.
    fn macro_call(&mut self, mac: &syn::Macro) -> Option<MacroSyntax> {
        for token in mac.tokens.clone() {
            self.token(&token);
        }
        Some(MacroSyntax::default())
    }
}

impl Used<'_> {
    fn token(&mut self, token: &proc_macro2::TokenTree) {
        match token {
            proc_macro2::TokenTree::Ident(ident) => {
                let name = ident.unraw().to_string();
                if self.bound.contains(&name) && !self.own.contains(&name) {
                    self.found = true;
                }
            }
            proc_macro2::TokenTree::Group(group) => {
                for token in group.stream() {
                    self.token(&token);
                }
            }
            proc_macro2::TokenTree::Literal(literal) => {
                // `"{user}"`: an inline format argument.
                let text = literal.to_string();
                if text.starts_with('"') {
                    for name in self.bound.iter().filter(|name| !self.own.contains(*name)) {
                        if text.contains(&format!("{{{name}}}"))
                            || text.contains(&format!("{{{name}:"))
                        {
                            self.found = true;
                        }
                    }
                }
            }
            proc_macro2::TokenTree::Punct(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::sets_from_invocation;

    fn verdict(call: &str, bound: &[&str]) -> bool {
        let call: syn::ExprMethodCall = syn::parse_str(call).expect("a method call");
        let bound: HashSet<String> = bound.iter().map(ToString::to_string).collect();
        sets_from_invocation(&call, &bound).is_some()
    }

    #[test]
    fn a_closure_reading_the_event_sets_from_invocation_data() {
        assert!(verdict(
            "CACHE.get_or_init(|| event.payload.user.clone())",
            &["event"]
        ));
        assert!(verdict("CACHE.set(user)", &["event", "user"]));
        assert!(verdict(
            "TENANT.get_or_init(|| format!(\"{tenant}\"))",
            &["tenant"]
        ));
        assert!(verdict("NAME.set(vec![event.id])", &["event"]));
        assert!(verdict(
            "self::CACHE.get_or_init(|| self.user.clone())",
            &[]
        ));
    }

    #[test]
    fn a_value_computed_without_invocation_input_does_not() {
        assert!(!verdict(
            "CLIENT.get_or_init(|| async { Client::new().await })",
            &["event"]
        ));
        assert!(!verdict("CLIENT.get_or_init(build_client)", &["event"]));
        assert!(!verdict(
            "CONFIG.get_or_init(|| { let table = env::var(\"T\").unwrap(); table })",
            &["event", "table"]
        ));
        assert!(!verdict("CACHE.get_or_init(|| event)", &[]));
        assert!(!verdict("CACHE.get(event)", &["event"]));
    }
}
