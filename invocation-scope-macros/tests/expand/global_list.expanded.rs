struct Report {
    items: Vec<String>,
    limit: usize,
}
#[automatically_derived]
impl ::invocation_scope::__private::PerInvocation for Report {
    #[inline]
    fn fresh(_: ::invocation_scope::Invocation<'_>) -> Self {
        Self {
            items: <Vec<String> as ::invocation_scope::__private::Default>::default(),
            limit: 10,
        }
    }
}
#[allow(clippy::used_underscore_binding)]
async fn handler(event: LambdaEvent<Value>, client: &Client) -> Result<Value, Error> {
    let __invocation_scope_invocation = {
        #[allow(unused_imports)]
        use ::invocation_scope::__private::{FromAnything as _, FromSource as _};
        #[allow(clippy::used_underscore_binding)]
        (&::invocation_scope::__private::EventProbe(&event)).invocation()
    };
    ::invocation_scope::__private::in_invocation::<
        Result<Value, Error>,
        _,
    >(
            ::invocation_scope::__private::current_of(__invocation_scope_invocation),
            async move {
                let __invocation_scope_invocation = {
                    #[allow(unused_imports)]
                    use ::invocation_scope::__private::{
                        FromAnything as _, FromSource as _,
                    };
                    #[allow(clippy::used_underscore_binding)]
                    (&::invocation_scope::__private::EventProbe(&event)).invocation()
                };
                let mut __invocation_scope_state_0 = <Report as ::invocation_scope::__private::PerInvocation>::fresh(
                    __invocation_scope_invocation,
                );
                let __invocation_scope_output = __invocation_scope_body_handler(
                        event,
                        client,
                        &mut __invocation_scope_state_0,
                    )
                    .await;
                let __invocation_scope_output = ::invocation_scope::__private::Absorb::absorb(
                    {
                        #[allow(unused_imports)]
                        use ::invocation_scope::__private::{
                            FinishStep as _, NoFinishStep as _,
                        };
                        ::invocation_scope::__private::FinishProbe(
                                &mut __invocation_scope_state_0,
                            )
                            .finish_step()
                    }
                        .await,
                    __invocation_scope_output,
                );
                __invocation_scope_output
            },
        )
        .await
}
#[doc(hidden)]
#[allow(dead_code, clippy::unused_async)]
async fn __invocation_scope_body_handler(
    event: LambdaEvent<Value>,
    client: &Client,
    report: &mut Report,
) -> Result<Value, Error> {
    collect(report, client, &event.payload);
    Ok(json!({ "count" : summarise(report) }))
}
