// Services notify through `notifier::get()`, a `tokio::sync::OnceCell<Arc<Notifier>>`; `Notifier` has a `#[cfg(feature = "in_memory")]` twin with a `RwLock`.
// Reduced from Nick-Sullivan/rust-lambda, lambda/notifier/src/{lib,notifier_instance,notifier_cloud,notifier_local}.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.

// `in_memory` is a feature of the real crate; this one does not declare it.
#![allow(unexpected_cfgs)]

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod notifier {
    pub trait INotifier {
        async fn notify(&self, connection_id: &str, message: &str) -> Result<(), String>;
    }

    #[cfg(not(feature = "in_memory"))]
    mod notifier_cloud {
        /// Stands for `aws_sdk_apigatewaymanagement::Client`.
        #[derive(Clone)]
        pub struct Client {
            endpoint: std::sync::Arc<String>,
        }

        pub struct Notifier {
            client: Client,
        }

        impl Notifier {
            pub async fn new() -> Self {
                let gateway_url = std::env::var("API_GATEWAY_URL").unwrap_or_default();
                Notifier {
                    client: Client {
                        endpoint: std::sync::Arc::new(gateway_url.replace("wss", "https")),
                    },
                }
            }
        }

        impl super::INotifier for Notifier {
            async fn notify(&self, connection_id: &str, message: &str) -> Result<(), String> {
                if self.client.endpoint.is_empty() {
                    return Err(format!("no endpoint to send {message} to {connection_id}"));
                }
                Ok(())
            }
        }
    }

    #[cfg(feature = "in_memory")]
    mod notifier_local {
        use std::collections::HashMap;
        use std::sync::RwLock;

        pub struct Notifier {
            pub log: RwLock<HashMap<String, Vec<String>>>,
        }

        impl Notifier {
            pub async fn new() -> Self {
                Notifier {
                    log: RwLock::new(HashMap::new()),
                }
            }
        }

        impl super::INotifier for Notifier {
            async fn notify(&self, connection_id: &str, message: &str) -> Result<(), String> {
                let mut log = self.log.write().unwrap();
                log.entry(connection_id.to_owned()).or_default().push(message.to_owned());
                Ok(())
            }
        }
    }

    mod notifier_instance {
        use super::Notifier;
        use std::sync::Arc;
        use tokio::sync::OnceCell;

        static NOTIFIER: OnceCell<Arc<Notifier>> = OnceCell::const_new();

        pub async fn get() -> Arc<Notifier> {
            NOTIFIER.get_or_init(init).await.clone()
        }

        async fn init() -> Arc<Notifier> {
            let notifier = Notifier::new().await;
            Arc::new(notifier)
        }
    }

    #[cfg(not(feature = "in_memory"))]
    pub use notifier_cloud::*;
    pub use notifier_instance::*;
    #[cfg(feature = "in_memory")]
    pub use notifier_local::*;
}

mod service {
    use crate::notifier::{self, INotifier};

    pub async fn create_session(connection_id: &str) -> Result<String, String> {
        let notifier = notifier::get().await;
        notifier.notify(connection_id, "session created").await?;
        Ok(format!("session for {connection_id}"))
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(service::create_session(&event.payload).await?)
}

fn main() {}
