//! `<Pay>`: collects a card or bank account over the keypad and hands it to a payment
//! connector, with [`Prompt`]s replacing what the caller hears at each step and
//! [`Parameter`](super::Parameter)s passed to the connector.

use super::element::{GatherChild, Node, PayChild, attr, element, placed_in, value_enum};
use super::parameter::parameter_child;
use super::values::Method;

value_enum! {
    /// How a [`Pay`] collects the caller's input.
    PayInput {
        /// Keypad digits (the only input Twilio accepts).
        Dtmf => "dtmf",
    }
}

value_enum! {
    /// What a [`Pay`] collects.
    PaymentMethod {
        /// A credit or debit card (the default).
        CreditCard => "credit-card",
        /// A bank account, debited by ACH.
        AchDebit => "ach-debit",
    }
}

value_enum! {
    /// The kind of bank account of an ACH [`Pay`].
    BankAccountType {
        /// A personal checking account (the default).
        ConsumerChecking => "consumer-checking",
        /// A personal savings account.
        ConsumerSavings => "consumer-savings",
        /// A business checking account.
        CommercialChecking => "commercial-checking",
        /// A business savings account.
        CommercialSavings => "commercial-savings",
    }
}

value_enum! {
    /// What a [`Pay`] without a charge amount creates.
    TokenType {
        /// A token for one payment.
        OneTime => "one-time",
        /// A token for repeated payments.
        Reusable => "reusable",
        /// A payment method token.
        PaymentMethod => "payment-method",
    }
}

value_enum! {
    /// A card brand, accepted by a [`Pay`] or named by a [`Prompt`].
    CardType {
        /// Visa.
        Visa => "visa",
        /// Mastercard.
        Mastercard => "mastercard",
        /// American Express.
        Amex => "amex",
        /// Maestro.
        Maestro => "maestro",
        /// Discover.
        Discover => "discover",
        /// Optima.
        Optima => "optima",
        /// JCB.
        Jcb => "jcb",
        /// Diners Club.
        DinersClub => "diners-club",
        /// enRoute.
        Enroute => "enroute",
    }
}

value_enum! {
    /// The step of a [`Pay`] whose prompt a [`Prompt`] replaces.
    PromptFor {
        /// Asking for the card number.
        PaymentCardNumber => "payment-card-number",
        /// Asking for the expiration date.
        ExpirationDate => "expiration-date",
        /// Asking for the security code.
        SecurityCode => "security-code",
        /// Asking for the postal code.
        PostalCode => "postal-code",
        /// Before the payment is processed.
        PaymentProcessing => "payment-processing",
        /// Asking for the bank account number.
        BankAccountNumber => "bank-account-number",
        /// Asking for the bank routing number.
        BankRoutingNumber => "bank-routing-number",
    }
}

value_enum! {
    /// The error after which a [`Prompt`] is played.
    PromptErrorType {
        /// Nothing was entered in time.
        Timeout => "timeout",
        /// The card number is not valid.
        InvalidCardNumber => "invalid-card-number",
        /// The card brand is not accepted.
        InvalidCardType => "invalid-card-type",
        /// The expiration date is not valid.
        InvalidDate => "invalid-date",
        /// The security code is not valid.
        InvalidSecurityCode => "invalid-security-code",
        /// The payment could not be processed.
        InternalError => "internal-error",
        /// The two entries asked for did not match.
        InputMatchingFailed => "input-matching-failed",
    }
}

element! {
    /// `<Pay>`: collects payment details over the keypad and processes them with a payment
    /// connector, then requests `action` with the result.
    Pay
}
placed_in!(Pay: Verb);

impl Pay {
    /// A payment with Twilio's defaults (a card, through the default connector).
    pub fn new() -> Self {
        Self(Node::new("Pay"))
    }
    /// Appends a [`Prompt`] or a [`Parameter`](super::Parameter).
    pub fn push(mut self, child: impl PayChild) -> Self {
        self.0.push(child.into().0);
        self
    }
    parameter_child!();
    attr!(
        /// `input`: how input is collected.
        input, "input", PayInput
    );
    attr!(
        /// `action`: the URL Twilio requests with the result.
        action, "action", into String
    );
    attr!(
        /// `bankAccountType`: the kind of account, with [`PaymentMethod::AchDebit`].
        bank_account_type, "bankAccountType", BankAccountType
    );
    attr!(
        /// `statusCallback`: a URL receiving the progress of the payment.
        status_callback, "statusCallback", into String
    );
    attr!(
        /// `statusCallbackMethod`: how `statusCallback` is requested.
        status_callback_method, "statusCallbackMethod", Method
    );
    attr!(
        /// `timeout`: seconds without a key that end a step.
        timeout, "timeout", u32
    );
    attr!(
        /// `maxAttempts`: how many times a step is tried.
        max_attempts, "maxAttempts", u32
    );
    attr!(
        /// `securityCode`: whether the security code is asked for.
        security_code, "securityCode", bool
    );
    attr!(
        /// `postalCode`: `true` or `false` (whether it is asked for), or the postal code itself.
        postal_code, "postalCode", into String
    );
    attr!(
        /// `minPostalCodeLength`: the fewest digits of a postal code.
        min_postal_code_length, "minPostalCodeLength", u32
    );
    attr!(
        /// `paymentConnector`: the connector's unique name.
        payment_connector, "paymentConnector", into String
    );
    attr!(
        /// `paymentMethod`: a card or a bank account.
        payment_method, "paymentMethod", PaymentMethod
    );
    attr!(
        /// `tokenType`: the token created when there is no charge.
        token_type, "tokenType", TokenType
    );
    attr!(
        /// `chargeAmount`: the amount to charge, as a decimal such as `10.50` (none or `0`
        /// creates a token instead).
        charge_amount, "chargeAmount", into String
    );
    attr!(
        /// `currency`: the currency of `chargeAmount`, such as `usd`.
        currency, "currency", into String
    );
    attr!(
        /// `description`: a description of the payment.
        description, "description", into String
    );
    attr!(
        /// `validCardTypes`: the accepted brands.
        valid_card_types, "validCardTypes", list CardType, " "
    );
    attr!(
        /// `language`: the language of the default prompts, such as `en-US`.
        language, "language", into String
    );
}

impl Default for Pay {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<Prompt>` in a [`Pay`]: what the caller hears at one step, instead of Twilio's default
    /// ([`Say`](super::Say), [`Play`](super::Play) and [`Pause`](super::Pause)).
    Prompt
}
placed_in!(Prompt: PayChild);

impl Prompt {
    /// The prompt of the step `step`.
    pub fn new(step: PromptFor) -> Self {
        Self(Node::with_attr("Prompt", "for", step))
    }
    /// Appends what the caller hears.
    pub fn push(mut self, child: impl GatherChild) -> Self {
        self.0.push(child.into().0);
        self
    }
    attr!(
        /// `errorType`: play this prompt only after these errors.
        error_type, "errorType", list PromptErrorType, " "
    );
    attr!(
        /// `cardType`: play this prompt only for these brands.
        card_type, "cardType", list CardType, " "
    );
    attr!(
        /// `attempt`: play this prompt only at these attempts (1 for the first).
        attempt, "attempt", list u32, " "
    );
    attr!(
        /// `requireMatchingInputs`: ask twice and compare.
        require_matching_inputs, "requireMatchingInputs", bool
    );
}
