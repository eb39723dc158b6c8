// The handler a library macro writes declares `static CONFIG: OnceLock<RoutingConfig>` in its body and fills it with the routing table.
// Reduced from fractic-io/rust-aws-apigateway, src/handle_with_router/macros.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

type RouteFn = fn(&str) -> String;

pub struct RoutingConfig {
    routes: Vec<(&'static str, RouteFn)>,
}

impl RoutingConfig {
    async fn handle(&self, path: String) -> Result<String, Error> {
        match self.routes.iter().find(|(prefix, _)| path.starts_with(prefix)) {
            Some((_, route)) => Ok(route(&path)),
            None => Err(format!("no route for {path}").into()),
        }
    }
}

fn get_item(path: &str) -> String {
    format!("item at {path}")
}

fn routing_config() -> RoutingConfig {
    RoutingConfig {
        routes: vec![("/items", get_item as RouteFn)],
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    static CONFIG: ::std::sync::OnceLock<RoutingConfig> = ::std::sync::OnceLock::new();
    let config_ref = CONFIG.get_or_init(|| routing_config());
    config_ref.handle(event.payload).await
}

fn main() {}
