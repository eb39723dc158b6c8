// The handler module runs each query on `schema::SCHEMA`, a `lazy_static!` GraphQL schema (an `Arc` around its registry).
// Reduced from dbanty/rust-lambda-graphql-example, src/{schema,handler}.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod schema {
    use lazy_static::lazy_static;
    use std::sync::Arc;

    pub(crate) struct Query;
    pub(crate) struct Mutation;
    pub(crate) struct EmptySubscription;

    /// Stands for `async_graphql::Schema`: an `Arc` around the built registry.
    pub(crate) struct Schema<Q, M, S> {
        inner: Arc<(Q, M, S, Vec<&'static str>)>,
    }

    impl<Q, M, S> Schema<Q, M, S> {
        pub(crate) fn build(query: Q, mutation: M, subscription: S) -> Self {
            Schema {
                inner: Arc::new((query, mutation, subscription, vec!["users", "createUser"])),
            }
        }

        pub(crate) async fn execute(&self, query: &str) -> String {
            let known = self.inner.3.iter().any(|field| query.contains(field));
            format!("{{\"data\":{known}}}")
        }
    }

    lazy_static! {
        pub(crate) static ref SCHEMA: Schema<Query, Mutation, EmptySubscription> =
            Schema::build(Query, Mutation, EmptySubscription);
    }
}

mod handler {
    use crate::schema::SCHEMA;

    pub(crate) async fn handle_request(query: &str) -> String {
        SCHEMA.execute(query).await
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(handler::handle_request(&event.payload).await)
}

fn main() {}
