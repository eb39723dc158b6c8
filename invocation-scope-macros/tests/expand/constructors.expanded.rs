struct Log {
    request_id: String,
}
#[automatically_derived]
impl ::invocation_scope::__private::PerInvocation for Log {
    #[inline]
    fn fresh(__invocation_scope_invocation: ::invocation_scope::Invocation<'_>) -> Self {
        Log::for_invocation(__invocation_scope_invocation)
    }
}
struct Counter(u32);
#[automatically_derived]
impl ::invocation_scope::__private::PerInvocation for Counter {
    #[inline]
    fn fresh(_: ::invocation_scope::Invocation<'_>) -> Self {
        Counter::new()
    }
}
struct Generic<T> {
    values: Vec<T>,
}
#[automatically_derived]
impl<T> ::invocation_scope::__private::PerInvocation for Generic<T>
where
    Vec<T>: ::invocation_scope::__private::Default,
{
    #[inline]
    fn fresh(_: ::invocation_scope::Invocation<'_>) -> Self {
        Self {
            values: <Vec<T> as ::invocation_scope::__private::Default>::default(),
        }
    }
}
