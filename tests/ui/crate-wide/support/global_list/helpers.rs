use std::sync::Mutex;

use serde_json::Value;

static ITEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Collects the event's items and says how many there are.
pub fn record(payload: &Value) -> usize {
    let items = payload["items"].as_array().into_iter().flatten();
    for item in items.filter_map(Value::as_str) {
        push_item(item);
    }
    items_len()
}

fn push_item(item: &str) {
    ITEMS.lock().unwrap().push(item.to_owned());
}

fn items_len() -> usize {
    ITEMS.lock().unwrap().len()
}
