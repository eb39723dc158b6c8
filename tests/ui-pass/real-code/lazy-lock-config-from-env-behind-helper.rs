// A helper sends the reminder with the endpoint and token of `config::APP_CONFIG`, a `LazyLock<AppConfig>` read from the environment.
// Reduced from gmLucario/pet-info, terraform/lambda_package/send-reminders/src/{config,handler}.rs.
// Verdict: accepted (`LazyLock<T>`, `T` holds no lock or cell).
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

mod config {
    use std::sync::LazyLock;

    #[derive(Clone)]
    pub struct AppConfig {
        pub whatsapp_business_phone_number_id: u64,
        pub whatsapp_business_auth: String,
    }

    impl AppConfig {
        fn init_from_env() -> Result<Self, std::env::VarError> {
            Ok(AppConfig {
                whatsapp_business_phone_number_id: std::env::var("WHATSAPP_BUSINESS_PHONE_NUMBER_ID")?
                    .parse()
                    .unwrap_or_default(),
                whatsapp_business_auth: std::env::var("WHATSAPP_BUSINESS_AUTH")?,
            })
        }

        pub fn whatsapp_send_msg_endpoint(&self) -> String {
            format!(
                "https://graph.facebook.com/v22.0/{id}/messages",
                id = self.whatsapp_business_phone_number_id
            )
        }
    }

    pub static APP_CONFIG: LazyLock<AppConfig> =
        LazyLock::new(|| AppConfig::init_from_env().unwrap());
}

pub struct IncomingMessage {
    phone: String,
    body: String,
}

pub struct OutgoingMessage {
    pub req_id: String,
    pub msg: String,
}

async fn send_msg(phone_number: &str, body: &str) -> Result<(), Error> {
    let endpoint = config::APP_CONFIG.whatsapp_send_msg_endpoint();
    let bearer = config::APP_CONFIG.whatsapp_business_auth.to_string();
    // The real helper posts `body` to `endpoint` with `bearer`; the request is left out.
    if endpoint.is_empty() || bearer.is_empty() || phone_number.is_empty() || body.is_empty() {
        return Err("reminder was not sent".into());
    }
    Ok(())
}

#[invocation_handler]
async fn handler(event: LambdaEvent<IncomingMessage>) -> Result<OutgoingMessage, Error> {
    let payload = event.payload;

    send_msg(&payload.phone, &payload.body).await?;

    Ok(OutgoingMessage {
        req_id: event.context.request_id,
        msg: "reminder was sent".into(),
    })
}

fn main() {}
