// `main` builds the controllers once and stores them with `MEAL_CONTROLLER.set(..)` (a
// `once_cell::sync::OnceCell<MealController>` of the crate root); route handlers in `handlers.rs` only `get()` it.
// Reduced from shehzadigill/gymcoachai, services/nutrition-service/src/{main,handlers}.rs. Verdict: accepted (set in `main`).
use std::sync::Arc;

use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};
use once_cell::sync::OnceCell;

/// Stands for `aws_sdk_dynamodb::Client`: a cheap clone of a shared handle.
#[derive(Clone)]
pub struct DynamoDbClient {
    inner: Arc<String>,
}

#[derive(Clone)]
pub struct MealRepository {
    client: DynamoDbClient,
    table_name: String,
}

pub struct MealController {
    repository: MealRepository,
}

impl MealController {
    pub async fn get_meal(&self, user_id: &str, meal_id: &str) -> Result<String, String> {
        let repository = &self.repository;
        Ok(format!(
            "{}/{}/USER#{user_id}/MEAL#{meal_id}",
            repository.client.inner, repository.table_name
        ))
    }
}

// Global clients for cold start optimization
static DYNAMODB_CLIENT: OnceCell<Arc<DynamoDbClient>> = OnceCell::new();
// Global controllers (initialized once)
static MEAL_CONTROLLER: OnceCell<MealController> = OnceCell::new();

fn init_controllers() {
    let table_name = std::env::var("DYNAMODB_TABLE").unwrap_or_else(|_| "gymcoach-ai".to_string());
    let dynamodb_client = DYNAMODB_CLIENT.get().expect("DynamoDB not initialized").as_ref();
    let meal_repository = MealRepository {
        client: dynamodb_client.clone(),
        table_name,
    };
    let _ = MEAL_CONTROLLER.set(MealController {
        repository: meal_repository,
    });
}

mod handlers {
    use crate::MEAL_CONTROLLER;

    pub async fn get_meal(user_id: &str, meal_id: &str) -> Result<String, String> {
        let controller = MEAL_CONTROLLER.get().ok_or("Controller not initialized")?;
        controller.get_meal(user_id, meal_id).await
    }
}

#[invocation_handler]
async fn handler(event: LambdaEvent<(String, String)>) -> Result<String, Error> {
    let (user_id, meal_id) = event.payload;
    Ok(handlers::get_meal(&user_id, &meal_id).await?)
}

fn main() {
    let _ = DYNAMODB_CLIENT.set(Arc::new(DynamoDbClient {
        inner: Arc::new("dynamodb".to_owned()),
    }));
    init_controllers();
}
