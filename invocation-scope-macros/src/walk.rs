//! One syntax-tree walker for every read-only visit the crate makes.
//!
//! Each `impl syn::visit::Visit` compiles its own copy of syn's whole visitor, some 350
//! functions: with one per question asked of a body, they were a sixth of the code this crate
//! compiles (LLVM IR lines). The visits here share one copy: [`Walk`] is the only `Visit` impl
//! and calls the question's [`Hooks`] through `dyn`.

use syn::visit::{self, Visit};

/// What a visit does at the nodes it cares about; each returns whether to walk inside the node,
/// as syn's default visit would.
pub(crate) trait Hooks {
    fn pat_ident(&mut self, _: &syn::PatIdent) -> bool {
        true
    }
    fn generic_param(&mut self, _: &syn::GenericParam) -> bool {
        true
    }
    fn local(&mut self, _: &syn::Local) -> bool {
        true
    }
    fn expr_path(&mut self, _: &syn::ExprPath) -> bool {
        true
    }
    fn expr_field(&mut self, _: &syn::ExprField) -> bool {
        true
    }
    fn expr_method_call(&mut self, _: &syn::ExprMethodCall) -> bool {
        true
    }
    fn stmt_macro(&mut self, _: &syn::StmtMacro) -> bool {
        true
    }
    fn item_const(&mut self, _: &syn::ItemConst) -> bool {
        true
    }
    fn item_enum(&mut self, _: &syn::ItemEnum) -> bool {
        true
    }
    fn item_fn(&mut self, _: &syn::ItemFn) -> bool {
        true
    }
    fn item_macro(&mut self, _: &syn::ItemMacro) -> bool {
        true
    }
    fn item_static(&mut self, _: &syn::ItemStatic) -> bool {
        true
    }
    fn item_struct(&mut self, _: &syn::ItemStruct) -> bool {
        true
    }
    fn item_type(&mut self, _: &syn::ItemType) -> bool {
        true
    }
    fn item_union(&mut self, _: &syn::ItemUnion) -> bool {
        true
    }
    fn item_use(&mut self, _: &syn::ItemUse) -> bool {
        true
    }
    fn foreign_item_static(&mut self, _: &syn::ForeignItemStatic) -> bool {
        true
    }
    /// What to walk inside a macro call, whose arguments syn keeps as tokens: `None` walks its
    /// path only, as syn does; a hook that reads the tokens itself says what they parse to.
    fn macro_call(&mut self, _: &syn::Macro) -> Option<MacroSyntax> {
        None
    }
}

/// The expressions and blocks a macro call's tokens parse to.
#[derive(Default)]
pub(crate) struct MacroSyntax {
    pub(crate) exprs: Vec<syn::Expr>,
    pub(crate) blocks: Vec<syn::Block>,
}

/// Walks a syntax tree, asking `hooks` at each node it cares about.
pub(crate) struct Walk<'h>(pub(crate) &'h mut dyn Hooks);

impl<'ast> Visit<'ast> for Walk<'_> {
    fn visit_pat_ident(&mut self, node: &'ast syn::PatIdent) {
        if self.0.pat_ident(node) {
            visit::visit_pat_ident(self, node);
        }
    }

    fn visit_generic_param(&mut self, node: &'ast syn::GenericParam) {
        if self.0.generic_param(node) {
            visit::visit_generic_param(self, node);
        }
    }

    fn visit_local(&mut self, node: &'ast syn::Local) {
        if self.0.local(node) {
            visit::visit_local(self, node);
        }
    }

    fn visit_expr_path(&mut self, node: &'ast syn::ExprPath) {
        if self.0.expr_path(node) {
            visit::visit_expr_path(self, node);
        }
    }

    fn visit_expr_field(&mut self, node: &'ast syn::ExprField) {
        if self.0.expr_field(node) {
            visit::visit_expr_field(self, node);
        }
    }

    fn visit_expr_method_call(&mut self, node: &'ast syn::ExprMethodCall) {
        if self.0.expr_method_call(node) {
            visit::visit_expr_method_call(self, node);
        }
    }

    fn visit_stmt_macro(&mut self, node: &'ast syn::StmtMacro) {
        if self.0.stmt_macro(node) {
            visit::visit_stmt_macro(self, node);
        }
    }

    fn visit_item_const(&mut self, node: &'ast syn::ItemConst) {
        if self.0.item_const(node) {
            visit::visit_item_const(self, node);
        }
    }

    fn visit_item_enum(&mut self, node: &'ast syn::ItemEnum) {
        if self.0.item_enum(node) {
            visit::visit_item_enum(self, node);
        }
    }

    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        if self.0.item_fn(node) {
            visit::visit_item_fn(self, node);
        }
    }

    fn visit_item_macro(&mut self, node: &'ast syn::ItemMacro) {
        if self.0.item_macro(node) {
            visit::visit_item_macro(self, node);
        }
    }

    fn visit_item_static(&mut self, node: &'ast syn::ItemStatic) {
        if self.0.item_static(node) {
            visit::visit_item_static(self, node);
        }
    }

    fn visit_item_struct(&mut self, node: &'ast syn::ItemStruct) {
        if self.0.item_struct(node) {
            visit::visit_item_struct(self, node);
        }
    }

    fn visit_item_type(&mut self, node: &'ast syn::ItemType) {
        if self.0.item_type(node) {
            visit::visit_item_type(self, node);
        }
    }

    fn visit_item_union(&mut self, node: &'ast syn::ItemUnion) {
        if self.0.item_union(node) {
            visit::visit_item_union(self, node);
        }
    }

    fn visit_item_use(&mut self, node: &'ast syn::ItemUse) {
        if self.0.item_use(node) {
            visit::visit_item_use(self, node);
        }
    }

    fn visit_foreign_item_static(&mut self, node: &'ast syn::ForeignItemStatic) {
        if self.0.foreign_item_static(node) {
            visit::visit_foreign_item_static(self, node);
        }
    }

    fn visit_macro(&mut self, node: &'ast syn::Macro) {
        match self.0.macro_call(node) {
            None => visit::visit_macro(self, node),
            Some(syntax) => {
                for expr in &syntax.exprs {
                    self.visit_expr(expr);
                }
                for block in &syntax.blocks {
                    self.visit_block(block);
                }
            }
        }
    }
}
