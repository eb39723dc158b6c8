// `get_or_init_notion_api_key()`, a `tokio::sync::OnceCell<String>`, is filled from SSM using two other once-cell getters.
// Reduced from 46ki75/web, crates/http-api-old/src/cache/mod.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod cache {
    /// Stands for `aws_sdk_ssm::Client`: a cheap clone of a shared handle.
    #[derive(Clone)]
    pub struct SsmClient {
        endpoint: std::sync::Arc<String>,
    }

    async fn try_get_ssm_parameter_async(
        client: SsmClient,
        parameter_name: &str,
    ) -> Result<String, String> {
        Ok(format!("{}{parameter_name}", client.endpoint))
    }

    static STAGE_NAME: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

    /// Fetches the STAGE_NAME from cache or initializes it from environment variables.
    pub async fn get_or_init_stage_name() -> Result<&'static String, String> {
        STAGE_NAME
            .get_or_try_init(|| async {
                let stage_name = std::env::var("STAGE_NAME")
                    .map_err(|_| "Environmental variable not found: STAGE_NAME".to_string())?;
                Ok(stage_name)
            })
            .await
    }

    static SSM_CLIENT: tokio::sync::OnceCell<SsmClient> = tokio::sync::OnceCell::const_new();

    /// Initialises or gets AWS Systems Manager SDK Client.
    pub async fn get_or_init_ssm_client() -> &'static SsmClient {
        SSM_CLIENT
            .get_or_init(|| async {
                SsmClient {
                    endpoint: std::sync::Arc::new("ssm:".to_owned()),
                }
            })
            .await
    }

    static NOTION_API_KEY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

    /// Fetches the Notion API key from cache or initializes it if not already loaded.
    pub async fn get_or_init_notion_api_key() -> Result<&'static String, String> {
        NOTION_API_KEY
            .get_or_try_init(|| async {
                let stage_name = get_or_init_stage_name().await?;
                let notion_api_key = try_get_ssm_parameter_async(
                    get_or_init_ssm_client().await.clone(),
                    format!("/{stage_name}/46ki75/web/ssm/parameter/notion/secret").as_str(),
                )
                .await?;

                Ok(notion_api_key)
            })
            .await
    }
}

mod blog {
    pub async fn list_blogs(tag: &str) -> Result<String, String> {
        let secret = crate::cache::get_or_init_notion_api_key().await?;
        Ok(format!("{tag} with {} bytes of key", secret.len()))
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<String>) -> Result<String, Error> {
    Ok(blog::list_blogs(&event.payload).await?)
}

fn main() {}
