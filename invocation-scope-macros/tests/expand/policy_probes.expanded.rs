use std::sync::LazyLock;
static NAMES: LazyLock<Vec<String>> = LazyLock::new(Vec::new);
#[allow(clippy::used_underscore_binding)]
async fn by_default(event: LambdaEvent<String>) -> Result<bool, Error> {
    let __invocation_scope_invocation = {
        #[allow(unused_imports)]
        use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
        #[allow(clippy::used_underscore_binding)]
        (&::invocation_scope::__private::EventProbe(&event)).invocation()
    };
    ::invocation_scope::__private::in_invocation::<
        Result<bool, Error>,
        _,
    >(
            ::invocation_scope::__private::current_of(__invocation_scope_invocation),
            __invocation_scope_body_by_default(event),
        )
        .await
}
#[doc(hidden)]
#[allow(dead_code, clippy::unused_async)]
async fn __invocation_scope_body_by_default(
    event: LambdaEvent<String>,
) -> Result<bool, Error> {
    #[allow(
        non_upper_case_globals,
        non_snake_case,
        non_camel_case_types,
        dead_code,
        unused_unsafe,
        static_mut_refs,
        clippy::all,
        clippy::pedantic
    )]
    const NAMES__MUST_NOT_BE_SHARED_MUTABLE_STATE: &'static dyn ::invocation_scope::__private::Anything = {
        #[allow(unused_imports)]
        use ::invocation_scope::__private::{
            Fallback as _, JudgeLazyStatic as _, JudgeValue as _,
        };
        let _ = || {
            let __invocation_scope_probe = ::invocation_scope::__private::Probe(unsafe {
                &NAMES
            });
            __invocation_scope_probe.check_known();
            __invocation_scope_probe.check_inside();
            __invocation_scope_probe.check_lazy_static_inside();
        };
        const __INVOCATION_SCOPE_VALUE: &'static dyn ::core::any::Any = unsafe {
            &NAMES
        };
        &::invocation_scope::__private::judge(
            &|| (&::invocation_scope::__private::Probe(unsafe { &NAMES })).judged(),
            __INVOCATION_SCOPE_VALUE,
        )
    };
    Ok(NAMES.contains(&event.payload))
}
#[allow(clippy::used_underscore_binding)]
async fn strict(event: LambdaEvent<String>) -> Result<bool, Error> {
    let __invocation_scope_invocation = {
        #[allow(unused_imports)]
        use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
        #[allow(clippy::used_underscore_binding)]
        (&::invocation_scope::__private::EventProbe(&event)).invocation()
    };
    ::invocation_scope::__private::in_invocation::<
        Result<bool, Error>,
        _,
    >(
            ::invocation_scope::__private::current_of(__invocation_scope_invocation),
            __invocation_scope_body_strict(event),
        )
        .await
}
#[doc(hidden)]
#[allow(dead_code, clippy::unused_async)]
async fn __invocation_scope_body_strict(
    event: LambdaEvent<String>,
) -> Result<bool, Error> {
    #[allow(
        non_upper_case_globals,
        non_snake_case,
        non_camel_case_types,
        dead_code,
        unused_unsafe,
        static_mut_refs,
        clippy::all,
        clippy::pedantic
    )]
    const NAMES__MUST_NOT_BE_SHARED_MUTABLE_STATE: () = {
        #[allow(unused_imports)]
        use ::invocation_scope::__private::Fallback as _;
        let _ = || {
            let __invocation_scope_probe = ::invocation_scope::__private::Probe(unsafe {
                &NAMES
            });
            __invocation_scope_probe.check_known();
            __invocation_scope_probe.check_init_once();
            __invocation_scope_probe.check_thread_local();
            __invocation_scope_probe.check_task_local();
            __invocation_scope_probe.check_lazy_static();
        };
        const __INVOCATION_SCOPE_VALUE: &'static dyn ::core::any::Any = unsafe {
            &NAMES
        };
        ::invocation_scope::__private::read_first_byte(__INVOCATION_SCOPE_VALUE)
    };
    Ok(NAMES.contains(&event.payload))
}
