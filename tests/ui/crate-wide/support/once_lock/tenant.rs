use std::sync::OnceLock;

static TENANT: OnceLock<String> = OnceLock::new();

pub fn current(from_event: &str) -> &'static str {
    remember(from_event)
}

fn remember(value: &str) -> &'static str {
    TENANT.get_or_init(|| value.to_owned())
}
