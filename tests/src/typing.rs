//! What the generated client's types guarantee at compile time, as doctests: each `compile_fail`
//! block is paired with a block that compiles, so a failure for an unrelated reason would show.
//!
//! `CreateCallParams` cannot be built without `To`, `From` and exactly one of `Url`, `Twiml` or
//! `ApplicationSid`; all three are constructor arguments:
//!
//! ```
//! use twilio_calls::{CreateCallChoice, CreateCallParams};
//! let _ = CreateCallParams::new("+15558675310", "+15017122661", CreateCallChoice::url("https://example.com/twiml"));
//! ```
//!
//! Leaving out the instructions does not compile:
//!
//! ```compile_fail,E0061
//! use twilio_calls::CreateCallParams;
//! let _ = CreateCallParams::new("+15558675310", "+15017122661");
//! ```
//!
//! Nor does building the parameters field by field (they are private):
//!
//! ```compile_fail,E0451
//! use twilio_calls::{CreateCallChoice, CreateCallParams};
//! let _ = CreateCallParams { to: "+15558675310".into() };
//! ```
//!
//! A SID is its own type: a `CallSid` is not a `CallRecordingSid`, and a plain string is neither.
//!
//! ```
//! # async fn f(client: twilio_calls::Client) -> Result<(), twilio_calls::Error> {
//! let sid = twilio_calls::CallSid::new("CA0123456789abcdef0123456789abcdef").expect("a valid SID");
//! let _call = client.fetch_call(&sid).await?;
//! # Ok(()) }
//! ```
//!
//! ```compile_fail,E0308
//! # async fn f(client: twilio_calls::Client) -> Result<(), twilio_calls::Error> {
//! let _call = client.fetch_call("CA0123456789abcdef0123456789abcdef").await?;
//! # Ok(()) }
//! ```
//!
//! ```compile_fail,E0308
//! # async fn f(client: twilio_calls::Client) -> Result<(), twilio_calls::Error> {
//! let sid = twilio_calls::CallRecordingSid::new("RE0123456789abcdef0123456789abcdef").expect("a valid SID");
//! let _call = client.fetch_call(&sid).await?;
//! # Ok(()) }
//! ```
//!
//! A malformed SID is refused on construction:
//!
//! ```
//! assert!(twilio_calls::CallSid::new("CA123").is_err());
//! assert!(twilio_calls::CallSid::new("RE0123456789abcdef0123456789abcdef").is_err());
//! ```
//!
//! Enums print and parse their wire value and keep values they do not know:
//!
//! ```
//! use twilio_calls::CallStatus;
//! assert_eq!(CallStatus::InProgress.as_str(), "in-progress");
//! assert_eq!("no-answer".parse::<CallStatus>(), Ok(CallStatus::NoAnswer));
//! assert_eq!(CallStatus::from("teleported"), CallStatus::Unknown("teleported".into()));
//! ```
