use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

macro_rules! declare_counter {
    ($name:ident) => {
        pub mod generated {
            pub struct $name {
                pub hits: std::sync::atomic::AtomicU32,
            }
        }
    };
}

declare_counter!(Counter);

mod metrics {
    pub static HITS: crate::generated::Counter = crate::generated::Counter {
        hits: std::sync::atomic::AtomicU32::new(0),
    };

    pub fn hit() -> u32 {
        HITS.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

#[invocation_handler]
async fn handler(_event: LambdaEvent<()>) -> Result<u32, Error> {
    Ok(metrics::hit())
}

fn main() {}
