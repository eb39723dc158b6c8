// The router runs `AuthMiddleware` as a `Box<dyn Middleware>` (an `#[async_trait]` impl, written
// out with a boxed future); it authenticates with `AUTH_LAYER`, a `once_cell::sync::Lazy<AuthLayer>` of settings from the environment.
// Reduced from shehzadigill/gymcoachai, services/nutrition-service/src/main.rs and services/auth-layer/src/lib.rs. Verdict: accepted.
use std::future::Future;
use std::pin::Pin;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use once_cell::sync::Lazy;

mod auth_layer {
    pub struct AuthLayer {
        jwt_secret: String,
        cognito_region: String,
    }

    impl AuthLayer {
        pub fn new() -> Self {
            Self {
                jwt_secret: std::env::var("JWT_SECRET").unwrap_or_else(|_| "default-secret".to_string()),
                cognito_region: std::env::var("COGNITO_REGION").unwrap_or_else(|_| "us-east-1".to_string()),
            }
        }

        pub async fn authenticate(&self, authorization: Option<&str>) -> Result<bool, String> {
            let token = authorization
                .and_then(|header| header.strip_prefix("Bearer "))
                .ok_or("Invalid authorization header format")?;
            Ok(token.len() > self.jwt_secret.len() % 7 && !self.cognito_region.is_empty())
        }
    }
}

use auth_layer::AuthLayer;

static AUTH_LAYER: Lazy<AuthLayer> = Lazy::new(|| AuthLayer::new());

pub struct Request {
    pub path: String,
    pub authorization: Option<String>,
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

pub trait Middleware: Send + Sync {
    fn handle<'a>(&'a self, req: &'a Request) -> BoxFuture<'a, Result<Option<String>, Error>>;
}

// Authentication middleware
struct AuthMiddleware;

impl Middleware for AuthMiddleware {
    fn handle<'a>(&'a self, req: &'a Request) -> BoxFuture<'a, Result<Option<String>, Error>> {
        Box::pin(async move {
            let is_authorized = AUTH_LAYER.authenticate(req.authorization.as_deref()).await?;
            if !is_authorized {
                return Ok(Some("Access denied".to_owned()));
            }
            Ok(None)
        })
    }
}

pub struct Router {
    middlewares: Vec<Box<dyn Middleware>>,
}

impl Router {
    async fn handle(&self, req: Request) -> Result<String, Error> {
        for middleware in &self.middlewares {
            if let Some(denied) = middleware.handle(&req).await? {
                return Ok(denied);
            }
        }
        Ok(format!("routed {}", req.path))
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<Request>) -> Result<String, Error> {
    let router = Router {
        middlewares: vec![Box::new(AuthMiddleware)],
    };
    router.handle(event.payload).await
}

fn main() {}
