// The publisher rebuilds the blog cache through `Arc<dyn BlogRepository>`, whose impl reads SSM parameters with a
// `#[cached(result = true)] async fn`: the static `Mutex<HashMap>` that attribute generates is written out here.
// Reduced from 46ki75/web, crates/web-lambda-http-api/src/{blog/publisher,once_cell_cache/ssm_parameter}.rs. Verdict: refused (a lock in a `Lazy`).
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod once_cell_cache {
    pub mod ssm_parameter {
        use std::collections::HashMap;

        /// What `#[cached::proc_macro::cached(result = true)]` puts next to the function.
        static TRY_GET_SSM_PARAMETER_ASYNC: once_cell::sync::Lazy<
            tokio::sync::Mutex<HashMap<String, String>>,
        > = once_cell::sync::Lazy::new(|| tokio::sync::Mutex::new(HashMap::new()));

        pub async fn try_get_ssm_parameter_async(parameter_name: String) -> Result<String, String> {
            if let Some(cached) = TRY_GET_SSM_PARAMETER_ASYNC.lock().await.get(&parameter_name) {
                return Ok(cached.clone());
            }
            let parameter = format!("value of {parameter_name}");
            TRY_GET_SSM_PARAMETER_ASYNC
                .lock()
                .await
                .insert(parameter_name, parameter.clone());
            Ok(parameter)
        }
    }
}

type BoxedResult<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

pub trait BlogRepository: Send + Sync {
    fn list_blogs(&self, language: String) -> BoxedResult<'_, Vec<String>>;
}

pub struct BlogRepositoryImpl {}

impl BlogRepository for BlogRepositoryImpl {
    fn list_blogs(&self, language: String) -> BoxedResult<'_, Vec<String>> {
        Box::pin(async move {
            let stage_name = std::env::var("STAGE_NAME").unwrap_or_else(|_| "dev".to_owned());
            let data_source_id = once_cell_cache::ssm_parameter::try_get_ssm_parameter_async(
                format!("/{stage_name}/46ki75/web/ssm/parameter/notion/data_source/id/blog-article-master"),
            )
            .await?;
            Ok(vec![format!("{language} blogs from {data_source_id}")])
        })
    }
}

pub struct BlogUseCase {
    pub blog_repository: Arc<dyn BlogRepository + Send + Sync>,
}

impl BlogUseCase {
    pub async fn list_blogs(&self, language: String) -> Result<Vec<String>, String> {
        self.blog_repository.list_blogs(language).await
    }
}

pub async fn rebuild_cache() -> Result<usize, String> {
    let use_case = BlogUseCase {
        blog_repository: Arc::new(BlogRepositoryImpl {}),
    };
    let mut articles = 0;
    for language in ["en", "ja"] {
        articles += use_case.list_blogs(language.to_owned()).await?.len();
    }
    Ok(articles)
}

#[invocation_handler]
async fn function_handler(event: LambdaEvent<Option<String>>) -> Result<usize, Error> {
    let _action = event.payload;
    Ok(rebuild_cache().await?)
}

fn main() {}
