#[per_invocation]
struct Report {
    items: Vec<String>,
    #[per_invocation(init = 10)]
    limit: usize,
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Value>, client: &Client, report: &mut Report) -> Result<Value, Error> {
    collect(report, client, &event.payload);
    Ok(json!({ "count": summarise(report) }))
}
