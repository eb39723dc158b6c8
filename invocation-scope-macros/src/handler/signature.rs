//! Find the state parameters of a handler and check that the handler can lend them.

use proc_macro2::TokenStream;
use syn::{FnArg, Ident, ItemFn, Pat, PatType, ReceiverKind, Type, TypeReference};

use crate::error::Errors;

/// A handler whose signature has been checked.
pub(crate) struct Handler {
    /// The function as written, state parameters included.
    pub(crate) item: ItemFn,
    /// The `&mut T` parameters, in order.
    pub(crate) states: Vec<StateParam>,
    /// Position in `sig.inputs` of the parameter the invocation's facts are read from: the
    /// first that is not state.
    pub(crate) event: Option<usize>,
}

pub(crate) struct StateParam {
    /// Position in `sig.inputs`.
    pub(crate) index: usize,
    /// `&mut T` as written.
    pub(crate) reference: TypeReference,
}

impl StateParam {
    /// `T`.
    pub(crate) fn ty(&self) -> &Type {
        &self.reference.elem
    }
}

impl Handler {
    pub(crate) fn parse(item: TokenStream) -> syn::Result<Handler> {
        let item: ItemFn = syn::parse2(item).map_err(|error| {
            syn::Error::new(
                error.span(),
                "`#[invocation_handler]` applies to an `async fn` handler (a free function or a \
                 method with `&self`)",
            )
        })?;
        let mut errors = Errors::default();
        let sig = &item.sig;

        if let Some(constness) = &sig.constness {
            errors.push(syn::Error::new_spanned(
                constness,
                "a handler cannot be a `const fn`: it runs once per invocation; remove `const`",
            ));
        }
        if sig.asyncness.is_none() {
            errors.push(syn::Error::new_spanned(
                sig.fn_token,
                "`#[invocation_handler]` needs an `async fn`: lambda_runtime calls the handler for \
                 a future, and the state lives as long as that future; write `async fn`",
            ));
        }

        let mut states = Vec::new();
        let mut event = None;
        let mut has_event = false;
        let mut misplaced_facts = false;
        for (index, input) in sig.inputs.iter().enumerate() {
            match input {
                FnArg::Receiver(receiver) => {
                    let by_mut_ref = match &receiver.kind {
                        ReceiverKind::Reference(_, _, mutability) => mutability.is_some(),
                        ReceiverKind::Typed(_, ty) => matches!(
                            &**ty,
                            Type::Reference(reference) if reference.mutability.is_some()
                        ),
                        _ => false,
                    };
                    if by_mut_ref {
                        errors.push(syn::Error::new_spanned(
                            receiver,
                            "a handler cannot take `&mut self`: whatever it changes in `self` \
                             outlives the invocation. Take `&self`, and move what changes into a \
                             `#[per_invocation]` struct taken as a `&mut` parameter",
                        ));
                    }
                }
                FnArg::Typed(typed) => match &*typed.ty {
                    Type::Reference(reference) if reference.mutability.is_some() => {
                        match state_param(index, typed, reference) {
                            Ok(state) => states.push(state),
                            Err(error) => errors.push(error),
                        }
                    }
                    ty => {
                        if let Some(error) = facts_not_by_mut_ref(ty) {
                            misplaced_facts = true;
                            errors.push(error);
                        } else if !has_event {
                            has_event = true;
                            if let Some(error) = event_by_reference(ty) {
                                errors.push(error);
                            }
                            event = Some(index);
                        } else if let Some(error) = event_not_first(ty, &typed.pat) {
                            errors.push(error);
                        }
                    }
                },
            }
        }
        if !has_event && !misplaced_facts {
            errors.push(syn::Error::new(
                sig.paren_token.span.join(),
                "a handler takes the invocation's event first, such as `event: \
                 LambdaEvent<Value>` or `request: Request`: lambda_runtime calls it with the event; \
                 add the event parameter before the `&mut` state",
            ));
        }
        errors.finish()?;
        Ok(Handler {
            item,
            states,
            event,
        })
    }
}

/// The last segment of `ty`'s path, through parentheses and references when `through_refs`.
fn last_segment(mut ty: &Type, through_refs: bool) -> Option<&Ident> {
    loop {
        match ty {
            Type::Paren(inner) => ty = &inner.elem,
            Type::Group(inner) => ty = &inner.elem,
            Type::Reference(reference) if through_refs => ty = &reference.elem,
            Type::Path(path) if path.qself.is_none() => {
                return path.path.segments.last().map(|segment| &segment.ident);
            }
            _ => return None,
        }
    }
}

/// `facts: &InvocationFacts` or `facts: InvocationFacts`: the facts are built per invocation
/// like state, so they are lent as `&mut`; otherwise the parameter is taken for the event or a
/// resource, and rustc reports a bare arity error at `service_fn`.
fn facts_not_by_mut_ref(ty: &Type) -> Option<syn::Error> {
    if last_segment(ty, true).is_none_or(|ident| ident != "InvocationFacts") {
        return None;
    }
    Some(syn::Error::new_spanned(
        ty,
        "take `InvocationFacts` as `&mut InvocationFacts`: like per-invocation state, it is \
         built fresh for each invocation and lent to the handler as a `&mut` parameter",
    ))
}

/// `event: &LambdaEvent<T>` or `request: &Request`: `lambda_runtime` hands the handler its event
/// by value.
fn event_by_reference(ty: &Type) -> Option<syn::Error> {
    let Type::Reference(reference) = ty else {
        return None;
    };
    let name = last_segment(&reference.elem, false)?;
    if name != "LambdaEvent" && name != "Request" {
        return None;
    }
    Some(syn::Error::new_spanned(
        ty,
        format!(
            "take the event by value, without `&`: lambda_runtime hands each invocation its own \
             `{name}`, and the handler may keep parts of it"
        ),
    ))
}

/// An event (`LambdaEvent<T>` or `Request`, by value) after another parameter that is not
/// state, such as resources put first: `handler(shared: &Shared, event: LambdaEvent<T>)`.
/// `lambda_runtime` and `with_resources` pass the event first.
fn event_not_first(ty: &Type, pat: &Pat) -> Option<syn::Error> {
    if matches!(ty, Type::Reference(_)) {
        return None;
    }
    let name = last_segment(ty, false)?;
    if name != "LambdaEvent" && name != "Request" {
        return None;
    }
    Some(syn::Error::new_spanned(
        pat,
        format!(
            "the event comes first: make `{}` the handler's first parameter, before shared \
             resources (`&R`) and per-invocation state (`&mut T`); `lambda_runtime` and \
             `with_resources` pass the `{name}` first",
            quote::ToTokens::to_token_stream(pat)
        ),
    ))
}

fn state_param(
    index: usize,
    typed: &PatType,
    reference: &TypeReference,
) -> syn::Result<StateParam> {
    let mut errors = Errors::default();
    let pat = match &*typed.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => Ok(pat.clone()),
        other => Err(syn::Error::new_spanned(
            other,
            "a per-invocation state parameter needs a plain name, such as `state: &mut State`; \
             destructure it in the body instead",
        )),
    };
    if let Err(error) = &pat {
        errors.push(error.clone());
    }
    if let Some(lifetime) = &reference.lifetime
        && lifetime.ident != "_"
    {
        errors.push(syn::Error::new_spanned(
            lifetime,
            format!(
                "the state is built inside this call and dropped when it ends, so it cannot be \
                 borrowed for `{lifetime}`; write `&mut T` without a lifetime"
            ),
        ));
    }
    let mut elem = &*reference.elem;
    while let Type::Paren(inner) = elem {
        elem = &inner.elem;
    }
    match elem {
        Type::ImplTrait(ty) => errors.push(syn::Error::new_spanned(
            ty,
            "per-invocation state needs a concrete type to build: `&mut impl Trait` names none. \
             Use the `#[per_invocation]` struct itself, or a generic parameter `S: PerInvocation`",
        )),
        Type::TraitObject(ty) => errors.push(syn::Error::new_spanned(
            ty,
            "per-invocation state needs a concrete type to build: `&mut dyn Trait` names none. \
             Use the `#[per_invocation]` struct itself",
        )),
        Type::Infer(ty) => errors.push(syn::Error::new_spanned(
            ty,
            "name the per-invocation state's type: it is built from the type",
        )),
        _ => {}
    }
    errors.finish()?;
    pat?;
    Ok(StateParam {
        index,
        reference: reference.clone(),
    })
}

/// Whether a name is bound by two parameters of which one is state: the state parameters leave
/// the signature, so rustc would not see the repetition in the expansion. The function as written
/// gets rustc's own E0415.
pub(crate) fn repeats_a_state_name(item: &ItemFn) -> bool {
    let names: Vec<(&Ident, bool)> = item
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(pat) => {
                    let state = matches!(
                        &*typed.ty,
                        Type::Reference(reference) if reference.mutability.is_some()
                    );
                    Some((&pat.ident, state))
                }
                _ => None,
            },
            FnArg::Receiver(_) => None,
        })
        .collect();
    names.iter().enumerate().any(|(position, (name, state))| {
        names[..position]
            .iter()
            .any(|(earlier, earlier_state)| earlier == name && (*state || *earlier_state))
    })
}
