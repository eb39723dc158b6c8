use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

// The global-list bug: helpers push into a list that every warm invocation shares.
#[invocation_scope::no_mutable_statics]
mod report {
    use std::sync::Mutex;

    static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub fn collect(item: String) {
        ITEMS.lock().unwrap().push(item);
    }

    pub fn count() -> usize {
        ITEMS.lock().unwrap().len()
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<String>) -> Result<usize, Error> {
    report::collect(event.payload);
    Ok(report::count())
}

fn main() {}
