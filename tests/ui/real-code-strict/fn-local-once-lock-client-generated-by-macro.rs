// A `macro_rules!` writes `main` (sets `AWS_SDK_CONFIG`) and `dynamo()`, whose fn-local `static CLIENT: OnceLock<Client>` a non-capturing closure fills.
// Reduced from JeremieRodon/demo-rust-lambda, rust/libs/lambda_commons_utils/src/lib.rs and rust/lambdas/get-dog-count/src/main.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// Stands for `aws_config::SdkConfig`.
#[derive(Clone, Debug)]
pub struct SdkConfig {
    region: String,
}

/// Stands for `aws_sdk_dynamodb::Client`: a cheap clone of a shared handle.
#[derive(Clone, Debug)]
pub struct Client {
    inner: std::sync::Arc<String>,
}

impl Client {
    pub fn new(config: &SdkConfig) -> Self {
        Client {
            inner: std::sync::Arc::new(config.region.clone()),
        }
    }
}

macro_rules! lambda_clients {
    ($($fn_name:ident = $sdk:ty),+) => {
        static AWS_SDK_CONFIG: std::sync::OnceLock<SdkConfig> = std::sync::OnceLock::new();

        pub fn aws_sdk_config() -> &'static SdkConfig {
            AWS_SDK_CONFIG.get().unwrap()
        }

        $(
            pub fn $fn_name() -> $sdk {
                static CLIENT: std::sync::OnceLock<$sdk> = std::sync::OnceLock::new();
                CLIENT.get_or_init(|| <$sdk>::new(aws_sdk_config())).clone()
            }
        )+

        fn main() {
            AWS_SDK_CONFIG
                .set(SdkConfig { region: "eu-west-3".to_owned() })
                .unwrap();
        }
    };
}

struct DynamoDbSheepShed {
    client: Client,
}

impl DynamoDbSheepShed {
    fn new(client: Client) -> Self {
        DynamoDbSheepShed { client }
    }

    fn sheep_count(&self) -> usize {
        self.client.inner.len()
    }
}

#[invocation_handler(strict)]
async fn handler(event: LambdaEvent<()>) -> Result<usize, Error> {
    let () = event.payload;
    let dynamodb_sheep_shed = DynamoDbSheepShed::new(dynamo());
    Ok(dynamodb_sheep_shed.sheep_count())
}

lambda_clients!(dynamo = Client);
