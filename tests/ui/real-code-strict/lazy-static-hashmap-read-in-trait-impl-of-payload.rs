// `impl Validate for BidPayload` (a trait of another crate) compares the payload with a `lazy_static!` `HashMap` of expected types.
// Reduced from 0xPikapool/cargo-lambda-functions, bids/src/{bid_payload,core}.rs.
// Verdict under `strict`: refused (every interior-mutable static it reaches); accepted without it.
use invocation_scope::invocation_handler;
use lambda_runtime::{Error, LambdaEvent};

/// Stands for the `validator` crate: the trait lives in another crate.
mod validator {
    #[derive(Debug)]
    pub struct ValidationErrors;

    pub trait Validate {
        fn validate(&self) -> Result<(), ValidationErrors>;
    }
}

mod bid_payload {
    use lazy_static::lazy_static;
    use std::collections::HashMap;

    use crate::validator::{Validate, ValidationErrors};

    #[derive(Debug, Clone, PartialEq)]
    pub struct FieldType {
        pub name: String,
        pub r#type: String,
    }

    pub type MessageTypes = HashMap<String, Vec<FieldType>>;

    pub struct BidPayload {
        pub types: MessageTypes,
        pub domain_name: String,
        pub sender: String,
    }

    lazy_static! {
        static ref EXPECTED_BID_REQUEST_MESSAGE_TYPES: MessageTypes = {
            let mut types = MessageTypes::new();
            types.insert(
                "Bid".to_string(),
                vec![
                    FieldType {
                        name: "auctionName".to_string(),
                        r#type: "string".to_string(),
                    },
                    FieldType {
                        name: "amount".to_string(),
                        r#type: "uint256".to_string(),
                    },
                ],
            );
            types
        };
    }

    impl Validate for BidPayload {
        fn validate(&self) -> Result<(), ValidationErrors> {
            if self.types != *EXPECTED_BID_REQUEST_MESSAGE_TYPES {
                return Err(ValidationErrors);
            }
            if self.domain_name != "Pikapool Auction" {
                return Err(ValidationErrors);
            }
            Ok(())
        }
    }
}

mod core {
    use crate::bid_payload::BidPayload;
    use crate::validator::Validate;

    pub async fn parse_and_validate_event(bid_payload: BidPayload) -> Result<String, String> {
        match bid_payload.validate() {
            Err(_) => Err("typed_data is not a valid Pikapool Bid".to_owned()),
            Ok(()) => Ok(bid_payload.sender),
        }
    }
}

#[invocation_handler(strict)]
async fn request_handler(event: LambdaEvent<bid_payload::BidPayload>) -> Result<String, Error> {
    Ok(core::parse_and_validate_event(event.payload).await?)
}

fn main() {}
