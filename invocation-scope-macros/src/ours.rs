//! Which attributes are this crate's, one rule for every place that asks: the last segment of
//! the attribute's path, so `#[per_invocation]` and `#[invocation_scope::per_invocation]` both
//! count. (A renamed import, `use ... as ih`, is recognised where the attribute runs, not here.)

use syn::Attribute;

/// Whether `attr` is our attribute `name` (`invocation_handler`, `no_mutable_statics`,
/// `per_invocation`).
pub(crate) fn is(attr: &Attribute, name: &str) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == name)
}

/// Whether `attrs` holds one of our attributes that check the item's own tokens.
pub(crate) fn checks_tokens(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|attr| is(attr, "invocation_handler") || is(attr, "no_mutable_statics"))
}
